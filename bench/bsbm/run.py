#!/usr/bin/env python3
"""Analytic SPARQL: the BSBM explore and business-intelligence queries, and the registry's analytic
queries asked of BSBM data, against Ashyq, plain Fuseki 5.6.0 and Virtuoso 7.2 on the same data.

BSBM's generator (../shared/benchmarks/bsbm/generator, built here with SSJ from Maven Central)
writes an N-Triples file; `ashyq load` publishes that file as a dataset of its own; plain Fuseki
serves a copy of the same store (union default graph, as Ashyq's endpoint); Virtuoso bulk-loads a
dump of the same store and is asked with the store's graphs as its default graph. Each query template is
filled with --instances parameter sets, picked at random (seeded) from the data; every engine runs
every instance --runs times after one warm-up pass. Printed per query: medians and p95 over all
runs, the ratios, and whether the three engines gave the same answers."""

import argparse
import http.client
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import importlib.util

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "bench", "bsbm")
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "benchmarks", "bsbm")
spec = importlib.util.spec_from_file_location("front", os.path.join(ROOT, "bench", "front", "run.py"))
front = importlib.util.module_from_spec(spec)
spec.loader.exec_module(front)
spec = importlib.util.spec_from_file_location("virtuoso", os.path.join(ROOT, "bench", "virtuoso.py"))
virtuoso_conf = importlib.util.module_from_spec(spec)
spec.loader.exec_module(virtuoso_conf)

BSBM = "http://www4.wiwiss.fu-berlin.de/bizer/bsbm/v01/vocabulary/"
GRAPH = "http://bsbm.example/dataset"
PREFIXES = ("PREFIX bsbm: <%s> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
            "PREFIX dc: <http://purl.org/dc/elements/1.1/> PREFIX rev: <http://purl.org/stuff/rev#> " % BSBM)
EXPLORE = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]
BI = [1, 2, 3, 4, 5, 6, 7, 8]
# the registry's analytic queries (bench/load, issue figures) asked of BSBM data
ANALYTIC = {
    "count per type": "SELECT ?type (COUNT(?s) AS ?n) { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n) ?type",
    "count per predicate": "SELECT ?p (COUNT(*) AS ?n) { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p",
    "count of one type": PREFIXES + "SELECT (COUNT(*) AS ?n) { ?s a bsbm:Offer }",
    "join filtered on a code": PREFIXES + "SELECT (COUNT(?o) AS ?n) { ?o bsbm:vendor ?v . ?v bsbm:country "
                               "<http://downlode.org/rdf/iso-3166/countries#US> }",
    "ORDER BY an integer, LIMIT 100": PREFIXES + "SELECT ?p ?v { ?p bsbm:productPropertyNumeric1 ?v } "
                                      "ORDER BY DESC(?v) ?p LIMIT 100",
    "text filter": PREFIXES + "SELECT ?p ?l { ?p a bsbm:Product ; rdfs:label ?l "
                   "FILTER (CONTAINS(LCASE(?l), \"%(word)s\")) } ORDER BY ?p",
}


_connections = {}


def post(endpoint, query, accept="application/sparql-results+json", timeout=300, extra=None):
    """One SPARQL request on a kept-alive connection per endpoint, as a client library keeps one:
    the figures are the engines' work, not TCP's set-up."""
    params = [("query", query)] + list(extra or [])
    url = urllib.parse.urlsplit(endpoint)
    for attempt in (1, 2):
        conn = _connections.get(endpoint)
        if conn is None:
            conn = _connections[endpoint] = http.client.HTTPConnection(url.hostname, url.port, timeout=timeout)
        conn.timeout = timeout
        try:
            conn.request("POST", url.path, urllib.parse.urlencode(params).encode(),
                         {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"})
            r = conn.getresponse()
            body = r.read()
        except (http.client.HTTPException, OSError):
            conn.close()
            _connections.pop(endpoint, None)
            if attempt == 2:
                raise
            continue
        if r.status != 200:
            raise RuntimeError("HTTP %d: %s" % (r.status, body[:200]))
        return body


def rows(body):
    """A SELECT answer as a sorted list of rows (terms as text; numbers by value), or an RDF answer's size."""
    try:
        data = json.loads(body)
    except ValueError:
        return ("triples", len([l for l in body.decode("utf-8").splitlines() if l.strip() and not l.startswith("#")]))
    if "boolean" in data:
        return data["boolean"]
    out = []
    for b in data["results"]["bindings"]:
        row = []
        for v in data["head"]["vars"]:
            t = b.get(v)
            if t is None:
                row.append("")
            elif t["type"] == "bnode":
                row.append("_:")
            elif t.get("datatype", "").endswith(("#integer", "#decimal", "#double", "#float", "#int", "#long")):
                row.append("%.6g" % float(t["value"]))
            else:
                row.append(t["value"] + "@" + t.get("xml:lang", ""))
        out.append(tuple(row))
    return sorted(out)


def build_generator(a):
    classes = os.path.join(a.dir, "generator-classes")
    if os.path.exists(os.path.join(classes, "benchmark", "generator", "Generator.class")):
        return classes
    if not os.path.isdir(SHARED):
        raise SystemExit("BSBM's generator is read from %s" % SHARED)
    lib = os.path.join(HERE, "target", "lib")
    if not os.path.isdir(lib):
        front.sh(["mvn", "-q", "dependency:copy-dependencies", "-DoutputDirectory=" + lib], cwd=HERE)
    src = os.path.join(SHARED, "generator", "src", "benchmark")
    files = [os.path.join(d, f) for part in ("generator", "model", "serializer", "vocabulary")
             for d, _, fs in os.walk(os.path.join(src, part)) for f in fs if f.endswith(".java")]
    front.sh(["javac", "-nowarn", "-d", classes, "-cp", a.jar + ":" + os.path.join(lib, "ssj-2.5.jar")] + files)
    return classes


def generate(a):
    data = os.path.join(a.dir, "dataset.nt")
    if not os.path.exists(data):
        classes = build_generator(a)
        cp = ":".join([classes, a.jar, os.path.join(HERE, "target", "lib", "ssj-2.5.jar")])
        front.sh(["java", "-Xmx2g", "-cp", cp, "benchmark.generator.Generator", "-fc", "-pc", str(a.products), "-s", "nt",
                  "-dir", os.path.join(a.dir, "td_data"), "-fn", os.path.join(a.dir, "dataset")], cwd=SHARED)
    return data


def timed_load(cmd, **kw):
    t0 = time.time()
    front.sh(["/usr/bin/time", "-f", "%M", "-o", "/tmp/ashyq-bsbm-rss"] + cmd, stdout=subprocess.DEVNULL, **kw)
    with open("/tmp/ashyq-bsbm-rss") as f:
        rss = int(f.read().split()[-1]) / 1024
    return time.time() - t0, rss


def virtuoso(a, store):
    """Virtuoso with the quads of Ashyq's store (the BSBM data and its DCAT description), bulk-loaded
    from a dump taken before the servers start; returns (process, endpoint) or (None, None)."""
    if a.no_virtuoso or not shutil.which("virtuoso-t"):
        print("Virtuoso: not installed (apt-get install virtuoso-opensource), left out")
        return None, None
    proc, seconds = virtuoso_conf.start_with_store(
        os.path.join(a.dir, "virtuoso"), a.jar, store, 1114, 8315, 4, "MaxQueryMem = 2G\n",
        "[SPARQL]\nResultSetMaxRows = 1000000\nMaxQueryExecutionTime = 0\n", GRAPH, front.wait_http)
    if seconds is not None:
        print("Virtuoso: bulk-loaded the store's quads in %.0f s" % seconds)
    return proc, "http://127.0.0.1:8315/sparql"


def pick_parameters(endpoint, n, seed):
    """n parameter sets, each a dict of BSBM's template parameters, drawn from the data."""
    rnd = random.Random(seed)
    q = lambda text: json.loads(post(endpoint, PREFIXES + text))["results"]["bindings"]
    products = [b["p"]["value"] for b in q("SELECT ?p { ?p a bsbm:Product } ORDER BY ?p")]
    countries = [b["c"]["value"] for b in q("SELECT DISTINCT ?c { ?v bsbm:country ?c } ORDER BY ?c")]
    producers = [b["p"]["value"] for b in q("SELECT ?p { ?p a bsbm:Producer } ORDER BY ?p")]
    n_offers = int(q("SELECT (COUNT(*) AS ?n) { ?o a bsbm:Offer }")[0]["n"]["value"])
    n_reviews = int(q("SELECT (COUNT(*) AS ?n) { ?r a rev:Review }")[0]["n"]["value"])
    sets = []
    for _ in range(n):
        p = rnd.choice(products)
        types = [b["t"]["value"] for b in q("SELECT ?t { <%s> a ?t . ?t a bsbm:ProductType } ORDER BY ?t" % p)]
        features = [b["f"]["value"] for b in q("SELECT ?f { <%s> bsbm:productFeature ?f } ORDER BY ?f" % p)]
        label = q("SELECT ?l { <%s> rdfs:label ?l }" % p)[0]["l"]["value"]
        offer = q("SELECT ?o { ?o a bsbm:Offer } ORDER BY ?o OFFSET %d LIMIT 1" % rnd.randrange(n_offers))[0]["o"]["value"]
        review = q("SELECT ?r ?d { ?r a rev:Review ; dc:date ?d } ORDER BY ?r OFFSET %d LIMIT 1"
                   % rnd.randrange(n_reviews))[0]
        valid = q("SELECT ?d { <%s> bsbm:validFrom ?d }" % offer)[0]["d"]["value"]
        y, m = int(review["d"]["value"][:4]), int(review["d"]["value"][5:7])
        month = lambda k: "%04d-%02d-01" % (y + (m - 1 + k) // 12, (m - 1 + k) % 12 + 1)
        f3 = rnd.sample(features, 3) if len(features) >= 3 else (features * 3)[:3]
        c1, c2 = rnd.sample(countries, 2)
        sets.append({
            "ProductType": "<%s>" % rnd.choice(types), "ProductFeature1": "<%s>" % f3[0],
            "ProductFeature2": "<%s>" % f3[1], "ProductFeature3": "<%s>" % f3[2],
            "x": str(rnd.randrange(1, 500)), "y": str(rnd.randrange(1, 500)),
            "ProductXYZ": "<%s>" % p, "Product": "<%s>" % p, "OfferXYZ": "<%s>" % offer,
            "ReviewXYZ": "<%s>" % review["r"]["value"], "Country": "<%s>" % rnd.choice(countries),
            "CountryXYZ": "<%s>" % rnd.choice(countries), "Country1": "<%s>" % c1, "Country2": "<%s>" % c2,
            "Producer": "<%s>" % rnd.choice(producers),
            "currentDate": '"%s"^^<http://www.w3.org/2001/XMLSchema#dateTime>' % valid,
            "ConsecutiveMonth_0": month(0), "ConsecutiveMonth_1": month(1), "ConsecutiveMonth_2": month(2),
            "word1": rnd.choice([w for w in label.split() if len(w) > 3] or [label.split()[0]]),
            "word": rnd.choice([w for w in label.split() if len(w) > 3] or [label.split()[0]]).lower(),
        })
    return sets


def template(kind, number):
    with open(os.path.join(SHARED, "queries", kind, "query%d.txt" % number), encoding="utf-8") as f:
        return f.read()


def fill(text, params):
    for k in sorted(params, key=len, reverse=True):
        text = text.replace("%" + k + "%", params[k])
    return text


def measure(engines, queries, runs, timeout):
    """Runs each query on each engine: one warm-up, then `runs` timed (5 times as many when the
    warm-up took under 100 ms); a query that fails or times out in its warm-up is not run again.
    The timed runs of the engines take turns, one request each, so that a busy spell of the shared
    machine falls on every engine alike rather than on the one measured then. Returns the times of
    all queries, the answers, and the times of each query apart."""
    times = {e: [] for e in engines}
    answers = {e: [] for e in engines}
    each = {e: [[] for _ in queries] for e in engines}
    for qi, q in enumerate(queries):
        accept = "application/n-triples" if ("CONSTRUCT" in q or "DESCRIBE" in q) else "application/sparql-results+json"
        left = {}
        for e, (url, extra) in engines.items():
            try:
                t0 = time.perf_counter()
                body = post(url, q, accept, timeout, extra)
                first = time.perf_counter() - t0
                answers[e].append(rows(body))
                # a query answered within 100 ms is timed 5 times as often: on a shared machine two
                # runs of a 2 ms query measure the neighbours more than the engine
                left[e] = runs * 5 if first < 0.1 else runs
            except Exception as ex:  # a failed or timed-out query is reported, not timed
                answers[e].append("failed: %s" % str(ex)[:80])
                times[e].extend([float("inf")] * runs)
                each[e][qi].extend([float("inf")] * runs)
        while left:
            for e in list(left):
                url, extra = engines[e]
                try:
                    t0 = time.perf_counter()
                    post(url, q, accept, timeout, extra)
                    times[e].append((time.perf_counter() - t0) * 1000)
                    each[e][qi].append(times[e][-1])
                    left[e] -= 1
                except Exception:
                    times[e].extend([float("inf")] * left[e])
                    each[e][qi].extend([float("inf")] * left[e])
                    left[e] = 0
                if left[e] == 0:
                    del left[e]
    return times, answers, each


def warm_up_bi(engines, params, a):
    """The business-intelligence mix --bi-warmup-mixes times on every engine before its queries are
    measured, as BSBM's driver warms up on the mix it measures (at most two minutes an engine; a
    query that times out is left out of the later passes)."""
    t0 = time.time()
    for e, (url, extra) in engines.items():
        started, failed = time.time(), set()
        for _ in range(a.bi_warmup_mixes):
            for number in BI:
                if "bi%d" % number in a.skip.split(",") or number in failed or time.time() - started > 120:
                    continue
                for p in params:
                    try:
                        post(url, fill(template("bi", number), p), "application/sparql-results+json", a.timeout, extra)
                    except Exception:
                        failed.add(number)
                        break
    print("(warm-up: the business-intelligence mix %d times on every engine, at most two minutes each, %.0f s)"
          % (a.bi_warmup_mixes, time.time() - t0))


def summary(name, times, answers, engines, describe):
    def p(xs, q):
        xs = sorted(xs)
        return xs[min(len(xs) - 1, int(round(q * (len(xs) - 1))))]
    fmt = lambda v: "—" if v is None else ("timeout" if v == float("inf") else ("%.0f" % v if v >= 10 else "%.1f" % v))
    med = {e: statistics.median(times[e]) if times[e] else None for e in engines}
    p95 = {e: p(times[e], 0.95) if times[e] else None for e in engines}
    ref = answers["ashyq"]
    if describe:
        same = "not compared (DESCRIBE is each engine's own)"
    else:
        same = "yes" if all(answers[e] == ref for e in engines) else \
            "no: " + ", ".join(e for e in engines if answers[e] != ref)
    vir = med.get("virtuoso")
    ratio = ("%.2f×" % (med["ashyq"] / vir)) if vir and med["ashyq"] not in (None, float("inf")) and vir != float("inf") else ""
    fus = ("%.1f×" % (med["fuseki"] / med["ashyq"])) if med["fuseki"] not in (None, float("inf")) and med["ashyq"] else ""
    print("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
        name, fmt(med["ashyq"]), fmt(p95["ashyq"]), fmt(med["fuseki"]), fmt(p95["fuseki"]),
        fmt(med.get("virtuoso")), fmt(p95.get("virtuoso")), ratio, fus, same))
    sys.stdout.flush()


def each_set_apart(apart, engines):
    """The business-intelligence queries' medians for each parameter set apart: a median pooled
    over the sets hides a gap that only some sets have (a month with no reviews, a busy one)."""
    if not apart or "virtuoso" not in engines:
        return
    fmt = lambda v: "timeout" if v == float("inf") else ("%.0f" % v if v >= 10 else "%.1f" % v)
    print("\n| BI query, each parameter set | Ashyq median | Virtuoso median | Ashyq / Virtuoso |")
    print("|---|---:|---:|---:|")
    for number, each in apart:
        for k, (ours, theirs) in enumerate(zip(each["ashyq"], each["virtuoso"])):
            if not ours or not theirs:
                continue
            m, v = statistics.median(ours), statistics.median(theirs)
            ratio = "%.2f×" % (m / v) if v not in (0, float("inf")) and m != float("inf") else ""
            print("| BI Q%d, set %d | %s | %s | %s |" % (number, k + 1, fmt(m), fmt(v), ratio))
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--products", type=int, default=10000, help="BSBM's -pc: 10,000 gives 3.56 million triples")
    ap.add_argument("--instances", type=int, default=4, help="parameter sets per query template")
    ap.add_argument("--runs", type=int, default=2, help="timed runs of each instance on each engine")
    ap.add_argument("--timeout", type=int, default=60, help="seconds before a query counts as timed out")
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--warmup-mixes", type=int, default=50, help="passes of the explore mix on each engine "
                    "before any measurement, BSBM's driver's default (each engine's warm-up stops after two minutes)")
    ap.add_argument("--bi-warmup-mixes", type=int, default=5, help="passes of the business-intelligence mix on "
                    "each engine before its queries are measured (each engine's stops after two minutes)")
    ap.add_argument("--no-virtuoso", action="store_true")
    ap.add_argument("--skip", default="bi4", help="comma-separated queries left out, e.g. bi4,explore5; "
                    "BI query 4 is left out unless asked for: neither Jena engine ends it within a minute, and "
                    "plain Fuseki goes on computing it past its timeout, which would slow every later measurement")
    ap.add_argument("--only", default="", help="comma-separated: explore, bi, analytic")
    ap.add_argument("--dir", default="/tmp/ashyq-bsbm")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    a.jar = os.path.join(ROOT, "target", "ashyq.jar")
    if not os.path.exists(a.jar):
        front.sh(["mvn", "-q", "-B", "-DskipTests", "package"], cwd=ROOT)
    if not os.path.exists(front.FUSEKI_JAR):
        front.sh(["mvn", "-q", "dependency:copy", "-Dartifact=org.apache.jena:jena-fuseki-server:5.6.0",
                  "-DoutputDirectory=" + os.path.dirname(front.FUSEKI_JAR)], cwd=HERE)
    data = generate(a)
    store = os.path.join(a.dir, "store")
    if not os.path.exists(store):
        secs, rss = timed_load(["java", "-Xmx3g", "-jar", a.jar, "load", "--store", store, data])
        print("Ashyq: loaded %s in %.0f s, peak RSS %.0f MB" % (os.path.basename(data), secs, rss))
    config = front.plain_fuseki_copy(store, os.path.join(a.dir, "fuseki.ttl"))
    procs = []
    try:
        vproc, vurl = virtuoso(a, store)
        if vproc:
            procs.append(vproc)
        procs.append(subprocess.Popen(["java", "-Xmx3g", "-jar", a.jar, "serve", "--store", store, "--port", "8316",
                                       "--query-timeout", str(a.timeout), "--requests-per-minute", "100000000",
                                       "--queries-per-client", "1000"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        procs.append(subprocess.Popen(["java", "-Xmx3g", "-jar", front.FUSEKI_JAR, "--config", config, "--port", "8317",
                                       # stopped at the same time as Ashyq's: a query the client gave up on must not
                                       # go on taking the CPU from the next measurements
                                       "--timeout", str(a.timeout * 1000)],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        front.wait_http("http://localhost:8316/health", 300)
        front.wait_http("http://localhost:8317/$/ping", 300)
        # 127.0.0.1 for every engine, as Virtuoso listens: "localhost" tries ::1 first
        engines = {"ashyq": ("http://127.0.0.1:8316/sparql", None), "fuseki": ("http://127.0.0.1:8317/sparql", None)}
        if vurl:
            # Virtuoso's default graph, unless told, holds its system graphs too: it is given
            # the store's graphs, so that its default graph is Ashyq's union default graph
            graphs = json.loads(post(engines["ashyq"][0], "SELECT DISTINCT ?g { GRAPH ?g { } }"))["results"]["bindings"]
            engines["virtuoso"] = (vurl, [("default-graph-uri", g["g"]["value"]) for g in graphs])
        n = json.loads(post(engines["ashyq"][0], "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"))["results"]["bindings"][0]["n"]["value"]
        params = pick_parameters(engines["ashyq"][0], a.instances, a.seed)
        print("BSBM -pc %d: %s triples in Ashyq's union default graph (the data and its DCAT description); "
              "%d parameter sets per query, %d timed runs each after a warm-up, ms"
              % (a.products, n, a.instances, a.runs))
        print("\n| query | Ashyq median | p95 | Fuseki median | p95 | Virtuoso median | p95 | Ashyq / Virtuoso | "
              "Fuseki / Ashyq | same answers |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---|")
        only = set(a.only.split(",")) if a.only else {"explore", "bi", "analytic"}
        apart = []  # the business-intelligence queries' times, each parameter set apart
        # every engine compiles its hot paths and fills its caches on the explore mix first, as
        # BSBM's own test driver does (its default is 50 warm-up mixes): a JVM compiles a path
        # after thousands of calls, so one pass measures its interpreter
        t0 = time.time()
        for e, (url, extra) in engines.items():
            started = time.time()
            for _ in range(a.warmup_mixes):
                if time.time() - started > 120:
                    break
                for number in EXPLORE:
                    for p in params:
                        q = fill(template("explore", number), p)
                        post(url, q, "application/n-triples" if number in (9, 12) else "application/sparql-results+json",
                             a.timeout, extra)
        print("(warm-up: the explore mix %d times on every engine, at most two minutes each, %.0f s)"
              % (a.warmup_mixes, time.time() - t0))
        for kind, numbers in (("explore", EXPLORE), ("bi", BI)):
            if kind not in only:
                continue
            if kind == "bi":
                warm_up_bi(engines, params, a)
            for number in numbers:
                if "%s%d" % (kind, number) in a.skip.split(","):
                    continue
                text = template(kind, number)
                queries = [fill(text, p) for p in params]
                times, answers, each = measure(engines, queries, a.runs, a.timeout)
                summary("%s Q%d" % ("explore" if kind == "explore" else "BI", number), times, answers, engines,
                        "DESCRIBE" in text)
                if kind == "bi":
                    apart.append((number, each))
        if "analytic" in only:
            for name, text in ANALYTIC.items():
                queries = sorted({text % {"word": p["word"]} for p in params}) if "%(word)s" in text else [text]
                times, answers, _ = measure(engines, queries, a.runs * len(params) // len(queries), a.timeout)
                summary(name, times, answers, engines, False)
        each_set_apart(apart, engines)
    finally:
        front.stop(procs)


if __name__ == "__main__":
    main()
