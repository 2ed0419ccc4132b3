/* widget.js - Veille's search box and document lists for other websites.
 *
 *   <div data-veille></div>
 *   <div data-veille="latest" data-theme="sante-mentale" data-region="occitanie"
 *        data-limit="5" data-title="Santé mentale en Occitanie"></div>
 *   <script src="https://VEILLE-HOST/widget.js" async></script>
 *
 * data-veille: "search" (default: a search box and results) or "latest"
 * (the newest documents).  data-theme / data-region: fixed filters (ids
 * from /api/thesaurus; several separated by commas).  data-limit: results
 * shown (1-20, default 5).  data-title: a heading.  data-api: the Veille
 * server (default: where this script comes from).
 *
 * Each widget lives in a shadow root: its styles do not leak into the
 * host page and the page's do not reach it.  The only global name is
 * window.Veille ({mount, version}); the API is called through CORS, so
 * the host's origin must be in the server's [server] cors_origins. */
(function () {
  "use strict";
  if (window.Veille && window.Veille.version) return; // loaded twice

  var script = document.currentScript;
  var defaultApi = script && script.src ? new URL(script.src, location.href).origin : location.origin;

  var STYLE = [
    ":host{all:initial;display:block;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;",
    "font-size:16px;line-height:1.4;color:#1b2629}",
    "*{box-sizing:border-box}",
    ".box{border:1px solid #d3dcdf;border-radius:6px;padding:12px 14px;background:#fff}",
    "h2{font-size:17px;margin:0 0 8px;color:#0b5f6b}",
    "form{display:flex;gap:6px;margin:0 0 8px}",
    "input{flex:1;font:inherit;padding:6px 8px;border:1px solid #7a9499;border-radius:4px;min-width:0}",
    "button{font:inherit;padding:6px 12px;border:0;border-radius:4px;background:#0b5f6b;color:#fff;cursor:pointer}",
    "button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #e07b00;outline-offset:2px}",
    "ol{list-style:none;margin:0;padding:0}",
    "li{padding:7px 0;border-top:1px solid #e6ecee}li:first-child{border-top:0}",
    "a{color:#0b5f6b;font-weight:600;text-decoration:none}a:hover{text-decoration:underline}",
    ".meta{color:#4d5b60;font-size:13px}",
    ".snippet{margin:3px 0 0;font-size:14px}",
    "mark{background:#ffe58a;color:inherit}",
    ".more{display:inline-block;margin-top:8px;font-size:14px}",
    ".status{color:#4d5b60;font-size:14px;margin:4px 0}",
    ".error{color:#a3120b}",
    "[hidden]{display:none!important}",
  ].join("");

  var MONTHS = ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.",
                "nov.", "déc."];

  function formatDate(iso) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(iso || "");
    if (!m) return "";
    if (!m[2] || m[2] === "00") return m[1];
    var month = MONTHS[parseInt(m[2], 10) - 1] || "";
    return (m[3] && m[3] !== "00" ? parseInt(m[3], 10) + " " : "") + month + " " + m[1];
  }

  function make(tag, attrs, text) {
    var n = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) n.setAttribute(k, attrs[k]);
    if (text !== undefined) n.textContent = text;
    return n;
  }

  function list(value) {
    return (value || "").split(",").map(function (s) { return s.trim(); }).filter(Boolean);
  }

  function Widget(host, options) {
    this.api = (options.api || defaultApi).replace(/\/$/, "");
    this.mode = options.mode === "latest" ? "latest" : "search";
    this.themes = list(options.theme);
    this.regions = list(options.region);
    this.limit = Math.min(20, Math.max(1, parseInt(options.limit, 10) || 5));
    var root = host.shadowRoot || host.attachShadow({ mode: "open" });
    while (root.firstChild) root.removeChild(root.firstChild);
    var style = make("style");
    style.textContent = STYLE;
    this.box = make("section", { class: "box", "aria-label": options.title || "Veille documentaire" });
    root.appendChild(style);
    root.appendChild(this.box);
    if (options.title) this.box.appendChild(make("h2", {}, options.title));
    if (this.mode === "search") this.addForm();
    this.status = make("p", { class: "status", role: "status" });
    this.results = make("ol");
    this.more = make("a", { class: "more", target: "_top" }, "Voir tous les résultats dans la veille");
    this.box.appendChild(this.status);
    this.box.appendChild(this.results);
    this.box.appendChild(this.more);
    this.more.hidden = true;
    if (this.mode === "latest") this.load("");
  }

  Widget.prototype.addForm = function () {
    var self = this;
    var form = make("form", { role: "search" });
    var id = "veille-q-" + Math.random().toString(36).slice(2, 8);
    var label = make("label", { for: id, style: "position:absolute;left:-9999px" }, "Rechercher dans la veille");
    this.input = make("input", { id: id, type: "search", placeholder: "Rechercher un document…" });
    form.appendChild(label);
    form.appendChild(this.input);
    form.appendChild(make("button", { type: "submit" }, "Rechercher"));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      self.load(self.input.value.trim());
    });
    this.box.appendChild(form);
  };

  Widget.prototype.params = function (q) {
    var p = new URLSearchParams();
    if (q) p.set("q", q);
    this.themes.forEach(function (t) { p.append("theme", t); });
    this.regions.forEach(function (r) { p.append("region", r); });
    return p;
  };

  Widget.prototype.load = function (q) {
    var self = this;
    var p = this.params(q);
    if (this.mode === "latest" || !q) p.set("sort", "date");
    p.set("per_page", String(this.limit));
    p.set("facets", "0");
    this.status.textContent = "Recherche…";
    this.status.className = "status";
    fetch(this.api + "/api/search?" + p, { headers: { Accept: "application/json" } })
      .then(function (r) {
        return r.json().then(function (body) {
          if (!r.ok) throw new Error(body.message || "erreur " + r.status);
          return body;
        });
      })
      .then(function (data) { self.show(q, data); })
      .catch(function (e) {
        self.status.textContent = "La veille ne répond pas (" + e.message + ").";
        self.status.className = "status error";
      });
  };

  Widget.prototype.show = function (q, data) {
    var self = this;
    while (this.results.firstChild) this.results.removeChild(this.results.firstChild);
    this.status.textContent = (data.total === 0 ? "Aucun document trouvé."
      : this.mode === "latest" ? "" : data.total + " document" + (data.total > 1 ? "s" : "")) +
      (data.partial ? " (résultats incomplets : une partie de la collection ne répond pas)" : "");
    data.results.forEach(function (r) {
      var li = make("li");
      var page = new URLSearchParams(self.params(q));
      page.set("doc", r.id);
      li.appendChild(make("a", { href: self.api + "/?" + page, target: "_top" }, r.title || "(sans titre)"));
      var meta = [formatDate(r.date), r.type, r.organisation].filter(Boolean).join(" · ");
      li.appendChild(make("div", { class: "meta" }, meta));
      if (self.mode === "search" && q && r.snippet) {
        var s = make("p", { class: "snippet" });
        s.innerHTML = r.snippet; // HTML-escaped by the server, <mark> only
        if (r.page) { // the PDF, opened at the snippet's page; a slide or a sheet says which
          var unit = /presentation|powerpoint/.test(r.mime || "") ? "diapo. "
                     : /spreadsheet|excel/.test(r.mime || "") ? "feuille " : "p. ";
          s.insertBefore(document.createTextNode(" "), s.firstChild);
          s.insertBefore(r.mime === "application/pdf"
            ? make("a", { href: self.api + "/documents/" + r.id + "/file?inline=1#page=" + r.page,
                          target: "_top", class: "page" }, unit + r.page)
            : make("span", { class: "page" }, unit + r.page), s.firstChild);
        }
        li.appendChild(s);
      }
      self.results.appendChild(li);
    });
    this.more.href = this.api + "/?" + this.params(q) + (this.mode === "latest" ? "&sort=date" : "");
    this.more.hidden = (data.entries ?? data.total) <= data.results.length;
  };

  function optionsOf(el) {
    return { mode: el.getAttribute("data-veille"), theme: el.getAttribute("data-theme"),
             region: el.getAttribute("data-region"), limit: el.getAttribute("data-limit"),
             title: el.getAttribute("data-title"), api: el.getAttribute("data-api") };
  }

  function mountAll() {
    var nodes = document.querySelectorAll("[data-veille]");
    for (var i = 0; i < nodes.length; i++)
      if (!nodes[i].shadowRoot) new Widget(nodes[i], optionsOf(nodes[i]));
  }

  window.Veille = {
    version: "1",
    // Veille.mount(element, {mode, theme, region, limit, title, api}): for pages
    // that add a widget after loading.
    mount: function (el, options) { new Widget(el, options || optionsOf(el)); },
  };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
