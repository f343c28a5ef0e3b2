#!/usr/bin/env python3
"""Publishing a registry: `ashyq load` (everything a release does: staging, checks, counts,
catalogue, archive, statistics, search index) against `ashyq map` to N-Triples followed by
Jena's own TDB2 loaders (parallel, phased, basic: what tdb2.tdbloader runs), into a fresh store,
on the same generated CSV (bench/generate.py's shape, bench/front/registry.yml's mapping), in
one run. With --server, also through a running server (`ashyq load --server`). Prints wall
time, triples per second, peak RSS, disk used and the ratios against Ashyq's load.

    python3 bench/release/run.py --rows 100000
    python3 bench/release/run.py --rows 1000000 --server
"""
import argparse
import csv as _csv
import importlib.util
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "bench", "release")
BASE = "http://localhost:8080/"
TOKEN = "bench-admin-token-0123456789"
# bench/run.py's way of timing a command under /usr/bin/time
_spec = importlib.util.spec_from_file_location("mapbench", os.path.join(ROOT, "bench", "run.py"))
_mapbench = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_mapbench)
_spec = importlib.util.spec_from_file_location("virtuoso", os.path.join(ROOT, "bench", "virtuoso.py"))
_virtuoso = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_virtuoso)


def timed(cmd, cwd=None, env=None):
    """Runs a command under /usr/bin/time, and samples its anonymous memory (heap and native, not
    the pages of files it maps: TDB2's indexes) every 50 ms from /proc: (seconds, peak RSS MB,
    peak anonymous RSS MB)."""
    proc = subprocess.Popen(["/usr/bin/time", "-f", "%e %M"] + cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env)
    anon = 0
    while proc.poll() is None:
        anon = max(anon, _anon_kb(proc.pid))
        time.sleep(0.05)
    err = proc.stderr.read()
    if proc.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), err[-2000:]))
    secs, kb = err.strip().splitlines()[-1].split()
    return float(secs), int(kb) / 1024, anon / 1024


def _anon_kb(pid):
    """RssAnon of a process and its descendants, in kB (0 once gone)."""
    total = 0
    try:
        with open("/proc/%d/status" % pid, encoding="ascii") as f:
            for line in f:
                if line.startswith("RssAnon:"):
                    total += int(line.split()[1])
        with open("/proc/%d/task/%d/children" % (pid, pid), encoding="ascii") as f:
            for child in f.read().split():
                total += _anon_kb(int(child))
    except (OSError, ValueError):
        pass
    return total


def du(path):
    total = 0
    for d, _, files in os.walk(path):
        for f in files:
            total += os.stat(os.path.join(d, f)).st_blocks * 512
    return total / (1 << 20)


def fresh(path):
    if os.path.exists(path):
        shutil.rmtree(path)
    return path


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]



def virtuoso_bulk(nt, root):
    """Virtuoso 7.2's bulk loader (ld_dir, rdf_loader_run, checkpoint) on the N-Triples, into a fresh
    database under root (not /dev/shm, which Virtuoso refuses to load from): seconds, peak RSS MB,
    disk MB, or None when Debian's virtuoso-opensource is not installed."""
    if not shutil.which("virtuoso-t") or not shutil.which("isql-vt"):
        print("Virtuoso: not installed (apt-get install virtuoso-opensource), left out")
        return None
    vdir = fresh(os.path.join(root, "virtuoso-release"))
    os.makedirs(vdir)
    shutil.copy(nt, os.path.join(vdir, "registry.nt"))
    with open(os.path.join(vdir, "virtuoso.ini"), "w") as f:
        f.write(_virtuoso.ini(vdir, 1113, 8314, 4))
    proc = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", os.path.join(vdir, "virtuoso.ini")],
                            cwd=vdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 180
        while True:
            try:
                urllib.request.urlopen("http://127.0.0.1:8314/sparql?query=ASK%7B%7D", timeout=2)
                break
            except OSError:
                if time.time() > deadline:
                    raise SystemExit("Virtuoso did not start: see %s/virtuoso.log" % vdir)
                time.sleep(0.5)
        t0 = time.time()
        subprocess.run(["isql-vt", "127.0.0.1:1113", "dba", "dba",
                        "exec=ld_dir('%s', 'registry.nt', '%sgraph/registry'); rdf_loader_run(); checkpoint;"
                        % (vdir, BASE)], check=True, stdout=subprocess.DEVNULL)
        secs = time.time() - t0
        with open("/proc/%d/status" % proc.pid) as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmHWM")) / 1024
        q = urllib.parse.quote("SELECT (COUNT(*) AS ?n) { GRAPH <%sgraph/registry> { ?s ?p ?o } }" % BASE)
        with urllib.request.urlopen("http://127.0.0.1:8314/sparql?format=text%2Fcsv&query=" + q, timeout=120) as r:
            n = int(r.read().decode().splitlines()[1].strip('"'))
        print("Virtuoso: %d triples loaded" % n)
        os.remove(os.path.join(vdir, "registry.nt"))
        return secs, rss, du(vdir)
    finally:
        proc.terminate()
        proc.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--server", action="store_true", help="also publish through a running server")
    ap.add_argument("--dir", default="/dev/shm/ashyq-release" if os.path.isdir("/dev/shm") else "/tmp/ashyq-release")
    ap.add_argument("--virtuoso-dir", default="/tmp/ashyq-bench")
    ap.add_argument("--heap", default="1600m",
                    help="Ashyq's -Xmx (a million-row release needs about 1.2 GB live); Jena's loaders get 3g")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    jar = os.path.join(ROOT, "target", "ashyq.jar")
    if not os.path.exists(jar):
        subprocess.run(["mvn", "-q", "-B", "-DskipTests", "package"], cwd=ROOT, check=True)
    classes = os.path.join(a.dir, "classes")
    subprocess.run(["javac", "-cp", jar, "-d", classes, os.path.join(HERE, "TdbLoad.java")], check=True)
    csv = os.path.join(a.dir, "registry.csv")
    if not os.path.exists(csv) or int(open(os.path.join(a.dir, "rows"), encoding="ascii").read() if os.path.exists(
            os.path.join(a.dir, "rows")) else 0) != a.rows:
        subprocess.run([sys.executable, os.path.join(ROOT, "bench", "generate.py"), str(a.rows), csv], check=True)
        open(os.path.join(a.dir, "rows"), "w", encoding="ascii").write(str(a.rows))
    mapping = os.path.join(a.dir, "registry.yml")
    shutil.copy(os.path.join(ROOT, "bench", "front", "registry.yml"), mapping)
    env = dict(os.environ, JAVA_OPTS="-Xmx" + a.heap)
    results = []

    store = fresh(os.path.join(a.dir, "store-ashyq"))
    secs, rss, anon = timed([os.path.join(ROOT, "ashyq"), "load", "--store", store, mapping], env=env)
    results.append(("ashyq load", secs, rss, anon, du(store)))

    # the same dataset again with 1% of its rows changed (every 100th row's capacity), into that store
    reload = os.path.join(a.dir, "reload")
    os.makedirs(reload, exist_ok=True)
    shutil.copy(mapping, os.path.join(reload, "registry.yml"))
    with open(csv, encoding="utf-8", newline="") as src, \
            open(os.path.join(reload, "registry.csv"), "w", encoding="utf-8", newline="") as dst:
        rows = _csv.reader(src)
        out = _csv.writer(dst, lineterminator="\n")
        for i, row in enumerate(rows):
            if i > 0 and i % 100 == 0:
                row[6] = str(int(row[6]) + 1)
            out.writerow(row)
    secs, rss, anon = timed([os.path.join(ROOT, "ashyq"), "load", "--store", store,
                             os.path.join(reload, "registry.yml")], env=env)
    results.append(("ashyq load, 1% of rows changed", secs, rss, anon, du(store)))

    # into a store that holds the bundled datasets (KATO and the others) already
    bundled = os.path.join(a.dir, "store-bundled")
    if not os.path.exists(bundled):
        subprocess.run([os.path.join(ROOT, "ashyq"), "demo", "--store", bundled, "--no-serve"], cwd=ROOT, env=env,
                       check=True, stdout=subprocess.DEVNULL)
    store = fresh(os.path.join(a.dir, "store-ashyq-bundled"))
    shutil.copytree(bundled, store)
    secs, rss, anon = timed([os.path.join(ROOT, "ashyq"), "load", "--store", store, mapping], env=env)
    results.append(("ashyq load, beside the bundled data", secs, rss, anon, du(store) - du(bundled)))

    if a.server:
        store = fresh(os.path.join(a.dir, "store-server"))
        port = free_port()
        server = subprocess.Popen([os.path.join(ROOT, "ashyq"), "serve", "--store", store, "--port", str(port)],
                                  env=dict(env, JAVA_OPTS="-Xmx3g", ASHYQ_ADMIN_TOKEN=TOKEN), stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        try:
            deadline = time.time() + 120
            while time.time() < deadline:
                try:
                    urllib.request.urlopen("http://127.0.0.1:%d/health" % port, timeout=2)
                    break
                except OSError:
                    time.sleep(0.5)
            token = os.path.join(a.dir, "token")
            open(token, "w", encoding="ascii").write(TOKEN)
            secs, rss, anon = timed([os.path.join(ROOT, "ashyq"), "load", "--server", "http://127.0.0.1:%d/" % port,
                                     "--token-file", token, mapping], env=env)
            results.append(("ashyq load --server (client)", secs, rss, anon, du(store)))
        finally:
            server.terminate()
            server.wait()

    nt = os.path.join(a.dir, "registry.nt")
    map_secs, map_rss, map_anon = timed([os.path.join(ROOT, "ashyq"), "map", mapping, "-o", nt], env=env)
    triples = sum(1 for _ in open(nt, "rb"))
    for loader in ("parallel", "phased", "basic"):
        store = fresh(os.path.join(a.dir, "store-" + loader))
        secs, rss, anon = timed(["java", "-Xmx3g", "-cp", jar + os.pathsep + classes, "TdbLoad", loader, store,
                                 BASE + "graph/registry", nt])
        results.append(("ashyq map + tdb2 %s" % loader, map_secs + secs, max(map_rss, rss), max(map_anon, anon),
                        du(store)))
        shutil.rmtree(store)  # a million rows' stores would not all fit on a small disk
    v = virtuoso_bulk(nt, a.virtuoso_dir)
    if v:
        results.append(("ashyq map + Virtuoso 7.2 bulk loader", map_secs + v[0], max(map_rss, v[1]), None, v[2]))
    store = fresh(os.path.join(a.dir, "store-parallel-bundled"))
    shutil.copytree(bundled, store)
    secs, rss, anon = timed(["java", "-Xmx3g", "-cp", jar + os.pathsep + classes, "TdbLoad", "parallel", store,
                             BASE + "graph/registry", nt])
    results.append(("ashyq map + tdb2 parallel, beside the bundled data", map_secs + secs, max(map_rss, rss),
                    max(map_anon, anon), du(store) - du(bundled)))

    ours = results[0][1]
    print("\n%s rows, %s triples, 2 cores; one run each\n" % (format(a.rows, ","), format(triples, ",")))
    print("| what | wall s | triples/s | peak RSS MB | of it, heap and native MB | disk MB | time / ashyq load |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, secs, rss, anon, disk in results:
        print("| %s | %.1f | %s | %s | %s | %s | %.2f |" % (
            name, secs, format(int(triples / secs), ","), format(int(rss), ","),
            "-" if anon is None else format(int(anon), ","), format(int(disk), ","), secs / ours))


if __name__ == "__main__":
    main()
