// dom.js - small DOM helpers shared by the search page and the
// documentalist's page.  el() sets text, never HTML.

// el("a", {href: "/"}, "text", child...): an element with attributes
// (a "style" attribute goes through CSSOM, which the page's CSP allows)
// and children (strings become text nodes; falsy ones are skipped).
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === "style") node.style.cssText = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) {
    if (c === undefined || c === null || c === false || c === "") continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
}

const MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
                "septembre", "octobre", "novembre", "décembre"];

// "2014-09-15" -> "15 septembre 2014"; "2014-09" -> "septembre 2014"; "2014" as is.
export function formatDate(iso) {
  const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso || "");
  if (!m) return iso || "";
  const [, y, mo, d] = m;
  if (!mo || mo === "00") return y;
  const month = MONTHS[parseInt(mo, 10) - 1] || "";
  if (!d || d === "00") return `${month} ${y}`;
  return `${parseInt(d, 10) === 1 ? "1er" : parseInt(d, 10)} ${month} ${y}`;
}

// How one version of a report is told from the others (they share a title):
// its date, else its file's name, with when it arrived.
export function versionName(v) {
  const arrived = v.added ? `arrivé le ${formatDate(v.added.slice(0, 10))}` : "";
  if (v.date) return formatDate(v.date);
  return [v.name, arrived].filter(Boolean).join(", ") || v.title || "(sans titre)";
}

// What a document's pages are called: a deck's slides, a workbook's sheets,
// else pages; [one, many, the short form before a number].
export function pageWords(mime) {
  if (/presentation|powerpoint/.test(mime || "")) return ["diapositive", "diapositives", "diapo."];
  if (/spreadsheet|excel/.test(mime || "")) return ["feuille", "feuilles", "feuille"];
  return ["page", "pages", "p."];
}

export function plural(n, one, many) {
  return n > 1 ? many : one;
}
