// run.mjs - the browser checks (tests/browser/browser sets the environment):
// a search, a facet click, a map click, pagination, the back button, the
// document page, a phone-width screen, the widget on a page from another
// origin, and the documentalist's upload-and-correct flow.  Prints
// "ok - ..." / "not ok - ..." lines; each scenario saves a screenshot.
import http from "node:http";
import { chromium } from "playwright-core";

const BASE = process.env.VEILLE_URL;
const WIDGET_PORT = Number(process.env.WIDGET_PORT);
const TOKEN = process.env.ADMIN_TOKEN;
const ARTIFACTS = process.env.ARTIFACTS;
let failures = 0;

function check(name, ok, detail = "") {
  console.log(`${ok ? "ok" : "not ok"} - ${name}`);
  if (!ok) {
    failures++;
    if (detail) console.log(`#   ${String(detail).replace(/\n/g, "\n#   ")}`);
  }
}

async function scenario(name, fn) {
  try {
    await fn();
  } catch (e) {
    check(`${name} runs to its end`, false, e.stack || e.message);
  }
}

async function shot(page, name) {
  await page.screenshot({ path: `${ARTIFACTS}/${name}.png`, fullPage: true });
}

const api = async (path) => (await fetch(BASE + path)).json();
const resultCount = (page) => page.locator("#results > li.result").count();
// Waits until the result list shows the search whose parameters include `part`.
const showing = (page, part) => page.waitForFunction((p) => {
  const r = document.querySelector("#results");
  return r.getAttribute("aria-busy") === "false" && (r.dataset.shown || "").split("&").includes(p);
}, part);
const summary = (page) => page.locator("#h-results").textContent();

// A page of the association's website, on another origin, with styles
// that would leak into a widget that is not isolated.
const HOST_PAGE = `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Site ASV</title>
<style>a { color: rgb(255, 0, 0) !important; font-size: 40px; } li { list-style: square; }
h2 { color: rgb(0, 128, 0); font-family: serif; } .box { border: 9px solid rgb(0, 0, 255); }</style>
<script>window.__before = Object.keys(window);</script></head>
<body><h1>Ateliers santé ville</h1><h2 id="own">Titre du site</h2>
<div id="latest" data-veille="latest" data-theme="sante-mentale" data-limit="5"
     data-title="Santé mentale : les derniers documents"></div>
<div id="search" data-veille data-region="occitanie"></div>
<script src="${BASE}/widget.js"></script></body></html>`;

function serveHostPage() {
  const server = http.createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(HOST_PAGE);
  });
  return new Promise((resolve) => server.listen(WIDGET_PORT, "127.0.0.1", () => resolve(server)));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
const desktop = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "fr-FR" });
const page = await desktop.newPage();
const pageErrors = [];
page.on("pageerror", (e) => pageErrors.push(e.message));
page.on("console", (m) => { if (m.type() === "error") pageErrors.push(m.text()); });

await scenario("search", async () => {
  await page.goto(BASE + "/");
  await page.fill("#q", "sante mentale");
  await page.press("#q", "Enter");
  await showing(page, "q=sante+mentale");
  check("a search shows results", (await resultCount(page)) > 0);
  check("the URL holds the query", new URL(page.url()).searchParams.get("q") === "sante mentale", page.url());
  await page.waitForTimeout(300); // longer than the completion's delay
  check("no completion list is left open after Enter", await page.locator("#suggestions").isHidden());
  check("matched words are marked in snippets", (await page.locator("#results mark").count()) > 0);
  check("the thesaurus expansion is shown", /Santé mentale/.test(await page.locator("#expansions").textContent()));
  const feed = await page.locator("#feed").getAttribute("href");
  check("the Atom link follows the search", feed.includes("q=sante+mentale"), feed);
  await page.click("#news");
  await showing(page, "sort=added");
  check("« Nouveautés » sorts the same search by arrival",
        new URL(page.url()).searchParams.get("q") === "sante mentale" && (await page.locator("#sort").inputValue()) === "added",
        page.url());
  check("results then say when they arrived", /arrivé le/.test(await page.locator("#results .meta").first().textContent()));
  await page.goBack();
  await showing(page, "q=sante+mentale");
  await page.click("#alert-open");
  await page.fill("#alert-email", "coordinatrice@asv.test");
  await page.click("#alert button[type=submit]");
  await page.waitForFunction(() => /confirmation/.test(document.querySelector("#alert-status").textContent));
  check("« Alerte par courriel » subscribes this search and says a confirmation mail left", true);
  const t = await page.evaluate(() => performance.getEntriesByName("veille-results")[0]?.startTime);
  console.log(`# first results painted ${t === undefined ? "?" : Math.round(t)} ms after navigation start`);
  await shot(page, "01-search-desktop");
});

await scenario("a missing word", async () => {
  await page.fill("#q", "nutrition enfants quokkaxyz");
  await page.press("#q", "Enter");
  await showing(page, "q=nutrition+enfants+quokkaxyz");
  check("a query with a word no document has still shows results", (await resultCount(page)) > 0);
  const missing = await page.locator("#results .missing").first().textContent();
  check("each result says which word it lacks", missing === "Il manque : quokkaxyz", missing);
  await page.fill("#q", "sante mantale");
  await page.press("#q", "Enter");
  await showing(page, "q=sante+mantale");
  const said = await page.locator("#dym").textContent();
  check("a typo shows its correction's results, and says so", /^Résultats pour « santé mentale »/.test(said), said);
  await page.locator("#dym a").click();
  await page.waitForURL((u) => u.searchParams.get("correct") === "0");
  /* the address changes before the answer is painted: wait for its text */
  await page.waitForFunction(() => (document.querySelector("#dym")?.textContent || "").includes("Essayez"),
                             null, { timeout: 10000 }).catch(() => {});
  check("one click searches the words as typed", (await page.locator("#dym").textContent()).includes("Essayez"));
  await page.fill("#q", "sante mentale");
  await page.press("#q", "Enter");
  await showing(page, "q=sante+mentale");
});

await scenario("facet click", async () => {
  const before = await summary(page);
  const box = page.locator("#facet-theme input[type=checkbox]").first();
  const id = (await box.getAttribute("id")).replace("f-theme-", "");
  const count = Number((await page.locator(`label[for="f-theme-${id}"] .count`).textContent()));
  await box.check();
  await page.waitForURL((u) => u.searchParams.getAll("theme").includes(id));
  await page.waitForFunction((b) => document.querySelector("#h-results").textContent !== b, before);
  const total = await api(`/api/search?q=sante+mentale&theme=${id}&per_page=1`);
  check(`a theme click filters (${id}: facet said ${count})`, total.total === count, JSON.stringify(total.total));
  check("the filter shows as a removable chip", (await page.locator("#chips .chip.removable").count()) === 1);
  await shot(page, "02-facet-theme");
  await page.locator("#chips .chip.removable").first().click();
  await page.waitForURL((u) => !u.searchParams.has("theme"));
  check("removing the chip removes the filter", (await page.locator("#chips .chip.removable").count()) === 0);
});

await scenario("map click", async () => {
  await page.goto(BASE + "/");
  await page.waitForSelector("#map .tile[data-region=bretagne]");
  const label = await page.locator("#map .tile[data-region=bretagne]").getAttribute("aria-label");
  const expected = Number(/(\d+) document/.exec(label)[1]);
  await page.locator("#map .tile[data-region=bretagne]").click();
  await page.waitForURL((u) => u.searchParams.get("region") === "bretagne");
  await page.waitForFunction(() => document.querySelector("#map .tile[data-region=bretagne]")?.classList.contains("selected"));
  check(`a click on Bretagne filters on it (${expected} documents)`,
        (await summary(page)).startsWith(`${expected} document`), await summary(page));
  const regions = await page.locator("#results .chip.tag.region").allTextContents();
  check("every result is tagged Bretagne", regions.length > 0 && (await resultCount(page)) ===
        (await page.locator("#results li.result", { hasText: "Bretagne" }).count()), regions.join(", "));
  const overseas = await page.locator("#map .tile[data-region=mayotte]").count();
  check("the map shows the overseas regions", overseas === 1);
  await page.locator("#map .tile[data-region=bretagne]").focus();
  await page.keyboard.press("Enter");
  await page.waitForURL((u) => !u.searchParams.has("region"));
  check("Enter on a focused tile toggles it (keyboard)", true);
  await shot(page, "03-map");
});

await scenario("reading a document", async () => {
  await page.goto(BASE + "/?q=sante+mentale");
  await page.waitForSelector("#results > li.result");
  await page.locator("#results li.result h2 a").first().click();
  await page.waitForSelector("#document .similar li a");
  const headings = (await page.locator("#document h3").allTextContents()).join(" | ");
  check("the document page shows the passages with the search's words, its text and its neighbours",
        /Passages pour « sante mentale »/.test(headings) && /Premières pages|Début du texte/.test(headings) &&
        /Documents proches/.test(headings), headings);
  check("a passage says its page and marks the words",
        /^p\. \d+/.test(await page.locator("#document .passages li").first().textContent()) &&
        (await page.locator("#document .passages mark").count()) > 0);
  check("« Ouvrir » opens the PDF in the browser",
        /\/file\?inline=1$/.test(await page.locator("#document a.open").getAttribute("href")));
  check("the text's beginning is shown", (await page.locator("#document .reading").textContent()).length > 100);
  await shot(page, "05b-reading");
  const title = await page.locator("#document h2").textContent();
  await page.locator("#document .similar li a").first().click();
  await page.waitForFunction((t) => document.querySelector("#document h2")?.textContent !== t, title);
  check("a neighbour opens its own page", true);
});

await scenario("identical files and versions", async () => {
  await page.goto(BASE + "/?q=zorglub");
  await page.waitForSelector("#results > li.result");
  check("two versions of a report are one result", (await resultCount(page)) === 1, String(await resultCount(page)));
  check("... and the heading counts both documents in one result",
        (await summary(page)) === "2 documents en 1 résultat (versions regroupées)", await summary(page));
  const versions = await page.locator("#results li.result .versions").textContent();
  check("... which names the other version", /^Autre version : /.test(versions), versions);
  await page.locator("#results li.result .versions a").first().click();
  await page.waitForSelector("#document h2");
  check("... a link to its page, which lists the other version",
        /Autres versions/.test(await page.locator("#document dl").textContent()));
  // a document opened from a feed or a mail has no results behind it
  const doc = new URL(page.url()).searchParams.get("doc");
  const fresh = await desktop.newPage();
  await fresh.goto(BASE + "/?q=zorglub&doc=" + doc);
  await fresh.waitForSelector("#document a.back");
  await fresh.locator("#document a.back").click();
  await fresh.waitForSelector("#results > li.result");
  check("« Retour aux résultats » from a linked document shows its search's results",
        !new URL(fresh.url()).searchParams.has("doc") && /zorglub/.test(fresh.url()), fresh.url());
  await fresh.close();
  await page.goto(BASE + "/?q=cayenne+diagnostic");
  await page.waitForSelector("#results > li.result");
  const meta = await page.locator("#results li.result .meta").first().textContent();
  check("a report in two folders is one result saying so", /2 fichiers identiques/.test(meta), meta);
  await page.locator("#results li.result h2 a").first().click();
  await page.waitForSelector("#document ul.locations li");
  const files = await page.locator("#document ul.locations li").allTextContents();
  check("... its page lists both files", files.length === 2 && files.some((f) => /envois \/ cayenne-copie\.pdf/.test(f)),
        files.join(" | "));
  await shot(page, "05c-copies");
});

await scenario("pagination and back button", async () => {
  await page.goto(BASE + "/");
  await page.waitForSelector("#results > li.result");
  const first = await page.locator("#results li.result h2").first().textContent();
  await page.locator("#pagination a[rel=next]").click();
  await page.waitForURL((u) => u.searchParams.get("page") === "2");
  await page.waitForFunction((f) => document.querySelector("#results li.result h2")?.textContent !== f, first);
  const second = await page.locator("#results li.result h2").first().textContent();
  check("page 2 shows other documents", second !== first, second);
  check("page 2 is marked current", (await page.locator("#pagination [aria-current=page]").textContent()) === "2");
  // the last page is one click away, and says how many pages there are;
  // from it, the first page is
  const last = page.locator("#pagination a[aria-label^='Dernière page']");
  const pages = (await last.count()) === 1 ? Number(await last.textContent()) : 0;
  check(`a link leads to the last page (${pages})`,
        pages > 5 && (await summary(page)).endsWith(`page 2 sur ${pages}`), await summary(page));
  if (pages > 5) {
    await last.click();
    await page.waitForURL((u) => u.searchParams.get("page") === String(pages));
    // the pager is drawn when the page's results come, after the address changes
    await page.waitForFunction((p) =>
      document.querySelector("#pagination [aria-current=page]")?.textContent === p, String(pages));
    const first = page.locator("#pagination a[aria-label='Première page']");
    check("... where a link leads back to the first page, past a gap",
          (await first.count()) === 1 && (await page.locator("#pagination .gap").count()) === 1);
    await page.goBack();
    await page.waitForURL((u) => u.searchParams.get("page") === "2");
  }
  await shot(page, "04-page-2");
  await page.goBack();
  await page.waitForURL((u) => !u.searchParams.has("page"));
  await page.waitForFunction((f) => document.querySelector("#results li.result h2")?.textContent === f, first);
  check("the back button returns to page 1", true);
  await page.locator("#results li.result h2 a").first().click();
  await page.waitForURL((u) => u.searchParams.has("doc"));
  await page.waitForSelector("#document:not([hidden]) .download.big");
  check("a result opens its document page", (await page.locator("#document h2").textContent()) === first);
  const href = await page.locator("#document .download.big").getAttribute("href");
  const file = await fetch(BASE + href);
  check("the document page links to the file", file.status === 200, `${href}: ${file.status}`);
  await shot(page, "05-document");
  await page.goBack();
  await page.waitForSelector("#results:not([hidden]) > li.result");
  check("back from the document shows the results", !(await page.locator("#document").isVisible()));
});

await scenario("completion", async () => {
  await page.goto(BASE + "/");
  await page.fill("#q", "nutri");
  await page.waitForSelector("#suggestions:not([hidden]) li");
  const items = await page.locator("#suggestions li").allTextContents();
  check("typing offers completions", items.some((t) => /Nutrition/.test(t)), items.join(" | "));
  await page.keyboard.press("ArrowDown");
  check("arrow keys move through them", (await page.locator("#suggestions li[aria-selected=true]").count()) === 1);
  await shot(page, "06-completion");
  await page.keyboard.press("Escape");
});

await scenario("phone width", async () => {
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
                                           locale: "fr-FR" });
  const p = await phone.newPage();
  await p.goto(BASE + "/?q=nutrition");
  await p.waitForSelector("#results > li.result");
  const width = await p.evaluate(() => document.documentElement.scrollWidth);
  check(`nothing overflows a 390 px screen (${width} px)`, width <= 390);
  check("filters are folded on a phone", !(await p.locator("#facet-theme").isVisible()));
  await shot(p, "07-phone-results");
  await p.locator("#toggle-filters").click();
  check("the Filtres button shows them", await p.locator("#facet-theme").isVisible());
  await shot(p, "08-phone-filters");
  await phone.close();
});

await scenario("widget on another origin", async () => {
  const server = await serveHostPage();
  try {
    const host = await desktop.newPage();
    host.on("pageerror", (e) => pageErrors.push(`widget page: ${e.message}`));
    await host.goto(`http://127.0.0.1:${WIDGET_PORT}/`);
    await host.waitForSelector("#latest li a");
    const latest = await host.locator("#latest li").count();
    check(`the latest-documents list shows 5 documents (${latest})`, latest === 5);
    const expect = await api("/api/search?theme=sante-mentale&sort=date&per_page=5");
    const titles = await host.locator("#latest li a").allTextContents();
    check("they are the 5 newest on mental health", titles.join("|") === expect.results.map((r) => r.title).join("|"),
          titles.join(" | "));
    const style = await host.locator("#latest li a").first().evaluate((a) => {
      const s = getComputedStyle(a);
      return { color: s.color, size: s.fontSize };
    });
    check("the host page's styles do not reach the widget", style.color !== "rgb(255, 0, 0)" && style.size !== "40px",
          JSON.stringify(style));
    const own = await host.locator("#own").evaluate((h) => getComputedStyle(h).color);
    check("the widget's styles do not reach the host page", own === "rgb(0, 128, 0)", own);
    const globals = await host.evaluate(() => Object.keys(window).filter((k) => k !== "__before" && !window.__before.includes(k)));
    check("the widget adds one global name, Veille", globals.join(",") === "Veille", globals.join(","));
    await host.locator("#search input").fill("sante");
    await host.locator("#search button").click();
    await host.waitForSelector("#search li a");
    const regionOnly = await api("/api/search?q=sante&region=occitanie&per_page=1");
    const status = await host.locator("#search .status").textContent();
    check(`the search widget searches through CORS, fixed on Occitanie (${status})`,
          status.startsWith(`${regionOnly.total} document`), status);
    const link = await host.locator("#search li a").first().getAttribute("href");
    check("its results link to the document page", link.startsWith(`${BASE}/?`) && link.includes("doc="), link);
    await shot(host, "09-widget-other-origin");
    const cors = await fetch(`${BASE}/api/search?q=x`, { headers: { Origin: "http://evil.test" } });
    check("an origin not configured gets no CORS grant", !cors.headers.get("access-control-allow-origin"));
    await host.close();
  } finally {
    server.close();
  }
});

await scenario("upload and correct", async () => {
  const admin = await desktop.newPage();
  admin.on("pageerror", (e) => pageErrors.push(`admin: ${e.message}`));
  admin.on("dialog", (d) => d.accept());
  await admin.goto(BASE + "/admin");
  await admin.fill("#token", "mauvais");
  await admin.click("#login button[type=submit]");
  await admin.waitForFunction(() => /refusé/.test(document.querySelector("#login-status").textContent));
  check("a wrong token is refused", await admin.locator("#work").isHidden());
  await admin.fill("#token", TOKEN);
  await admin.click("#login button[type=submit]");
  await admin.waitForSelector("#work:not([hidden]) #runs tr");
  check("the last indexing runs are listed", (await admin.locator("#runs tr").count()) >= 1);
  await admin.waitForSelector("#demand-frequent tr");
  check("the searches coordinators made are listed", /sante mentale/.test(await admin.locator("#demand-frequent").textContent()));
  check("... and those that found nothing", (await admin.locator("#demand-nothing tr").count()) >= 1);
  await admin.click("#find button[type=submit]"); // no words: every document, the last arrived first
  await admin.waitForSelector("#found-next");
  const first = await admin.locator("#found li").count();
  check(`the document list shows a page of 20 (${first}), and says how many pages`,
        first === 20 && /page 1 sur \d+/.test(await admin.locator("#found-count").textContent()));
  const top = await admin.locator("#found li").first().textContent();
  await admin.click("#found-next");
  await admin.waitForFunction(() => /page 2 sur/.test(document.querySelector("#found-count").textContent));
  check("« Suivante » shows the next page", (await admin.locator("#found li").first().textContent()) !== top);
  // drag and drop a report onto the drop zone
  const dropReport = () => admin.evaluate(() => {
    const text = "Rapport : la nutrition des enfants à Lyon\n\nLe diagnostic de l'atelier santé ville " +
                 "de Lyon porte sur la nutrition, l'alimentation et l'activité physique des enfants.\n";
    const dt = new DataTransfer();
    dt.items.add(new File([text], "rapport-nutrition-lyon.txt", { type: "text/plain" }));
    document.querySelector("#drop").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true,
                                                                        cancelable: true }));
  });
  await dropReport();
  await admin.waitForFunction(() => /indexé/.test(document.querySelector("#upload-status").textContent),
                              null, { timeout: 20000 });
  const tags = await admin.locator("#tags").textContent();
  check("the dropped report is indexed and its tags shown", /Nutrition/.test(tags), tags);
  check("each automatic tag says why", (await admin.locator("#tags td.evidence").first().textContent()).length > 0);
  await shot(admin, "10-admin-uploaded");
  await dropReport(); // the same file again
  await admin.waitForSelector("#upload-anyway");
  const refusal = await admin.locator("#upload-status").textContent();
  check("a second copy is refused, saying the collection holds it, with its whole title",
        /déjà dans la collection \(« Rapport : la nutrition des enfants à Lyon »\)\. Voir le document/.test(refusal),
        refusal);
  check("... with a link to it and « Ajouter quand même »",
        (await admin.locator("#upload-status a").getAttribute("href")).startsWith("/?doc="));
  const id = /Identifiant ([0-9a-f]{16})/.exec(await admin.locator("#edit-file").textContent())[1];
  await admin.fill("#edit-title", "Nutrition des enfants à Lyon : diagnostic 2024");
  await admin.check("#th-sante-mentale");
  await admin.fill("#edit-date", "mai 2019");
  await admin.fill("#edit-organisation", "Ville de Lyon, mission santé");
  await admin.fill("#edit-source", "https://www.lyon.fr/sante/nutrition-des-enfants");
  await admin.click("#edit button[type=submit]");
  await admin.waitForFunction(() => /enregistrées/.test(document.querySelector("#edit-status").textContent));
  const doc = await api(`/api/documents/${id}`);
  check("the correction is applied (title, added theme)",
        doc.title === "Nutrition des enfants à Lyon : diagnostic 2024" &&
        doc.themes.some((t) => t.id === "sante-mentale"), JSON.stringify(doc.themes));
  check("... and the date and organisation typed", doc.date === "2019-05" &&
        doc.organisation === "Ville de Lyon, mission santé", JSON.stringify([doc.date, doc.organisation]));
  check("... and the source address typed, as a manual field",
        doc.source_url === "https://www.lyon.fr/sante/nutrition-des-enfants" &&
        doc.manual.includes("source_url"), JSON.stringify([doc.source_url, doc.manual]));
  check("... and only the fields changed (authors, summary and regions untouched stay extracted)",
        doc.manual.includes("date") && doc.manual.includes("themes") &&
        !["authors", "summary", "regions"].some((f) => doc.manual.includes(f)), JSON.stringify(doc.manual));
  const found = await api("/api/search?q=lyon+enfants&theme=sante-mentale");
  check("search finds it under the corrected theme", found.results.some((r) => r.id === id));
  const dated = await api("/api/search?q=lyon+enfants&year=2019");
  check("... and under the corrected year", dated.results.some((r) => r.id === id));
  await admin.fill("#edit-date", "bientôt");
  await admin.click("#edit button[type=submit]");
  await admin.waitForFunction(() => /refusées/.test(document.querySelector("#edit-status").textContent));
  check("a date that is not one is refused, saying so in French",
        /date illisible/.test(await admin.locator("#edit-status").textContent()));
  // after a reload, the form shows what was saved
  await admin.reload();
  await admin.waitForSelector("#work:not([hidden]) #runs tr");
  await admin.fill("#find-q", "diagnostic 2024");
  await admin.click("#find button[type=submit]");
  await admin.locator("#found button", { hasText: "diagnostic 2024" }).first().click();
  await admin.waitForFunction((i) => document.querySelector("#edit-file").textContent.includes(i), id);
  check("after a reload the form shows the corrected date, organisation and address",
        (await admin.inputValue("#edit-date")) === "2019-05" &&
        (await admin.inputValue("#edit-organisation")) === "Ville de Lyon, mission santé" &&
        (await admin.inputValue("#edit-source")) === "https://www.lyon.fr/sante/nutrition-des-enfants",
        `${await admin.inputValue("#edit-date")} / ${await admin.inputValue("#edit-organisation")}`);
  await admin.fill("#edit-source", "");
  await admin.click("#edit button[type=submit]");
  await admin.waitForFunction(() => /enregistrées/.test(document.querySelector("#edit-status").textContent));
  check("emptying the source address clears it",
        (await api(`/api/documents/${id}`)).source_url === null);
  await admin.click("#edit button[type=submit]");
  await admin.waitForFunction(() => /Aucune modification/.test(document.querySelector("#edit-status").textContent));
  check("saving an unchanged form sends nothing", true);
  await shot(admin, "11-admin-corrected");
  await admin.click("#delete");
  await admin.waitForFunction(() => /supprimé/.test(document.querySelector("#edit-status").textContent));
  const gone = await fetch(`${BASE}/api/documents/${id}`);
  check("delete removes it from the index", gone.status === 404, String(gone.status));
  await admin.close();
});

check("no script error on any page", pageErrors.length === 0, pageErrors.join("\n"));
await browser.close();
process.exit(failures > 0 ? 1 : 0);
