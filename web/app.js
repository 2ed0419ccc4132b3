// app.js - the coordinators' search page.  The whole state (query,
// filters, sort, page, open document) lives in the URL: every change is a
// history entry, so links can be shared and the back button works.  Data
// comes from the JSON API (/api/search, /api/suggest, /api/thesaurus,
// /api/documents/ID); text from the API is inserted as text, except
// snippets, which the server escapes and marks with <mark>.
import { renderMap } from "./map.js";
import { el, clear, formatDate, pageWords, plural, versionName } from "./dom.js";

const FACETS = ["theme", "region", "type", "year"];
const SORTS = ["relevance", "date", "added"];
const PER_PAGE = 10;
const $ = (id) => document.getElementById(id);

let thesaurus = null;          // {themes: Map(id -> concept), regions: Map}
let lastRequest = 0;           // ignores answers to superseded requests

// ---- State <-> URL -------------------------------------------------------------

function readState() {
  const p = new URLSearchParams(location.search);
  const state = { q: p.get("q") || "", sort: SORTS.includes(p.get("sort")) ? p.get("sort") : "relevance",
                  page: Math.max(1, parseInt(p.get("page") || "1", 10) || 1), doc: p.get("doc"),
                  asTyped: p.get("correct") === "0" };
  for (const f of FACETS) state[f] = p.getAll(f);
  return state;
}

function stateToParams(state, withPage = true) {
  const p = new URLSearchParams();
  if (state.q) p.set("q", state.q);
  for (const f of FACETS) for (const v of state[f]) p.append(f, v);
  if (state.sort !== "relevance") p.set("sort", state.sort);
  if (state.asTyped && state.q) p.set("correct", "0");
  if (withPage && state.page > 1) p.set("page", String(state.page));
  return p;
}

function go(state) {
  const p = stateToParams(state);
  if (state.doc) p.set("doc", state.doc);
  const url = p.toString() ? "?" + p : location.pathname;
  history.pushState(null, "", url);
  render();
}

function toggle(state, facet, value) {
  const values = state[facet];
  const i = values.indexOf(value);
  if (i >= 0) values.splice(i, 1); else values.push(value);
  state.page = 1;
  state.doc = null;
  return state;
}

// ---- API --------------------------------------------------------------------------

async function api(path, params) {
  const url = params ? `${path}?${params}` : path;
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  const body = await r.json().catch(() => ({ message: "réponse illisible du serveur" }));
  if (!r.ok) throw new Error(body.message || `erreur ${r.status}`);
  return body;
}

async function loadThesaurus() {
  if (thesaurus) return thesaurus;
  try {
    const t = await api("/api/thesaurus");
    thesaurus = { themes: new Map(t.themes.map((c) => [c.id, c])),
                  regions: new Map(t.regions.map((c) => [c.id, c])) };
  } catch {
    thesaurus = { themes: new Map(), regions: new Map() };
  }
  return thesaurus;
}

function label(facet, value) {
  const map = facet === "theme" ? thesaurus?.themes : facet === "region" ? thesaurus?.regions : null;
  return map?.get(value)?.label || value;
}

// ---- Rendering ----------------------------------------------------------------------

async function render() {
  const state = readState();
  $("q").value = state.q;
  $("sort").value = state.sort;
  $("news").href = "?" + stateToParams({ ...state, page: 1, sort: "added" }, false);
  $("news").setAttribute("aria-current", state.sort === "added" ? "true" : "false");
  const feed = stateToParams({ ...state, page: 1, sort: "relevance" }, false);
  $("feed").href = "/feed.atom" + (feed.toString() ? "?" + feed : "");
  $("feed-head").href = $("feed").href;
  if (!thesaurus) await loadThesaurus(); // labels of the chips; once
  renderChips(state);
  if (state.doc) return renderDocument(state);
  $("document").hidden = true;
  $("results").hidden = false;
  $("pagination").hidden = false;

  const id = ++lastRequest;
  const params = stateToParams(state);
  params.set("per_page", String(PER_PAGE));
  document.body.classList.add("loading");
  $("results").setAttribute("aria-busy", "true");
  let data;
  try {
    data = await api("/api/search", params);
  } catch (e) {
    if (id !== lastRequest) return;
    document.body.classList.remove("loading");
    $("results").setAttribute("aria-busy", "false");
    showError(e.message);
    clear($("results"));
    return;
  }
  if (id !== lastRequest) return;
  document.body.classList.remove("loading");
  showError(null);
  // What the list shows, for assistive technology and for the browser tests.
  $("results").dataset.shown = params.toString();
  $("results").setAttribute("aria-busy", "false");
  renderSummary(state, data);
  renderResults(state, data);
  renderPagination(state, data);
  renderFacets(state, data);
  if (!performance.getEntriesByName("veille-results").length) performance.mark("veille-results");
  document.title = (state.q ? `${state.q} – ` : "") + "Veille documentaire – Ateliers santé ville";
}

function showError(message) {
  $("error").hidden = !message;
  $("error").textContent = message ? `Recherche impossible : ${message}` : "";
}

function renderSummary(state, data) {
  const n = data.total;
  const shown = data.entries ?? n; // versions of one report are one result
  $("h-results").textContent = n === 0 ? "Aucun document trouvé"
    : `${n.toLocaleString("fr-FR")} ${plural(n, "document", "documents")}` +
      (shown < n ? ` en ${shown.toLocaleString("fr-FR")} ${plural(shown, "résultat", "résultats")}` +
                   " (versions regroupées)" : "") +
      (shown > PER_PAGE ? ` — page ${state.page} sur ${Math.ceil(shown / PER_PAGE)}` : "");
  // shards that did not answer: the counts are those of the rest of the collection
  const missing = data.partial ? data.partial.missing.length : 0;
  $("partial").hidden = missing === 0;
  $("partial").textContent = missing === 0 ? ""
    : `Résultats incomplets : ${missing} ${plural(missing, "partie", "parties")} de la collection ` +
      `sur ${data.partial.shards} ne ${plural(missing, "répond", "répondent")} pas en ce moment. ` +
      "Les nombres ne comptent que le reste ; réessayez dans quelques instants.";
  const dym = $("dym");
  clear(dym);
  dym.hidden = !data.did_you_mean && !data.searched_instead;
  if (data.searched_instead) {
    // the server searched its spelling correction: say so, and offer the words as typed
    const typed = { ...state, q: data.query, page: 1, asTyped: true };
    const a = el("a", { href: "?" + stateToParams(typed) }, `« ${data.query} »`);
    a.addEventListener("click", (ev) => { ev.preventDefault(); go({ ...readState(), ...typed }); });
    dym.append(`Résultats pour « ${data.searched_instead} ». Rechercher plutôt `, a, ".");
  } else if (data.did_you_mean) {
    const a = el("a", { href: "?" + stateToParams({ ...state, q: data.did_you_mean, page: 1 }) },
                 data.did_you_mean);
    a.addEventListener("click", (ev) => { ev.preventDefault(); go({ ...readState(), q: data.did_you_mean, page: 1, asTyped: false }); });
    dym.append("Essayez avec cette orthographe : ", a, " ?");
  }
  const ex = $("expansions");
  clear(ex);
  const parts = (data.expansions || []).filter((e) => e.also_searched.length > 0);
  ex.hidden = parts.length === 0;
  for (const e of parts) {
    const shown = e.also_searched.slice(0, 6).join(", ") + (e.also_searched.length > 6 ? "…" : "");
    ex.append(el("span", {}, `« ${e.matched} » : recherche élargie à ${e.label} (aussi : ${shown}). `));
  }
}

function chip(text, facet, value, state) {
  const b = el("button", { type: "button", class: "chip removable",
                           "aria-label": `Retirer le filtre ${text}` }, text, el("span", { "aria-hidden": "true" }, " ×"));
  b.addEventListener("click", () => go(toggle(readState(), facet, value)));
  return b;
}

function renderChips(state) {
  const box = $("chips");
  clear(box);
  const names = { theme: "Thème", region: "Région", type: "Type", year: "Année" };
  for (const f of FACETS)
    for (const v of state[f]) box.append(chip(`${names[f]} : ${label(f, v)}`, f, v, state));
  if (box.childElementCount > 1) {
    const all = el("button", { type: "button", class: "chip clear" }, "Tout effacer");
    all.addEventListener("click", () => go({ ...readState(), theme: [], region: [], type: [], year: [], page: 1 }));
    box.append(all);
  }
}

function tagChips(tags, facet) {
  return (tags || []).map((t) => {
    const b = el("button", { type: "button", class: `chip tag ${facet}`,
                             title: `Filtrer sur ${t.label}` }, t.label);
    b.addEventListener("click", () => {
      const s = readState();
      if (!s[facet].includes(t.id)) go(toggle(s, facet, t.id));
    });
    return b;
  });
}

function docLink(state, id) {
  const p = stateToParams(state);
  p.set("doc", id);
  return "?" + p;
}

// Which pages were scans read by OCR, and which were left unread.
function ocrNote(d) {
  const read = d.ocr_pages || [];
  const parts = [];
  if (read.length) parts.push(`${plural(read.length, "page", "pages")} ${read.join(", ")}`);
  if (d.ocr_skipped) parts.push(`${d.ocr_skipped} ${plural(d.ocr_skipped, "page numérisée non lue", "pages numérisées non lues")}`);
  return parts.length ? parts.join(" ; ") : null;
}

// A document's other versions, newest first (versions.h), as links to their pages.
function versionLinks(state, versions) {
  return versions.flatMap((v, i) => {
    const a = el("a", { href: docLink(state, v.id) }, versionName(v));
    a.title = v.title || "";
    a.addEventListener("click", (ev) => { ev.preventDefault(); go({ ...readState(), doc: v.id }); });
    return [i ? ", " : "", a];
  });
}

function renderResults(state, data) {
  const list = $("results");
  clear(list);
  list.start = (state.page - 1) * PER_PAGE + 1;
  for (const r of data.results) {
    const title = el("a", { href: docLink(state, r.id), class: "title" }, r.title || "(sans titre)");
    title.addEventListener("click", (ev) => { ev.preventDefault(); go({ ...readState(), doc: r.id }); });
    const meta = [state.sort === "added" && r.added ? `arrivé le ${formatDate(r.added.slice(0, 10))}` : null,
                  r.date ? formatDate(r.date) : null, r.type, r.organisation,
                  r.pages ? `${r.pages} ${plural(r.pages, ...pageWords(r.mime).slice(0, 2))}` : null,
                  r.locations && r.locations.length > 1 ? `${r.locations.length} fichiers identiques` : null
                 ].filter(Boolean);
    const snippet = el("p", { class: "snippet" });
    snippet.innerHTML = r.snippet || ""; // escaped by the server, <mark> only
    const words = pageWords(r.mime);
    if (r.page) // the PDF opens in the browser at the snippet's page; a slide or sheet says which
      snippet.prepend(r.mime === "application/pdf"
        ? el("a", { href: `/documents/${r.id}/file?inline=1#page=${r.page}`, class: "page",
                    "aria-label": `Ouvrir à la page ${r.page}` }, `p. ${r.page}`)
        : el("span", { class: "page" }, `${words[2]} ${r.page}`), " ");
    const download = el("a", { href: `/documents/${r.id}/file`, class: "download",
                               "aria-label": `Télécharger ${r.title || "le document"}` }, "Télécharger");
    list.append(el("li", { class: "result" },
      el("h2", {}, title),
      el("p", { class: "meta" }, meta.join(" · ")),
      snippet,
      r.missing && r.missing.length
        ? el("p", { class: "missing" }, "Il manque : ", ...r.missing.flatMap((w, i) =>
            [i ? ", " : "", el("s", {}, w)]))
        : null,
      r.versions && r.versions.length
        ? el("p", { class: "versions" }, `${plural(r.versions.length, "Autre version", "Autres versions")} : `,
             ...versionLinks(state, r.versions))
        : null,
      el("div", { class: "tags" }, ...tagChips(r.themes, "theme"), ...tagChips(r.regions, "region")),
      download));
  }
}

function renderPagination(state, data) {
  const nav = $("pagination");
  clear(nav);
  const pages = Math.ceil((data.entries ?? data.total) / PER_PAGE); // versions of one report: one result
  if (pages <= 1) return;
  const link = (page, text, extra = {}) => {
    const a = el("a", { href: "?" + stateToParams({ ...state, page }), ...extra }, text);
    a.addEventListener("click", (ev) => {
      ev.preventDefault();
      go({ ...readState(), page });
      $("results").focus();
    });
    return a;
  };
  if (state.page > 1) nav.append(link(state.page - 1, "‹ Précédente", { rel: "prev" }));
  const from = Math.max(1, state.page - 3), to = Math.min(pages, state.page + 3);
  const gap = () => el("span", { class: "gap", "aria-hidden": "true" }, "…");
  // the first and last pages stay one click away, however far the window is
  if (from > 1) nav.append(link(1, "1", { "aria-label": "Première page" }), ...(from > 2 ? [gap()] : []));
  for (let p = from; p <= to; p++)
    nav.append(p === state.page ? el("span", { "aria-current": "page", class: "current" }, String(p))
                                : link(p, String(p), { "aria-label": `Page ${p}` }));
  if (to < pages)
    nav.append(...(to < pages - 1 ? [gap()] : []),
               link(pages, String(pages), { "aria-label": `Dernière page (${pages})` }));
  if (state.page < pages) nav.append(link(state.page + 1, "Suivante ›", { rel: "next" }));
}

// Checkbox list of facet values with counts.
function facetList(state, facet, values, container) {
  clear(container);
  if (values.length === 0) {
    container.append(el("p", { class: "empty" }, "—"));
    return;
  }
  const ul = el("ul", {});
  for (const v of values) ul.append(facetItem(state, facet, v));
  container.append(ul);
}

function facetItem(state, facet, v, children) {
  const id = `f-${facet}-${v.value}`;
  const box = el("input", { type: "checkbox", id });
  box.checked = state[facet].includes(v.value);
  box.addEventListener("change", () => go(toggle(readState(), facet, v.value)));
  const li = el("li", {}, box, el("label", { for: id }, label(facet, v.value),
                                   el("span", { class: "count" }, String(v.count))));
  if (children && children.childElementCount) li.append(children);
  return li;
}

// Themes as a tree following the thesaurus (broader/narrower).
function themeTree(state, values, container) {
  clear(container);
  const counts = new Map(values.map((v) => [v.value, v]));
  const concepts = thesaurus.themes;
  const isRoot = (id) => !(concepts.get(id)?.broader || []).some((b) => concepts.has(b) && counts.has(b));
  const build = (id, depth) => {
    const ul = el("ul", {});
    for (const child of concepts.get(id)?.narrower || [])
      if (counts.has(child) && depth < 4) ul.append(facetItem(state, "theme", counts.get(child), build(child, depth + 1)));
    return ul;
  };
  const top = el("ul", { class: "tree" });
  for (const v of values)
    if (isRoot(v.value)) top.append(facetItem(state, "theme", v, build(v.value, 1)));
  container.append(values.length ? top : el("p", { class: "empty" }, "—"));
}

function yearHistogram(state, values, container) {
  clear(container);
  const years = values.filter((v) => /^\d{4}$/.test(v.value) && v.value !== "0000")
                      .sort((a, b) => a.value.localeCompare(b.value));
  if (years.length === 0) {
    container.append(el("p", { class: "empty" }, "—"));
    return;
  }
  const max = Math.max(...years.map((v) => v.count));
  const bars = el("div", { class: "bars", role: "group", "aria-label": "Documents par année" });
  for (const v of years) {
    const selected = state.year.includes(v.value);
    const b = el("button", { type: "button", class: "bar" + (selected ? " selected" : ""),
                             "aria-pressed": String(selected),
                             "aria-label": `${v.value} : ${v.count} ${plural(v.count, "document", "documents")}`,
                             title: `${v.value} : ${v.count}` },
                 el("span", { class: "fill", style: `height:${Math.max(4, Math.round(100 * v.count / max))}%` }),
                 el("span", { class: "year" }, v.value.slice(2)));
    b.addEventListener("click", () => go(toggle(readState(), "year", v.value)));
    bars.append(b);
  }
  container.append(bars, el("p", { class: "range" }, `${years[0].value} – ${years[years.length - 1].value}`));
}

function renderFacets(state, data) {
  const f = data.facets || {};
  themeTree(state, f.theme || [], $("facet-theme"));
  facetList(state, "region", f.region || [], $("facet-region"));
  facetList(state, "type", f.type || [], $("facet-type"));
  yearHistogram(state, f.year || [], $("facet-year"));
  renderMap($("map"), f.region || [], state.region, (region) => go(toggle(readState(), "region", region)));
}

async function renderDocument(state) {
  const box = $("document");
  $("results").hidden = true;
  $("pagination").hidden = true;
  $("dym").hidden = true;
  $("expansions").hidden = true;
  clear(box);
  box.hidden = false;
  let d;
  try {
    d = await api(`/api/documents/${encodeURIComponent(state.doc)}`);
  } catch (e) {
    showError(e.message);
    return;
  }
  showError(null);
  $("h-results").textContent = "Document";
  document.title = `${d.title || "Document"} – Veille documentaire`;
  const back = el("a", { href: "?" + stateToParams(state), class: "back" }, "← Retour aux résultats");
  // to the results: a page opened from a feed, a mail or a link has none behind it
  back.addEventListener("click", (ev) => { ev.preventDefault(); go({ ...state, doc: null }); });
  const rows = [["Date", d.date ? formatDate(d.date) : null], ["Type", d.type],
                ["Auteurs", (d.authors || []).join(", ") || null], ["Organisation", d.organisation],
                ["Pages", d.pages || null], ["Mots-clés", d.keywords],
                // identical files in several folders are one document (copies.h)
                ["Fichiers", d.locations && d.locations.length > 1
                  ? el("ul", { class: "locations" }, ...d.locations.map((l) => el("li", {}, `${l.folder} / ${l.name}`)))
                  : null],
                ["Autres versions", d.versions && d.versions.length
                  ? el("span", { class: "versions" }, ...versionLinks(state, d.versions)) : null],
                ["Source", d.source_url ? el("a", { href: d.source_url, rel: "noopener" }, d.source_url) : null],
                // scanned pages: their text is the OCR's reading, which may hold errors
                ["Texte reconnu (OCR)", ocrNote(d)]];
  const dl = el("dl", {});
  for (const [k, v] of rows) if (v) dl.append(el("dt", {}, k), el("dd", {}, v));
  const pdf = d.mime === "application/pdf";
  const actions = el("p", { class: "actions" },
    pdf ? el("a", { href: `${d.file}?inline=1`, class: "open big", target: "_blank", rel: "noopener" }, "Ouvrir") : "",
    pdf ? " " : "", el("a", { href: d.file, class: "download big" }, "Télécharger le document"));
  box.append(back, el("h2", {}, d.title || "(sans titre)"),
             d.summary ? el("p", { class: "abstract" }, d.summary) : "",
             dl,
             el("div", { class: "tags" }, ...tagChips(d.themes, "theme"), ...tagChips(d.regions, "region")),
             actions);
  box.focus();
  let reading;
  try {
    const p = new URLSearchParams(state.q ? { q: state.q } : {});
    reading = await api(`/api/documents/${encodeURIComponent(state.doc)}/reading?${p}`);
  } catch { return; } // the metadata stand alone
  if (readState().doc !== state.doc) return; // another document was opened meanwhile
  if (reading.passages.length) {
    const list = el("ol", { class: "passages" });
    for (const ps of reading.passages) {
      const snippet = el("p", { class: "snippet" });
      snippet.innerHTML = ps.snippet; // escaped by the server, <mark> only
      if (ps.page)
        snippet.prepend(pdf
          ? el("a", { href: `${d.file}?inline=1#page=${ps.page}`, class: "page", target: "_blank",
                      rel: "noopener", "aria-label": `Ouvrir à la page ${ps.page}` }, `p. ${ps.page}`)
          : el("span", { class: "page" }, `${pageWords(d.mime)[2]} ${ps.page}`), " ");
      list.append(el("li", {}, snippet));
    }
    box.append(el("h3", {}, `Passages pour « ${state.q} »`), list);
  }
  if (reading.text)
    box.append(el("h3", {}, reading.paged ? "Premières pages" : "Début du texte"),
               el("div", { class: "reading" }, reading.text + (reading.more ? " …" : "")));
  if (reading.similar.length) {
    const near = el("ul", { class: "similar" });
    for (const s of reading.similar) {
      const a = el("a", { href: docLink(state, s.id) }, s.title || "(sans titre)");
      a.addEventListener("click", (ev) => { ev.preventDefault(); go({ ...readState(), doc: s.id }); });
      near.append(el("li", {}, a, s.date ? ` · ${formatDate(s.date)}` : ""));
    }
    box.append(el("h3", {}, "Documents proches"), near);
  }
}

// ---- Search box and completion ----------------------------------------------------------

function setupSearch() {
  const form = $("search-form"), input = $("q"), list = $("suggestions");
  let active = -1, items = [], timer = 0, seq = 0;
  // closing also drops a completion still on its way (typed, then Enter at once)
  const close = () => { clearTimeout(timer); seq++;
                        list.hidden = true; input.setAttribute("aria-expanded", "false"); active = -1;
                        input.removeAttribute("aria-activedescendant"); };
  const choose = (s) => {
    close();
    const state = readState();
    state.doc = null;
    state.page = 1;
    if (s.kind === "theme" && s.id) { state.q = ""; if (!state.theme.includes(s.id)) state.theme.push(s.id); }
    else if (s.kind === "region" && s.id) { state.q = ""; if (!state.region.includes(s.id)) state.region.push(s.id); }
    else state.q = s.text;
    go(state);
  };
  const show = (suggestions) => {
    clear(list);
    items = suggestions;
    const kinds = { theme: "thème", region: "région", title: "titre", word: "" };
    suggestions.forEach((s, i) => {
      const li = el("li", { role: "option", id: `sugg-${i}`, "aria-selected": "false" }, s.text,
                    kinds[s.kind] ? el("span", { class: "kind" }, kinds[s.kind]) : "");
      li.addEventListener("mousedown", (ev) => { ev.preventDefault(); choose(s); });
      list.append(li);
    });
    list.hidden = suggestions.length === 0;
    input.setAttribute("aria-expanded", String(!list.hidden));
  };
  const highlight = (i) => {
    [...list.children].forEach((li, j) => li.setAttribute("aria-selected", String(i === j)));
    active = i;
    if (i >= 0) input.setAttribute("aria-activedescendant", `sugg-${i}`);
  };
  input.addEventListener("input", () => {
    clearTimeout(timer);
    const q = input.value.trim();
    if (q.length < 2) return close();
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const d = await api("/api/suggest", new URLSearchParams({ q }));
        if (mine === seq && input.value.trim() === q) show(d.suggestions || []);
      } catch { close(); }
    }, 120);
  });
  input.addEventListener("keydown", (ev) => {
    if (list.hidden) return;
    if (ev.key === "ArrowDown") { ev.preventDefault(); highlight(Math.min(items.length - 1, active + 1)); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); highlight(Math.max(-1, active - 1)); }
    else if (ev.key === "Escape") close();
    else if (ev.key === "Enter" && active >= 0) { ev.preventDefault(); choose(items[active]); }
  });
  input.addEventListener("blur", () => setTimeout(close, 100));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    close();
    go({ ...readState(), q: input.value.trim(), page: 1, doc: null, asTyped: false });
  });
  $("sort").addEventListener("change", () => go({ ...readState(), sort: $("sort").value, page: 1 }));
  $("alert-open").addEventListener("click", () => {
    const form = $("alert");
    form.hidden = !form.hidden;
    $("alert-open").setAttribute("aria-expanded", String(!form.hidden));
    if (!form.hidden) $("alert-email").focus();
  });
  $("alert").addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const search = stateToParams({ ...readState(), page: 1, sort: "relevance" }, false).toString();
    const status = $("alert-status");
    status.textContent = "Envoi…";
    try {
      const r = await fetch("/api/alerts", { method: "POST", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ email: $("alert-email").value, search, frequency: $("alert-frequency").value }) });
      const d = await r.json().catch(() => ({}));
      status.textContent = r.ok ? d.message : `Abonnement impossible : ${d.message || r.status}`;
      status.className = "status " + (r.ok ? "ok" : "bad");
    } catch (e) {
      status.textContent = `Abonnement impossible : ${e.message}`;
      status.className = "status bad";
    }
  });
  $("news").addEventListener("click", (ev) => {
    ev.preventDefault();
    go({ ...readState(), sort: "added", page: 1 });
  });
  $("toggle-filters").addEventListener("click", (ev) => {
    const open = document.body.classList.toggle("filters-open");
    ev.currentTarget.setAttribute("aria-expanded", String(open));
  });
}

window.addEventListener("popstate", render);
setupSearch();
render();
