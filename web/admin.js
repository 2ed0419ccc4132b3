// admin.js - the documentalist's page: upload a report (drag and drop),
// see its automatic tags and why, correct title, type, date, authors,
// organisation, summary, source address, themes and regions,
// delete a document, follow the indexing runs and the files that failed.
// Every call carries the token (kept for the browser tab only, in
// sessionStorage); the server checks it.
import { el, clear, formatDate, versionName } from "./dom.js";

const $ = (id) => document.getElementById(id);
const SOURCES = { manual: "documentaliste ou catalogue", auto: "automatique",
                  "manual+auto": "catalogue et automatique" };
// where a title came from (docs/schema.md, title_source)
const TITLE_SOURCES = { metadata: "métadonnées du fichier", font: "plus grands caractères de la première page",
                        heading: "premier titre du document", "first-line": "première ligne du texte",
                        filename: "nom du fichier", opening: "début du texte", catalogue: "catalogue", correction: "votre correction",
                        manual: "saisie manuelle" };
const FACETS = { theme: "Thème", region: "Région", department: "Département", town: "Commune" };
let token = sessionStorage.getItem("veille-token") || "";
let thesaurus = null;
let current = null;          // the document being edited

async function call(method, path, body, headers = {}) {
  const r = await fetch(path, { method, body,
                                headers: { Accept: "application/json", Authorization: `Bearer ${token}`, ...headers } });
  const data = await r.json().catch(() => ({}));
  if (!r.ok) {
    const e = new Error(data.message || `erreur ${r.status}`);
    e.status = r.status;
    e.data = data;
    throw e;
  }
  return data;
}

function say(id, text, ok) {
  const p = $(id);
  p.textContent = text;
  p.className = "status" + (ok === true ? " ok" : ok === false ? " bad" : "");
}

// ---- Login ------------------------------------------------------------------------------

async function login() {
  try {
    const status = await call("GET", "/api/admin/status");
    sessionStorage.setItem("veille-token", token);
    say("login-status", "Connecté.", true);
    $("work").hidden = false;
    $("logout").hidden = false;
    await loadThesaurus();
    showStatus(status);
    showDemand();
  } catch (e) {
    $("work").hidden = true;
    say("login-status", e.status === 401 ? "Jeton refusé." : `Connexion impossible : ${e.message}`, false);
  }
}

async function loadThesaurus() {
  if (thesaurus) return;
  const t = await call("GET", "/api/thesaurus");
  const top = (list) => list.filter((c) => c.label);
  thesaurus = { themes: top(t.themes), regions: top(t.regions) };
}

// ---- Indexing runs ------------------------------------------------------------------------

const KINDS = { correct: "Correction", delete: "Suppression", upload: "Dépôt" };
const PENDING = "L'index est occupé par une indexation : la demande est enregistrée et sera appliquée dès qu'il sera libre (voir « Demandes en attente »).";

function showStatus(status) {
  const sh = status.shards;
  $("doc-count").textContent = `${status.documents} documents dans l'index.` +
    (!sh ? "" : sh.missing.length === 0 ? ` Index réparti en ${sh.count} parties, toutes disponibles.`
      : ` Index réparti en ${sh.count} parties : ${sh.missing.length === 1 ? "la partie" : "les parties"} ` +
        `${sh.missing.join(", ")} ne ${sh.missing.length === 1 ? "répond" : "répondent"} pas, ` +
        "leurs documents ne sont pas comptés.");
  const runs = $("runs");
  clear(runs);
  for (const r of status.runs) {
    const when = r.finished ? new Date(r.finished).toLocaleString("fr-FR") : "—";
    runs.append(el("tr", {}, el("td", {}, when + (r.interrupted ? " (interrompue)" : "")),
                   ...[r.walked, r.added, r.updated, r.moved, r.duplicates, r.removed, r.failed]
                     .map((n) => el("td", {}, String(n ?? 0))),
                   el("td", {}, `${(r.seconds ?? 0).toFixed(1)} s`)));
  }
  if (status.runs.length === 0) runs.append(el("tr", {}, el("td", { colspan: 9 }, "Aucune indexation enregistrée.")));
  const pending = $("pending");
  clear(pending);
  for (const q of status.pending || [])
    pending.append(el("tr", {}, el("td", {}, KINDS[q.kind] || q.kind),
                      el("td", {}, q.file || q.document || ""),
                      el("td", {}, q.queued ? new Date(q.queued).toLocaleString("fr-FR") : "")));
  for (const o of (status.applied || []).filter((o) => !o.applied))
    pending.append(el("tr", { class: "bad" }, el("td", {}, `${KINDS[o.kind] || o.kind} : échec`),
                      el("td", {}, o.document || ""), el("td", {}, o.message || "")));
  if (pending.children.length === 0) pending.append(el("tr", {}, el("td", { colspan: 3 }, "Aucune demande en attente.")));
  const failed = $("failed");
  clear(failed);
  for (const f of status.failed) failed.append(el("tr", {}, el("td", {}, f.path || f.id), el("td", {}, f.reason || "")));
  if (status.failed.length === 0) failed.append(el("tr", {}, el("td", { colspan: 2 }, "Aucun fichier en échec.")));
}

async function refreshStatus() {
  try { showStatus(await call("GET", "/api/admin/status")); } catch { /* shown at next login */ }
}

// ---- Demand --------------------------------------------------------------------------------

// A search's row: the query links to its results on the site.
function queryCell(query) {
  return el("td", {}, el("a", { href: "/?" + new URLSearchParams({ q: query }) }, query));
}

async function showDemand() {
  let d;
  try { d = await call("GET", "/api/admin/demand"); } catch { return; }
  $("demand-period").textContent = d.kept_days > 0
    ? `Sur les ${d.days} derniers jours (seules la recherche et son nombre sont gardés, ${d.kept_days} jours).`
    : "Les recherches ne sont pas gardées ([admin] demand_days = 0).";
  const nothing = $("demand-nothing"), frequent = $("demand-frequent");
  clear(nothing);
  clear(frequent);
  for (const r of d.found_nothing)
    nothing.append(el("tr", {}, queryCell(r.query), el("td", {}, String(r.found_nothing)), el("td", {}, String(r.asked))));
  for (const r of d.frequent)
    frequent.append(el("tr", {}, queryCell(r.query), el("td", {}, String(r.asked))));
  if (d.found_nothing.length === 0) nothing.append(el("tr", {}, el("td", { colspan: 3 }, "Aucune.")));
  if (d.frequent.length === 0) frequent.append(el("tr", {}, el("td", { colspan: 2 }, "Aucune recherche enregistrée.")));
}

// ---- Upload ------------------------------------------------------------------------------------

async function upload(file, confirmed = false) {
  if (!file) return;
  say("upload-status", `Envoi de « ${file.name} » et indexation…`);
  const form = new FormData();
  form.append("file", file, file.name);
  if (confirmed) form.append("confirm", "1");
  const source = $("upload-source").value.trim();
  if (source) form.append("source_url", source);
  try {
    const doc = await call("POST", "/api/documents", form);
    if (doc.status === "pending") {
      say("upload-status", `« ${file.name} » : ${PENDING}`, true);
      refreshStatus();
      return;
    }
    say("upload-status", `« ${doc.title || file.name} » est indexé. Vérifiez ses étiquettes ci-dessous.`, true);
    edit(doc);
    refreshStatus();
  } catch (e) {
    if (e.status === 409 && e.data.page) { // the same content is there already
      // the message ends with " : " and how to send it anyway; titles hold " : " too
      const msg = e.data.message, cut = msg.lastIndexOf(" : ");
      say("upload-status", `« ${file.name} » : ${cut > 0 ? msg.slice(0, cut) : msg}. `, false);
      const seen = document.createElement("a");
      seen.href = e.data.page;
      seen.textContent = "Voir le document";
      const again = document.createElement("button");
      again.type = "button";
      again.id = "upload-anyway";
      again.textContent = "Ajouter quand même";
      again.addEventListener("click", () => upload(file, true));
      $("upload-status").append(seen, " ", again);
      return;
    }
    say("upload-status", e.status === 415 ? `Type de fichier non pris en charge : ${e.message}`
                       : e.status === 413 ? "Fichier trop gros (50 Mo au plus)."
                       : `Échec du dépôt : ${e.message}`, false);
  }
}

function setupDrop() {
  const drop = $("drop");
  for (const t of ["dragenter", "dragover"])
    drop.addEventListener(t, (ev) => { ev.preventDefault(); drop.classList.add("over"); });
  for (const t of ["dragleave", "drop"])
    drop.addEventListener(t, () => drop.classList.remove("over"));
  drop.addEventListener("drop", (ev) => { ev.preventDefault(); upload(ev.dataTransfer.files[0]); });
  $("file").addEventListener("change", (ev) => { upload(ev.target.files[0]); ev.target.value = ""; });
}

// ---- Find, edit, delete ---------------------------------------------------------------------------

const FOUND_PER_PAGE = 20;

// The documents q finds, page by page; no q: every document, the last arrived first.
async function find(q, page = 1) {
  const list = $("found"), pages = $("found-pages");
  clear(list);
  clear(pages);
  $("found-count").textContent = "";
  try {
    // every version listed: the documentalist corrects each one
    const p = new URLSearchParams({ q, per_page: String(FOUND_PER_PAGE), page: String(page), facets: "0",
                                    versions: "0" });
    if (!q) p.set("sort", "added");
    const data = await call("GET", `/api/search?${p}`);
    for (const r of data.results) {
      const b = el("button", { type: "button", class: "chip" }, r.title || "(sans titre)");
      b.addEventListener("click", async () => edit(await call("GET", `/api/documents/${r.id}`)));
      const arrived = r.added ? `arrivé le ${formatDate(r.added.slice(0, 10))}` : null;
      list.append(el("li", {}, b, " ", el("span", { class: "evidence" },
                                            [formatDate(r.date), r.type, arrived].filter(Boolean).join(" · "))));
    }
    if (data.results.length === 0) list.append(el("li", {}, "Aucun document."));
    const last = Math.max(1, Math.ceil((data.entries ?? data.total) / FOUND_PER_PAGE));
    $("found-count").textContent = `${data.total} document${data.total > 1 ? "s" : ""}` +
                                   (last > 1 ? ` — page ${page} sur ${last}` : "");
    const go = (n, label, name) => {
      const b = el("button", { type: "button", id: name }, label);
      b.addEventListener("click", () => find(q, n));
      pages.append(b, " ");
    };
    if (page > 1) go(page - 1, "‹ Précédente", "found-prev");
    if (page < last) go(page + 1, "Suivante ›", "found-next");
  } catch (e) {
    list.append(el("li", { class: "status bad" }, `Recherche impossible : ${e.message}`));
  }
}

function edit(doc) {
  current = doc;
  $("editor").hidden = false;
  $("h-edit").textContent = doc.title || "Document";
  const from = TITLE_SOURCES[doc.title_source];
  $("edit-file").textContent = `Identifiant ${doc.id} · ${doc.mime || ""} · ${doc.pages || 0} page(s)` +
                               (from ? ` · titre tiré de : ${from}` : "") +
                               // one content in several folders, one document (copies.h)
                               (doc.locations && doc.locations.length > 1
                                 ? ` · ${doc.locations.length} fichiers identiques : ` +
                                   doc.locations.map((l) => `${l.folder}/${l.name}`).join(", ")
                                 : "") +
                               (doc.versions && doc.versions.length
                                 ? ` · autres versions : ${doc.versions.map(versionName).join(", ")}`
                                 : "");
  $("edit-title").value = doc.title || "";
  $("edit-type").value = doc.type || "";
  $("edit-date").value = doc.date || "";
  $("edit-authors").value = (doc.authors || []).join("\n");
  $("edit-organisation").value = doc.organisation || "";
  $("edit-source").value = doc.source_url || "";
  $("edit-summary").value = doc.summary || "";
  const mine = new Set((doc.themes || []).map((t) => t.id));
  const box = $("edit-themes");
  clear(box);
  for (const c of thesaurus.themes) {
    const id = `th-${c.id}`;
    const input = el("input", { type: "checkbox", id, value: c.id });
    input.checked = mine.has(c.id);
    box.append(el("div", { class: c.broader.length ? "narrower" : "" }, input, " ", el("label", { for: id }, c.label)));
  }
  const regions = $("edit-regions");
  clear(regions);
  const here = new Set((doc.regions || []).map((r) => r.id));
  for (const c of thesaurus.regions) {
    const o = el("option", { value: c.id }, c.label);
    o.selected = here.has(c.id);
    regions.append(o);
  }
  const tags = $("tags");
  clear(tags);
  for (const t of doc.tags || [])
    tags.append(el("tr", {}, el("td", {}, `${FACETS[t.facet] || t.facet} : ${t.label}`),
                   el("td", {}, SOURCES[t.source] || t.source || ""),
                   el("td", { class: "evidence" }, t.evidence || (t.source === "manual" ? "saisi à la main" : ""))));
  if (!doc.tags || doc.tags.length === 0) tags.append(el("tr", {}, el("td", { colspan: 3 }, "Aucune étiquette.")));
  say("edit-status", "");
  $("editor").scrollIntoView({ block: "start" });
  $("edit-title").focus();
}

// The text fields of the form: input id, API field, its label.
const TEXT_FIELDS = [["edit-title", "title", "Titre"], ["edit-type", "type", "Type"],
                     ["edit-date", "date", "Date"], ["edit-organisation", "organisation", "Organisation"],
                     ["edit-source", "source_url", "Adresse d'origine"], ["edit-summary", "summary", "Résumé"]];

// The fields the documentalist changed: an untouched value is not sent, so
// that what the extractors found stays theirs (and may improve with them).
// Throws, in French, for a text emptied: a correction cannot clear it.
function changes(doc) {
  const body = {};
  const chosen = { themes: [...$("edit-themes").querySelectorAll("input:checked")].map((i) => i.value),
                   regions: [...$("edit-regions").selectedOptions].map((o) => o.value) };
  for (const [field, ids] of Object.entries(chosen)) {
    // the document's tags the form shows, automatic ones included
    const shown = new Set(thesaurus[field].map((c) => c.id));
    const before = new Set((doc[field] || []).map((t) => t.id).filter((id) => shown.has(id)));
    if (ids.length !== before.size || ids.some((id) => !before.has(id))) body[field] = ids;
  }
  for (const [id, field, name] of TEXT_FIELDS) {
    // as the form shows it: a textarea's lines end in "\n"
    const value = $(id).value.trim(), before = (doc[field] || "").replace(/\r\n?/g, "\n").trim();
    if (value === before) continue;
    if (!value && field === "source_url") { body[field] = ""; continue; } // cleared
    if (!value) throw new Error(`le champ « ${name} » ne peut pas être vidé : corrigez sa valeur plutôt`);
    body[field] = value;
  }
  const authors = $("edit-authors").value.split("\n").map((a) => a.trim()).filter(Boolean);
  if (authors.join("\n") !== (doc.authors || []).map((a) => a.trim()).join("\n")) body.authors = authors;
  return body;
}

async function save(ev) {
  ev.preventDefault();
  if (!current) return;
  try {
    const body = changes(current);
    if (Object.keys(body).length === 0) {
      say("edit-status", "Aucune modification à enregistrer.", true);
      return;
    }
    const res = await call("PATCH", `/api/documents/${current.id}`, JSON.stringify(body), { "Content-Type": "application/json" });
    if (res.status === "pending") {
      say("edit-status", PENDING, true);
      refreshStatus();
      return;
    }
    const doc = await call("GET", `/api/documents/${current.id}`);
    edit(doc);
    say("edit-status", "Corrections enregistrées : elles seront gardées aux prochaines indexations.", true);
  } catch (e) {
    say("edit-status", `Corrections refusées : ${e.message}`, false);
  }
}

async function remove() {
  if (!current || !confirm(`Supprimer « ${current.title} » de la veille ? Le fichier est gardé dans la corbeille.`)) return;
  try {
    const res = await call("DELETE", `/api/documents/${current.id}`);
    say("edit-status", res.status === "pending" ? PENDING : "Document supprimé (fichier mis à la corbeille).", true);
    current = null;
    $("editor").hidden = true;
    refreshStatus();
  } catch (e) {
    say("edit-status", `Suppression impossible : ${e.message}`, false);
  }
}

// ---- Wiring -----------------------------------------------------------------------------------

$("login").addEventListener("submit", (ev) => { ev.preventDefault(); token = $("token").value; login(); });
$("logout").addEventListener("click", () => {
  sessionStorage.removeItem("veille-token");
  token = "";
  $("work").hidden = true;
  $("logout").hidden = true;
  say("login-status", "Déconnecté.");
});
$("find").addEventListener("submit", (ev) => { ev.preventDefault(); find($("find-q").value.trim()); });
$("edit").addEventListener("submit", save);
$("delete").addEventListener("click", remove);
setupDrop();
if (token) { $("token").value = token; login(); }
