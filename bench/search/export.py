#!/usr/bin/python3
"""bench/search/export.py - a Veille index's documents as JSON lines, so that
the peers of bench/search (PostgreSQL, SQLite FTS5) index exactly the text and
the tags Veille indexed: no second extraction, no second tagging.

Usage: bench/search/export.py VEILLE_DB OUT.jsonl

One object per document, in docid order:
  {"id": "16 hex digits", "title": "...", "text": "...",
   "themes": ["theme-id", ...], "regions": ["region-id", ...],
   "type": "Rapport" or "", "year": "2021" or ""}
A PDF's pages are joined with form feeds, other passages with a space.

Needs Debian's python3-xapian (make deps-bench), hence /usr/bin/python3.
Slot numbers are those of index/schema.h.
"""
import json
import sys

import xapian

SLOT_YEAR, SLOT_TYPE, SLOT_THEMES, SLOT_REGIONS, SLOT_CHUNK_STARTS = 2, 3, 7, 8, 9
SLOT_TEXT_BASE = 100
FACET_SET_SEP = "|"


def text_of(doc):
    """The stored passages of doc, rejoined."""
    starts = doc.get_value(SLOT_CHUNK_STARTS).decode()
    if not starts:
        return ""
    n = len(starts[1:].split(",")) - 1
    sep = "\f" if starts[0] == "p" else " "
    return sep.join(doc.get_value(SLOT_TEXT_BASE + i).decode("utf-8", "replace") for i in range(n))


def ids(doc, slot):
    v = doc.get_value(slot).decode()
    return v.split(FACET_SET_SEP) if v else []


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: export.py VEILLE_DB OUT.jsonl")
    db = xapian.Database(sys.argv[1])
    n = 0
    with open(sys.argv[2], "w", encoding="utf-8") as out:
        for post in db.postlist(""):
            doc = db.get_document(post.docid)
            meta = json.loads(doc.get_data().rstrip(b"\0").decode())
            out.write(json.dumps({
                "id": meta["id"],
                "title": meta.get("title") or "",
                "text": text_of(doc),
                "themes": ids(doc, SLOT_THEMES),
                "regions": ids(doc, SLOT_REGIONS),
                "type": doc.get_value(SLOT_TYPE).decode(),
                "year": doc.get_value(SLOT_YEAR).decode(),
            }, ensure_ascii=False) + "\n")
            n += 1
    print("export.py: %d documents in %s" % (n, sys.argv[2]))


if __name__ == "__main__":
    main()
