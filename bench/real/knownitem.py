"""bench/real/knownitem.py - what the known-item benches of bench/real share
(run on the service-public.fr fiches, manpages on Debian's French manual
pages as PDFs): index a folder with veille-index, start veille-searchd on a
free 127.0.0.1 port, ask it the queries, and the figures and tables.

A query is a row (a dict): "query", "kind" (its group in the tables), "name"
(the wanted file's name without its extension: what the tables show and the
peers of peers.py look for) and "doc" (Veille's id of that file, doc_id())."""
import hashlib, json, math, os, shutil, socket, subprocess, sys, time, urllib.error, urllib.parse
import urllib.request

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def doc_id(path):
    """Veille's id of a file: the first 16 hex digits of SHA-256 of its absolute
    path as veille-index names it (g_canonicalize_filename: symbolic links are
    not resolved)."""
    return hashlib.sha256(os.path.abspath(path).encode()).hexdigest()[:16]


def index(docs, bench_dir):
    """bench_dir/index, the Veille index of docs (with the thesaurus), built again
    whenever bin/veille-index, the thesaurus's files or the documents (names,
    sizes, times) have changed since it was built."""
    db = os.path.join(bench_dir, "index")
    stamp = os.path.join(bench_dir, "index.built-by")
    binary = os.path.join(TOP, "bin", "veille-index")
    listing = hashlib.sha256(repr(sorted((e.name, e.stat().st_size, e.stat().st_mtime_ns)
                                         for e in os.scandir(docs))).encode()).hexdigest()[:16]
    thesaurus = os.path.join(TOP, "thesaurus")
    vocabulary = hashlib.sha256(b"".join(
        e.name.encode() + open(e.path, "rb").read()
        for e in sorted(os.scandir(thesaurus), key=lambda e: e.name) if e.is_file())).hexdigest()[:16]
    built_by = "%s %d %s %s %s" % (binary, os.path.getmtime(binary), os.path.realpath(docs), listing,
                                   vocabulary)
    if not os.path.isdir(db) or not os.path.exists(stamp) or open(stamp).read() != built_by:
        shutil.rmtree(db, ignore_errors=True)
        t0 = time.time()
        subprocess.run([binary, "-q", "--db", db, "--thesaurus", thesaurus, docs], check=True,
                       stdout=subprocess.DEVNULL)
        print("bench/real: indexed in %.1f s" % (time.time() - t0), flush=True)
        open(stamp, "w").write(built_by)
    return db


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def start_daemon(db, bench_dir):
    """veille-searchd over db on a free port, no response cache, with the [search]
    settings of SEARCH_SETTINGS ("k = v; k = v"); returns (process, base URL)."""
    port = free_port()
    conf = os.path.join(bench_dir, "veille.ini")
    with open(conf, "w") as f:
        f.write("[search]\n")
        for kv in filter(None, (x.strip() for x in os.environ.get("SEARCH_SETTINGS", "").split(";"))):
            f.write(kv + "\n")
    proc = subprocess.Popen(["setpriv", "--pdeathsig", "KILL",  # dies with this script
                             os.path.join(TOP, "bin", "veille-searchd"), "--db", db, "--config", conf,
                             "--listen", "127.0.0.1:%d" % port, "--cache-mb", "0"],
                            stderr=subprocess.DEVNULL)
    base = "http://127.0.0.1:%d" % port
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/healthz", timeout=1)
            return proc, base
        except OSError:
            time.sleep(0.1)
    proc.kill()
    sys.exit("bench/real: the daemon does not answer")


def search(base, query, per_page=10):
    """Veille's JSON answer to one query."""
    url = base + "/api/search?" + urllib.parse.urlencode({"q": query, "per_page": per_page})
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return json.load(r)
    except urllib.error.HTTPError as e:
        return {"results": [], "total": 0, "error": e.code}


def ranks(base, rows):
    """The 1-based rank of each row's document in the first 10 results (0: not
    there) and whether the query found nothing."""
    out = []
    for row in rows:
        answer = search(base, row["query"])
        ids = [h["id"] for h in answer["results"]]
        rank = ids.index(row["doc"]) + 1 if row["doc"] in ids else 0
        out.append((row, rank, answer.get("total", 0) == 0))
    return out


def figures(sel):
    """MRR@10, success@1, success@10, nDCG@10 (one relevant document) and the
    share of queries that found nothing, over (row, rank, found_nothing) triples."""
    n = len(sel)
    return (sum(1 / k for _, k, _ in sel if k) / n,
            sum(1 for _, k, _ in sel if k == 1) / n,
            sum(1 for _, k, _ in sel if k) / n,
            sum(1 / math.log2(k + 1) for _, k, _ in sel if k) / n,
            sum(1 for _, _, z in sel if z) / n)


COLUMNS = ("MRR@10", "succ@1", "succ@10", "nDCG@10", "zero")


def report(results, misses):
    """One system's figures per kind and overall; with misses, each query whose
    document is not first, with the rank it got."""
    kinds = sorted({r["kind"] for r, _, _ in results})
    print("%-18s %5s %8s %8s %8s %8s %8s" % (("kind", "n") + COLUMNS))
    for kind in kinds + ["all"]:
        sel = [(r, k, z) for r, k, z in results if kind == "all" or r["kind"] == kind]
        print("%-18s %5d %8.3f %8.3f %8.3f %8.3f %8.3f" % ((kind, len(sel)) + figures(sel)))
    if misses:
        for r, k, z in results:
            if k != 1:
                print("  %-8s %s  %s%s" % (r["name"], "rank %d" % k if k else "not in top 10",
                                          r["query"], "  (no result)" if z else ""))


def overall(by_system, title="system"):
    """The figures of each system ({name: results}), one line each."""
    w = max([10, len(title)] + [len(name) for name in by_system])
    print("\n%-*s %8s %8s %8s %8s %8s" % ((w, title) + COLUMNS))
    for name, results in by_system.items():
        print("%-*s %8.3f %8.3f %8.3f %8.3f %8.3f" % ((w, name) + figures(results)))


def by_kind(by_system):
    """MRR@10 per kind of query, one column per system."""
    kinds = sorted({r["kind"] for r, _, _ in next(iter(by_system.values()))})
    print("\nMRR@10 %-11s" % "by kind" + "".join(" %9s" % name for name in by_system))
    for kind in kinds + ["all"]:
        print("%-18s" % kind + "".join(
            " %9.3f" % figures([x for x in results if kind == "all" or x[0]["kind"] == kind])[0]
            for results in by_system.values()))


def side_by_side(by_system):
    """Overall figures, one line per system, then MRR@10 per kind, one column each."""
    overall(by_system)
    by_kind(by_system)


def peer_results(docs, rows, bench_dir, names):
    """{name: results} for each peer of peers.py named in names (a space-separated
    list), over the files of docs."""
    import peers
    unknown = [name for name in names.split() if name not in peers.SYSTEMS]
    if unknown:
        sys.exit("bench/real: unknown peer %s (known: %s)" % (" ".join(unknown), " ".join(peers.SYSTEMS)))
    return {name: peers.SYSTEMS[name](docs, rows, bench_dir) for name in names.split()}
