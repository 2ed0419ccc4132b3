"""bench/real/peers.py - the tools Veille's users would otherwise pick, asked
the same known-item queries over the same files as Veille (HTML fiches:
`bench/real/run --peers`; PDF manual pages: `bench/real/manpages`).  Each
system is a function (docs, rows, bench_dir) -> [(row, rank, found_nothing)],
rank being the 1-based place of the row's file (row["name"], the file's name
without .html or .pdf) in the system's first 10 results (0: not there).  No
system is tuned beyond what its documentation suggests for French.

- omega, omega-or: Debian's xapian-omega.  omindex indexes the files with
  --stemmer=french (an HTML title goes in as S-prefixed and plain terms, as
  omindex does; a PDF's text comes from pdftotext, its title from its
  metadata); the omega CGI, run once per query with the stock `query`
  template preceded by $set{stemmer,french}, answers P=<query> with its
  default operator AND (omega-or: DEFAULTOP=or, its "match any words").  The
  top 10 are read from the result page's links.
- fts5, fts5-or: SQLite FTS5 in process (python3's sqlite3), a table
  fts5(title, body, tokenize='unicode61 remove_diacritics 2') (HTML: the
  <title> and the rest; PDF: pdftotext's text, the title being its first
  non-empty line), ranked by
  bm25(docs, FTS5_TITLE_WEIGHT, 1).  The query's words (\\w+ runs, each
  quoted, so that no word is read as FTS5 syntax) are ANDed as FTS5 does by
  default (fts5-or: joined with OR).
"""
import html, html.parser, os, re, shutil, sqlite3, subprocess, sys, urllib.parse

OMEGA_CGI = "/usr/lib/cgi-bin/omega/omega"
OMEGA_TEMPLATES = "/var/lib/xapian-omega/templates"
# Title weight of bm25(): 10 (a title word counts ten times a body word), a
# round value chosen before measuring.  On these queries (MRR@10, AND / OR):
# 1: 0.265 / 0.615, 5: 0.275 / 0.632, 10: 0.282 / 0.647, 50: 0.292 / 0.669,
# 1000: 0.298 / 0.675.  Higher weights rank by the title alone, which suits
# fiches whose short titles say what they answer; FTS5_TITLE_WEIGHT
# sets another.
FTS5_TITLE_WEIGHT = float(os.environ.get("FTS5_TITLE_WEIGHT", "10"))


EXTENSIONS = (".html", ".pdf")


def rank_of(name, hits):
    """1-based rank of name among the first 10 hits, 0 if not there."""
    hits = hits[:10]
    return hits.index(name) + 1 if name in hits else 0


def doc_files(docs):
    """(name, file) of each HTML or PDF file of docs, name lacking the extension."""
    return sorted((os.path.splitext(n)[0], os.path.join(docs, n)) for n in os.listdir(docs)
                  if n.endswith(EXTENSIONS))


# ---- Omega ---------------------------------------------------------------------

def omega_setup(docs, bench_dir):
    """Builds the omindex database once (delete BENCH_DIR/omega to rebuild it) and
    writes omega's configuration; returns the configuration file."""
    for tool in ("omindex", OMEGA_CGI):
        if not shutil.which(tool):
            sys.exit("bench/real: %s missing: run make deps-bench (xapian-omega)" % tool)
    top = os.path.join(bench_dir, "omega")
    db = os.path.join(top, "db", "docs")
    if not os.path.isdir(db):
        shutil.rmtree(db + ".new", ignore_errors=True)
        os.makedirs(os.path.dirname(db), exist_ok=True)
        print("bench/real: omindex --stemmer=french ...", flush=True)
        subprocess.run(["omindex", "--db", db + ".new", "--url", "/docs/", "--stemmer=french",
                        docs], check=True, stdout=subprocess.DEVNULL)
        os.rename(db + ".new", db)
    templates = os.path.join(top, "templates")
    shutil.rmtree(templates, ignore_errors=True)
    shutil.copytree(os.path.join(OMEGA_TEMPLATES, "inc"), os.path.join(templates, "inc"))
    with open(os.path.join(OMEGA_TEMPLATES, "query"), encoding="utf-8") as f:
        stock = f.read()
    with open(os.path.join(templates, "query"), "w", encoding="utf-8") as f:
        f.write("$set{stemmer,french}" + stock)
    os.makedirs(os.path.join(top, "log"), exist_ok=True)
    conf = os.path.join(top, "omega.conf")
    with open(conf, "w") as f:
        f.write("database_dir %s\ntemplate_dir %s\nlog_dir %s\n" % (
            os.path.dirname(db), templates, os.path.join(top, "log")))
    return conf


def omega_ranks(docs, rows, bench_dir, defaultop=None):
    conf = omega_setup(docs, bench_dir)
    env = dict(os.environ, OMEGA_CONFIG_FILE=conf)
    out = []
    for row in rows:
        args = [OMEGA_CGI, "DB=docs", "P=" + row["query"]]
        if defaultop:
            args.append("DEFAULTOP=" + defaultop)
        page = subprocess.run(args, env=env, stdout=subprocess.PIPE, check=True).stdout.decode()
        hits = []
        for link in re.findall(r'href="/docs/([^"/]+)\.(?:html|pdf)"', page):
            name = urllib.parse.unquote(html.unescape(link))
            if name not in hits:
                hits.append(name)
        out.append((row, rank_of(row["name"], hits), not hits))
    return out


def omega_or_ranks(docs, rows, bench_dir):
    return omega_ranks(docs, rows, bench_dir, defaultop="or")


# ---- SQLite FTS5 ---------------------------------------------------------------

class _Text(html.parser.HTMLParser):
    """The <title> and the rest of the text of one fiche's HTML file."""

    def __init__(self):
        super().__init__()
        self.title, self.body, self._in_title = [], [], False

    def handle_starttag(self, tag, attrs):
        self._in_title = tag == "title"

    def handle_endtag(self, tag):
        self._in_title = False

    def handle_data(self, data):
        (self.title if self._in_title else self.body).append(data)


def html_text(path):
    """(title, body) of an HTML file."""
    with open(path, encoding="utf-8") as f:
        text = _Text()
        text.feed(f.read())
    return " ".join(text.title), " ".join(text.body)


def pdf_text(path):
    """(title, body) of a PDF: pdftotext's text, its first non-empty line as the
    title (None if it has no text)."""
    text = subprocess.run(["pdftotext", "-q", "-enc", "UTF-8", path, "-"], stdout=subprocess.PIPE
                          ).stdout.decode("utf-8", "replace")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return (lines[0] if lines else None), text


_tables = {}


def fts5_table(docs):
    """The FTS5 table of docs' files, built once per run."""
    if docs in _tables:
        return _tables[docs]
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(name UNINDEXED, title, body, "
               "tokenize = 'unicode61 remove_diacritics 2')")
    for name, path in doc_files(docs):
        title, body = (pdf_text if path.endswith(".pdf") else html_text)(path)
        db.execute("INSERT INTO docs VALUES (?, ?, ?)", (name, title, body))
    _tables[docs] = db
    return db


def fts5_ranks(docs, rows, bench_dir, joiner=" "):
    db = fts5_table(docs)
    out = []
    for row in rows:
        match = joiner.join('"%s"' % w for w in re.findall(r"\w+", row["query"]))
        hits = [f for f, in db.execute(
            "SELECT name FROM docs WHERE docs MATCH ? ORDER BY bm25(docs, 0, ?, 1) "
            "LIMIT 10", (match, FTS5_TITLE_WEIGHT))] if match else []
        out.append((row, rank_of(row["name"], hits), not hits))
    return out


def fts5_or_ranks(docs, rows, bench_dir):
    return fts5_ranks(docs, rows, bench_dir, joiner=" OR ")


SYSTEMS = {"omega": omega_ranks, "omega-or": omega_or_ranks,
           "fts5": fts5_ranks, "fts5-or": fts5_or_ranks}
