#!/usr/bin/env python3
"""bench/search/collection.py - what bench/search needs of a collection that
Veille has indexed, so that every system answers the same queries over the
same documents:

  omega.dump, omega.script   the documents for Omega's scriptindex, read from
                             export.py's JSON lines (the text Veille extracted,
                             its themes, regions, type and year as boolean terms)
  queries.tsv                q, theme, region: the rotating queries, each with a
                             theme and a region to filter on, drawn from the
                             documents' own tags so that filters mean something
  urls-{veille,omega}-{plain,facets}.txt   the same as request paths

Usage: collection.py DOCS.jsonl OUT QUERIES...
  QUERIES: files of queries, one per line, or TSV whose first column is the
  query and whose first line is a header (bench/real's); at most 400 queries
  are taken, spread evenly over each file's lines.
Deterministic (fixed seed).  Also imported by gen.py (write_urls, OMEGA_SCRIPT).
"""
import json
import os
import random
import re
import sys
import urllib.parse

OMEGA_SCRIPT = ("id : boolean=Q unique=Q\n"
                "caption : field index=S index\n"
                "url : field\n"
                "date : field value=0\n"
                "year : boolean=Y\n"
                "type : boolean=XTY\n"
                "theme : boolean=XTH\n"
                "region : boolean=XRE\n"
                "text : index truncate=300 field=sample\n")
MAX_QUERIES = 400


def write_urls(out):
    """Request paths for Veille and Omega from out/queries.tsv."""
    rows = [line.rstrip("\n").split("\t") for line in open(os.path.join(out, "queries.tsv"), encoding="utf-8")]
    quote = urllib.parse.quote

    def filters(pairs):
        return "".join(fmt % quote(v) for fmt, v in pairs if v)
    forms = {
        "veille-plain": lambda q, t, r: "/api/search?q=" + quote(q),
        "veille-facets": lambda q, t, r: "/api/search?q=" + quote(q) + filters([("&theme=%s", t), ("&region=%s", r)]),
        "omega-plain": lambda q, t, r: "/omega?DB=bench&FMT=veille&P=" + quote(q),
        "omega-facets": lambda q, t, r: "/omega?DB=bench&FMT=veille&P=" + quote(q) + filters([("&B=XTH%s", t), ("&B=XRE%s", r)]),
    }
    for name, form in forms.items():
        with open(os.path.join(out, "urls-%s.txt" % name), "w") as f:
            for q, t, r in rows:
                f.write(form(q, t, r) + "\n")


def omega_field(s):
    """One line of a scriptindex dump field: no newline may pass."""
    return re.sub(r"\s+", " ", s).strip()


def write_omega(docs, out):
    with open(os.path.join(out, "omega.dump"), "w", encoding="utf-8") as dump:
        for d in docs:
            dump.write("id=%s\ncaption=%s\nurl=/%s\n" % (d["id"], omega_field(d["title"]), d["id"]))
            if d["year"]:
                dump.write("date=%s0000\nyear=%s\n" % (d["year"], d["year"]))
            if d["type"]:
                dump.write("type=%s\n" % re.sub(r"[^a-z]+", "-", d["type"].lower()))
            for t in d["themes"]:
                dump.write("theme=%s\n" % t)
            for r in d["regions"]:
                dump.write("region=%s\n" % r)
            dump.write("text=%s\n\n" % omega_field(d["text"]))
    with open(os.path.join(out, "omega.script"), "w") as f:
        f.write(OMEGA_SCRIPT)


def read_queries(path):
    lines = [l.rstrip("\n") for l in open(path, encoding="utf-8") if l.strip()]
    if "\t" in lines[0]:  # bench/real's TSV: a header, the query first
        lines = [l.split("\t")[0] for l in lines[1:]]
    return lines


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: collection.py DOCS.jsonl OUT QUERIES...")
    docs_path, out, sources = sys.argv[1], sys.argv[2], sys.argv[3:]
    docs = [json.loads(l) for l in open(docs_path, encoding="utf-8")]
    os.makedirs(out, exist_ok=True)
    write_omega(docs, out)
    rng = random.Random(2026)
    tagged = [d for d in docs if d["themes"]] or docs
    per_source = MAX_QUERIES // len(sources)
    with open(os.path.join(out, "queries.tsv"), "w", encoding="utf-8") as f:
        for src in sources:
            qs = read_queries(src)
            step = max(1, len(qs) // per_source)
            for q in qs[::step][:per_source]:
                d = rng.choice(tagged)  # a theme and a region that go together
                f.write("%s\t%s\t%s\n" % (q.replace("\t", " "), rng.choice(d["themes"]) if d["themes"] else "",
                                          rng.choice(d["regions"]) if d["regions"] else ""))
    write_urls(out)
    print("collection.py: %d documents, queries in %s" % (len(docs), out))


if __name__ == "__main__":
    main()
