#!/usr/bin/env python3
"""bench/search/gen.py - a synthetic documentary-watch collection for bench/search.

Writes, under OUT:
  docs/NNN/dNNNNNN.txt   COUNT plain-text documents (1,000 per folder)
  catalogue.csv          Veille's catalogue of them (title, date, type, themes, regions)
  omega.dump             the same documents for Omega's scriptindex
  omega.script           the scriptindex script (same fields, same boolean terms)
  queries.tsv            the rotating French queries: q, theme, region
  urls-{veille,omega}-{plain,facets}.txt   the same queries as request paths
                         for each server, without and with a theme and a
                         region filter

Words come from Debian's French word list (wfrench) with Zipf-like frequencies
(exponent 1.07 over 60,000 words, shuffled with a fixed seed), so a few words
are very common and most are rare, as in real text.  Each document gets 1-3
themes and one region (sometimes two) from the project's thesaurus; their
labels appear in its text and title so that queries on them mean something.
Deterministic for a given COUNT and seed.
"""
import argparse
import bisect
import csv
import itertools
import os
import random
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the tree
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from collection import OMEGA_SCRIPT, write_urls  # noqa: E402

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TYPES = ["Rapport", "Étude", "Guide", "Compte rendu", "Invitation", "Diagnostic local",
         "Rapport d'activité", "Article"]


def concepts(ttl, top_only):
    """(id, prefLabel) of the concepts of a SKOS Turtle file."""
    text = open(ttl, encoding="utf-8").read()
    out = []
    for block in re.split(r"\.\s*\n", text):
        m = re.search(r"^\s*[a-z]+:([a-z0-9-]+) a skos:Concept", block, re.M)
        label = re.search(r'skos:prefLabel "([^"]+)"@fr', block)
        if not m or not label:
            continue
        if top_only == "theme" and "topConceptOf" not in block:
            continue
        if top_only == "region" and "inScheme p:regions" not in block:
            continue
        out.append((m.group(1), label.group(1)))
    return out


def vocabulary(path, size, rng):
    words = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            w = line.strip()
            if re.fullmatch(r"[a-zàâäçéèêëîïôöûùüÿœæ]{3,}", w):
                words.append(w)
    rng.shuffle(words)
    words = words[:size]
    weights = [1.0 / (rank + 1) ** 1.07 for rank in range(len(words))]
    return words, list(itertools.accumulate(weights))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out")
    ap.add_argument("--count", type=int, default=100000)
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--words", default="/usr/share/dict/french")
    ap.add_argument("--queries", type=int, default=400)
    a = ap.parse_args()

    rng = random.Random(a.seed)
    words, cum = vocabulary(a.words, 60000, rng)
    themes = concepts(os.path.join(TOP, "thesaurus/themes.ttl"), "theme")
    regions = concepts(os.path.join(TOP, "thesaurus/places.ttl"), "region")
    if not themes or not regions:
        sys.exit("gen.py: no themes or regions read from thesaurus/")

    def draw(k):
        return rng.choices(words, cum_weights=cum, k=k)

    os.makedirs(os.path.join(a.out, "docs"), exist_ok=True)
    cat = open(os.path.join(a.out, "catalogue.csv"), "w", encoding="utf-8", newline="")
    w = csv.writer(cat, delimiter=";")
    w.writerow(["Fichier", "Titre", "Auteurs", "Organisation", "Date", "Type", "Thèmes", "Régions"])
    dump = open(os.path.join(a.out, "omega.dump"), "w", encoding="utf-8")
    for i in range(a.count):
        folder = os.path.join("docs", "%03d" % (i // 1000))
        os.makedirs(os.path.join(a.out, folder), exist_ok=True)
        rel = os.path.join(folder, "d%06d.txt" % i)
        doc_themes = rng.sample(themes, rng.choice([1, 1, 2, 2, 3]))
        doc_regions = rng.sample(regions, 2 if rng.random() < 0.15 else 1)
        year = rng.randint(2005, 2025)
        date = "%02d/%02d/%d" % (rng.randint(1, 28), rng.randint(1, 12), year)
        dtype = rng.choice(TYPES)
        title = "%s %s : %s" % (dtype, " ".join(draw(rng.randint(2, 5))), doc_themes[0][1].lower())
        n = max(40, int(rng.lognormvariate(5.3, 0.6)))   # ~200 words on average, long tail
        body = draw(n)
        for label in [t[1] for t in doc_themes] + [r[1] for r in doc_regions]:
            for _ in range(rng.randint(1, 3)):
                body.insert(rng.randrange(len(body) + 1), label.lower())
        paragraphs = [" ".join(body[k:k + 60]) + "." for k in range(0, len(body), 60)]
        text = title + "\n\n" + "\n\n".join(p.capitalize() for p in paragraphs) + "\n"
        with open(os.path.join(a.out, rel), "w", encoding="utf-8") as f:
            f.write(text)
        w.writerow([rel, title, "", "Plateforme ASV", date, dtype,
                    " | ".join(t[1] for t in doc_themes), " | ".join(r[1] for r in doc_regions)])
        ymd = "%d%s%s" % (year, date[3:5], date[0:2])
        dump.write("id=d%06d\ncaption=%s\nurl=/%s\ndate=%s\nyear=%d\n" % (i, title, rel, ymd, year))
        dump.write("type=%s\n" % re.sub(r"[^a-z]+", "-", dtype.lower()))
        for t in doc_themes:
            dump.write("theme=%s\n" % t[0])
        for r in doc_regions:
            dump.write("region=%s\n" % r[0])
        dump.write("text=" + " ".join(paragraphs) + "\n\n")
    cat.close()
    dump.close()

    with open(os.path.join(a.out, "omega.script"), "w") as f:
        f.write(OMEGA_SCRIPT)

    # Queries: common and rare single words, two-word AND queries, theme
    # labels (large match sets), a word with a region name, phrases.
    with open(os.path.join(a.out, "queries.tsv"), "w", encoding="utf-8") as f:
        def rank_word(lo, hi):
            return words[int(lo * (hi / lo) ** rng.random())]
        for k in range(a.queries):
            kind = k % 10
            if kind < 4:
                q = rank_word(20, 20000)
            elif kind < 6:
                q = rank_word(10, 3000) + " " + rank_word(10, 3000)
            elif kind < 8:
                q = rng.choice(themes)[1].lower()
            elif kind < 9:
                q = rank_word(10, 2000) + " " + rng.choice(regions)[1].lower()
            else:
                q = '"%s"' % rng.choice(themes)[1].lower()
            f.write("%s\t%s\t%s\n" % (q, rng.choice(themes)[0], rng.choice(regions)[0]))
    write_urls(a.out)
    print("gen.py: %d documents, %d queries in %s" % (a.count, a.queries, a.out))


if __name__ == "__main__":
    main()
