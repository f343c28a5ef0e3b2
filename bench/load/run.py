#!/usr/bin/env python3
"""The public endpoint under load, and under attack: Ashyq against plain Fuseki
(jena-fuseki-server 5.6.0) on copies of the same TDB2 store of about 5.3 million triples, in one
run. A mixed read load (entity lookups, the saved APIs, BSBM-style explore queries adapted to the
data) at 1, 8 and 32 clients; then the same while 2 clients send hostile queries (a cartesian
product, a chain of OPTIONALs sorted, a regex over every literal). Then the analytic queries of
the issue, median of 5 after 20 untimed runs, for Ashyq, Fuseki and, when Debian's
virtuoso-opensource is installed, Virtuoso (listening on 127.0.0.1 only).

    python3 bench/load/run.py                    # 640,000 generated rows, about 5.3 million triples
    python3 bench/load/run.py --rows 50000 --seconds 5 --no-virtuoso   # a quick look
"""
import argparse
import http.client
import importlib.util
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "bench", "load")
spec = importlib.util.spec_from_file_location("front", os.path.join(ROOT, "bench", "front", "run.py"))
front = importlib.util.module_from_spec(spec)
spec.loader.exec_module(front)
spec = importlib.util.spec_from_file_location("virtuoso", os.path.join(ROOT, "bench", "virtuoso.py"))
virtuoso_conf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(virtuoso_conf)
BASE = front.BASE
SCHEMA = "PREFIX schema: <https://schema.org/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "

EXPLORE = {
    # BSBM explore Q1: things of a place with a numeric property above a value, by label
    "e1": SCHEMA + "SELECT ?k ?name WHERE { ?k schema:containedInPlace <%(unit)s> ; schema:maximumAttendeeCapacity ?c ; "
                   "schema:name ?name FILTER (?c > 200 && lang(?name) = 'ru') } ORDER BY ?name LIMIT 10",
    # BSBM explore Q2: everything about one thing, with the label of what it links to
    "e2": SCHEMA + "SELECT ?p ?o ?unitName WHERE { <%(thing)s> ?p ?o OPTIONAL { <%(thing)s> schema:containedInPlace ?u . "
                   "?u skos:prefLabel ?unitName FILTER (lang(?unitName) = 'ru') } }",
    # BSBM explore Q5: similar things: same place, numeric property within a band
    "e3": SCHEMA + "SELECT DISTINCT ?other ?name WHERE { <%(thing)s> schema:containedInPlace ?u ; "
                   "schema:maximumAttendeeCapacity ?c0 . ?other schema:containedInPlace ?u ; schema:maximumAttendeeCapacity ?c ; "
                   "schema:name ?name FILTER (?other != <%(thing)s> && ?c > ?c0 - 20 && ?c < ?c0 + 20 && lang(?name) = 'ru') } "
                   "ORDER BY ?name LIMIT 5",
}
HOSTILE = [
    "SELECT (COUNT(*) AS ?n) { ?a ?b ?c . ?d ?e ?f }",
    "SELECT * { ?s ?p ?o OPTIONAL { ?o ?p2 ?o2 OPTIONAL { ?o2 ?p3 ?o3 OPTIONAL { ?o3 ?p4 ?o4 } } } } ORDER BY ?o4 ?o3 ?o2",
    "SELECT (COUNT(*) AS ?n) { ?s ?p ?o FILTER (isLiteral(?o) && regex(str(?o), '^(a|b|в)*c.*x.*$', 'i')) }",
]
ANALYTIC = {
    "count per type": "SELECT ?type (COUNT(?s) AS ?n) { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n)",
    "entity-to-region join on the region code": SCHEMA + "SELECT (COUNT(?k) AS ?n) { ?k schema:containedInPlace ?u . "
        "?u skos:notation ?code FILTER (STRSTARTS(?code, '75')) }",
    "ORDER BY an integer, LIMIT 100": SCHEMA + "SELECT ?k ?c { ?k schema:maximumAttendeeCapacity ?c } ORDER BY DESC(?c) ?k LIMIT 100",
}


def sparql_url(endpoint, query):
    return endpoint + "?query=" + urllib.parse.quote(query)


def bind(text, values):
    """Puts typed values in place of a saved query's parameters, for servers without /api."""
    body = "\n".join(l for l in text.splitlines() if not l.startswith("#"))
    for k, v in values.items():
        body = re.sub(r"\?%s\b" % k, v, body)
    return body


def url_files(a, kindergartens, units):
    rnd = random.Random(11)
    unit_rq = open(os.path.join(ROOT, "queries", "api", "unit.rq"), encoding="utf-8").read()
    near_rq = open(os.path.join(HERE, "near-haversine.rq"), encoding="utf-8").read()
    lines = {"ashyq": [], "fuseki": []}
    for _ in range(2000):
        kind = rnd.random()
        thing = BASE + "id/kindergarten/%d" % rnd.randrange(1, kindergartens + 1)
        unit = rnd.choice(units)
        if kind < 0.4:
            lines["ashyq"].append(("text/turtle", "http://localhost:8311/doc/" + thing[len(BASE) + 3:]))
            lines["fuseki"].append(("text/turtle", sparql_url("http://localhost:8312/sparql", "DESCRIBE <%s>" % thing)))
        elif kind < 0.55:
            code = unit.rsplit("/", 1)[1]
            lines["ashyq"].append(("application/sparql-results+json", "http://localhost:8311/api/unit?code=" + code + "&limit=100"))
            q = bind(unit_rq, {"code": '"%s"' % code}) + "\nLIMIT 100"
            lines["fuseki"].append(("application/sparql-results+json", sparql_url("http://localhost:8312/sparql", q)))
        elif kind < 0.7:
            lat, lon = 40 + rnd.uniform(0, 15), 50 + rnd.uniform(0, 35)
            lines["ashyq"].append(("application/sparql-results+json",
                                   "http://localhost:8311/api/near?lat=%.4f&lon=%.4f&radius=5&limit=100" % (lat, lon)))
            q = bind(near_rq, {"lat": "%.4f" % lat, "lon": "%.4f" % lon, "radius": "5"})
            lines["fuseki"].append(("application/sparql-results+json", sparql_url("http://localhost:8312/sparql", q)))
        else:
            q = EXPLORE[rnd.choice(sorted(EXPLORE))] % {"unit": unit, "thing": thing}
            for name, port in (("ashyq", 8311), ("fuseki", 8312)):
                lines[name].append(("application/sparql-results+json", sparql_url("http://localhost:%d/sparql" % port, q)))
    files = {}
    for name, ls in lines.items():
        path = os.path.join(a.dir, "load-%s.urls" % name)
        with open(path, "w") as f:
            f.writelines("%s\t%s\n" % l for l in ls)
        files[name] = path
        hpath = os.path.join(a.dir, "hostile-%s.urls" % name)
        port = 8311 if name == "ashyq" else 8312
        with open(hpath, "w") as f:
            f.writelines("application/sparql-results+json\t%s\n" % sparql_url("http://localhost:%d/sparql" % port, q)
                         for q in HOSTILE)
        files[name + "-hostile"] = hpath
    return files


def mixed(classes, normal, hostile, clients, hostiles, seconds, timeout):
    out = subprocess.run(["java", "-Xmx512m", "-cp", classes, "Mixed", normal, hostile, str(clients), str(hostiles),
                          str(seconds), str(timeout)], check=True, capture_output=True, text=True).stdout.split()
    keys = ["rps", "p50", "p99", "e5xx", "eother", "hung", "hsent", "hok", "hrefused", "hhung"]
    return {k: float(v) for k, v in zip(keys, out)}


def timed(endpoint, query, runs=5, warmup=20):
    """The median of `runs` requests, after `warmup` untimed ones (every engine alike): as BSBM's
    driver warms up, since the JVM engines compile a path only after many calls. One kept-alive
    connection per engine, as a client library keeps one: the figures are the engines' work."""
    url = urllib.parse.urlsplit(endpoint)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=600)
    body = urllib.parse.urlencode({"query": query})
    headers = {"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"}
    times = []
    try:
        for i in range(warmup + runs):
            t0 = time.perf_counter()
            try:
                conn.request("POST", url.path, body, headers)
                r = conn.getresponse()
                r.read()
            except (http.client.HTTPException, OSError) as e:  # a failed query is reported, not timed
                return "failed (%s)" % str(e)[:60]
            if r.status != 200:
                return "failed (HTTP %d)" % r.status
            if i >= warmup:
                times.append((time.perf_counter() - t0) * 1000)
    finally:
        conn.close()
    return statistics.median(times)


def virtuoso(a, store):
    """Starts Virtuoso on 127.0.0.1 with the store's quads loaded; returns (process, endpoint) or None."""
    if a.no_virtuoso or not shutil.which("virtuoso-t") or not shutil.which("isql-vt"):
        print("Virtuoso: not installed (apt-get install virtuoso-opensource), left out")
        return None
    # not under /dev/shm: Virtuoso 7.2 refuses to bulk-load from there whatever DirsAllowed says
    vdir = os.path.join(a.virtuoso_dir, "virtuoso-%d" % a.rows)
    proc, seconds = virtuoso_conf.start_with_store(
        vdir, os.path.join(ROOT, "target", "ashyq.jar"), store, 1112, 8313, 8, "MaxQueryMem = 1G\n",
        "[SPARQL]\nResultSetMaxRows = 100000\nMaxQueryExecutionTime = 0\n", "http://example.org/default", front.wait_http)
    if seconds is not None:
        print("Virtuoso: loaded the store's quads in %.0f s" % seconds)
    n = int(front.select("http://127.0.0.1:8313/sparql", "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } "
                         "FILTER (STRSTARTS(STR(?g), '%s')) }" % BASE)[0][0].strip('"'))
    if n == 0:
        raise SystemExit("Virtuoso holds none of the store's triples: see %s/virtuoso.log" % vdir)
    print("Virtuoso: %d triples in the store's graphs" % n)
    return proc, "http://127.0.0.1:8313/sparql"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=640_000)
    ap.add_argument("--clients", default="1,8,32")
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--timeout", type=int, default=60, help="client timeout: a request unanswered by then is hung")
    ap.add_argument("--no-virtuoso", action="store_true")
    ap.add_argument("--analytic-only", action="store_true", help="only the analytic queries")
    ap.add_argument("--serve-args", default="", help="more options for ashyq serve, e.g. --background-after-ms 2000")
    ap.add_argument("--load-only", action="store_true", help="only the mixed load, not the analytic queries")
    ap.add_argument("--virtuoso-dir", default="/tmp/ashyq-bench")
    ap.add_argument("--dir", default="/dev/shm/ashyq-front" if os.path.isdir("/dev/shm") else "/tmp/ashyq-front")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    jar = os.path.join(ROOT, "target", "ashyq.jar")
    if not os.path.exists(jar):
        front.sh(["mvn", "-q", "-B", "-DskipTests", "package"], cwd=ROOT)
    if not os.path.exists(front.FUSEKI_JAR):
        front.sh(["mvn", "-q", "dependency:copy", "-Dartifact=org.apache.jena:jena-fuseki-server:5.6.0",
                  "-DoutputDirectory=" + os.path.join(ROOT, "bench", "front", "target")], cwd=HERE)
    classes = os.path.join(a.dir, "classes")
    front.sh(["javac", "-d", classes, os.path.join(HERE, "Mixed.java")])

    store = os.path.join(a.dir, "store-%d" % a.rows)
    if not os.path.exists(store):
        front.generate(a.rows, os.path.join(a.dir, "registry.csv"))
        shutil.copy(os.path.join(ROOT, "bench", "front", "registry.yml"), a.dir)
        front.sh(["java", "-Xmx2g", "-jar", jar, "load", "--store", store, "--base", BASE,
                  os.path.join(ROOT, "mappings", "kato.yml"), os.path.join(a.dir, "registry.yml")])
    config = front.plain_fuseki_copy(store, os.path.join(a.dir, "fuseki-load.ttl"))

    procs = []
    try:
        # Virtuoso loads a dump of the store, taken before the servers lock it
        vt = virtuoso(a, store)
        if vt:
            procs.append(vt[0])
        procs.append(subprocess.Popen(["java", "-Xmx2g", "-jar", jar, "serve", "--store", store, "--port", "8311",
                                       # the load comes from one address: the per-client limit is for the public
                                       "--requests-per-minute", "100000000", "--pages-per-minute", "100000000",
                                       "--queries-per-client", "1000"] + a.serve_args.split(),
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        procs.append(subprocess.Popen(["java", "-Xmx2g", "-jar", front.FUSEKI_JAR, "--config", config, "--port", "8312"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        front.wait_http("http://localhost:8311/health")
        front.wait_http("http://localhost:8312/$/ping")
        triples = int(front.select("http://localhost:8311/sparql", "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")[0][0])
        print("store: %d rows, %d triples; %d s per measurement after 2 s warm-up; client timeout %d s"
              % (a.rows, triples, a.seconds, a.timeout))
        units = [BASE + "id/kato/" + c for c in front.kato_codes()]
        files = url_files(a, a.rows, units)

        # analytic queries first, on quiet servers
        print("\nAnalytic queries, median of 5 runs after 20 untimed, on a kept-alive connection, ms")
        print("| query | Ashyq | Fuseki | Virtuoso | Fuseki / Ashyq |")
        print("|---|---:|---:|---:|---:|")
        for name, q in ({} if a.load_only else ANALYTIC).items():
            # 127.0.0.1, as Virtuoso's: "localhost" costs a try of ::1 on each new connection
            ash = timed("http://127.0.0.1:8311/sparql", q)
            fus = timed("http://127.0.0.1:8312/sparql", q)
            vir = timed(vt[1], q) if vt else "—"
            fmt = lambda v: ("%.0f" % v) if isinstance(v, float) else v
            ratio = ("%.1f×" % (fus / ash)) if isinstance(ash, float) and isinstance(fus, float) else ""
            print("| %s | %s | %s | %s | %s |" % (name, fmt(ash), fmt(fus), fmt(vir), ratio))
        if vt:
            vt[0].terminate()
            vt[0].wait()
            procs.remove(vt[0])

        if a.analytic_only:
            return
        print("\nMixed read load: 40% entity lookups, 15% /api/unit, 15% /api/near, 30% BSBM-style explore queries")
        print("| clients | attack | server | requests/s | median ms | p99 ms | 5xx | other errors | hung | hostile sent / answered / refused / hung |")
        print("|---:|---|---|---:|---:|---:|---:|---:|---:|---|")
        clients = [int(c) for c in a.clients.split(",")]
        results = {}
        # Fuseki last under attack: it keeps running the abandoned hostile queries
        for name in ("ashyq", "fuseki"):
            # a JVM compiles its hot paths in the first seconds: warm each server up before measuring
            mixed(classes, files[name], "-", 16, 2, 15, a.timeout)
            for attack in (False, True):
                for c in clients:
                    r = mixed(classes, files[name], files[name + "-hostile"] if attack else "-", c, 2, a.seconds, a.timeout)
                    results[(name, attack, c)] = r
                    print("| %d | %s | %s | %.0f | %.1f | %.1f | %d | %d | %d | %s |" % (
                        c, "2 hostile clients" if attack else "none", "Ashyq" if name == "ashyq" else "Fuseki",
                        r["rps"], r["p50"], r["p99"], r["e5xx"], r["eother"], r["hung"],
                        ("%d / %d / %d / %d" % (r["hsent"], r["hok"], r["hrefused"], r["hhung"])) if attack else ""))
                    sys.stdout.flush()
        print("\n| clients | Ashyq / Fuseki throughput, no attack | under attack | Ashyq p99 attack / no attack | Fuseki p99 attack / no attack |")
        print("|---:|---:|---:|---:|---:|")
        for c in clients:
            an, aa = results[("ashyq", False, c)], results[("ashyq", True, c)]
            fn, fa = results[("fuseki", False, c)], results[("fuseki", True, c)]
            print("| %d | %.2f× | %.2f× | %.2f× | %.2f× |" % (c, an["rps"] / max(fn["rps"], 0.1), aa["rps"] / max(fa["rps"], 0.1),
                                                          aa["p99"] / max(an["p99"], 0.01), fa["p99"] / max(fn["p99"], 0.01)))
    finally:
        front.stop(procs)


if __name__ == "__main__":
    main()
