#!/usr/bin/env python3
"""The front under load: Ashyq's entity documents (Turtle) and pages (HTML) against plain Fuseki
(jena-fuseki-server 5.6.0) answering DESCRIBE of the same IRIs, on copies of the same TDB2
store, at 1, 4 and 16 concurrent clients, in one run. Then a page with thousands of incoming
links against one with a handful. Prints requests/s, median and p99, and the ratios.

    python3 bench/front/run.py                  # 640,000 rows: about 5.3 million triples
    python3 bench/front/run.py --rows 50000     # a quick look
"""
import argparse
import csv
import os
import random
import shutil
import subprocess
import sys
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HERE = os.path.join(ROOT, "bench", "front")
BASE = "http://data.example.kz/"
FUSEKI_JAR = os.path.join(HERE, "target", "jena-fuseki-server-5.6.0.jar")

KK = ["Балдырған", "Айгөлек", "Қарлығаш", "Ақбота", "Күншуақ", "Балапан", "Еркетай", "Шаттық"]
RU = ["Солнышко", "Ромашка", "Колокольчик", "Берёзка", "Теремок", "Радуга", "Сказка", "Звёздочка"]
STREETS = ["Абая", "Сейфуллина", "Кенесары", "Республики", "Желтоксан", "Тауке хана", "Достык"]


def sh(cmd, **kw):
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, **kw)


def kato_codes():
    with open(os.path.join(ROOT, "data", "kato-2025", "kato.csv"), encoding="utf-8") as f:
        return [r["kato"] for r in csv.DictReader(f)]


def generate(rows, out):
    """Rows linked to real KATO units with Zipf-like weights: a few units get tens of thousands of
    incoming links, most get a handful."""
    rnd = random.Random(2025)
    codes = kato_codes()
    rnd.shuffle(codes)
    weights = [1.0 / (i + 1) for i in range(len(codes))]
    picks = rnd.choices(codes, weights=weights, k=rows)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("id,name_kk,name_ru,address,kato,geo,capacity,opened\n")
        for i in range(1, rows + 1):
            n = rnd.randrange(len(KK))
            f.write('%d,"№%d %s балабақшасы","Детский сад №%d «%s»","ул. %s, %d",%s,"%.6f, %.6f",%d,%02d.%02d.%d\n' % (
                i, i % 500, KK[n], i % 500, RU[n], STREETS[rnd.randrange(len(STREETS))], rnd.randrange(1, 300),
                picks[i - 1], 40 + rnd.uniform(0, 15), 50 + rnd.uniform(0, 35), rnd.randrange(40, 400),
                rnd.randrange(1, 29), rnd.randrange(1, 13), rnd.randrange(1960, 2025)))


def stop(procs):
    """Stops the servers a benchmark started: terminated, then killed after 30 s."""
    for p in procs:
        p.terminate()
    for p in procs:
        try:
            p.wait(timeout=30)
        except subprocess.TimeoutExpired:
            p.kill()


def plain_fuseki_copy(store, config):
    """Copies an Ashyq store for plain Fuseki (without Ashyq's search index, archive of releases
    and TDB2 statistics file) and writes `config`, fuseki-config/ashyq.ttl pointed at the copy."""
    fuseki_store = store + "-fuseki"
    if os.path.exists(fuseki_store):
        shutil.rmtree(fuseki_store)
    shutil.copytree(store, fuseki_store, ignore=shutil.ignore_patterns("ashyq-search", "releases", "stats.opt"))
    with open(os.path.join(ROOT, "fuseki-config", "ashyq.ttl"), encoding="utf-8") as f:
        text = f.read().replace('( <#ashyq> <#releases> )', '( <#ashyq> )').replace(
            'tdb2:location "store"', 'tdb2:location "%s"' % fuseki_store)
    with open(config, "w", encoding="utf-8") as f:
        f.write(text)
    return config


def wait_http(url, seconds=120):
    end = time.time() + seconds
    while time.time() < end:
        try:
            urllib.request.urlopen(url, timeout=2).read()
            return
        except Exception:
            time.sleep(0.5)
    raise SystemExit("no answer from " + url)


def select(endpoint, query):
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(endpoint, data=data, headers={"Accept": "text/csv"})
    lines = urllib.request.urlopen(req, timeout=300).read().decode("utf-8").splitlines()
    return [l.split(",") for l in lines[1:]]


def load(classes, urls_file, accept, clients, seconds):
    """Closed-loop load: wrk when installed (a C client takes little of the CPU the servers share
    with it), else the Java client. Both print: requests/s, median ms, p99 ms, errors, bytes."""
    if shutil.which("wrk"):
        with open(urls_file) as f:
            host = "/".join(f.readline().split("/")[:3])
        env = dict(os.environ, URLS=urls_file, ACCEPT=accept)
        # 2 s of warm-up, as the Java client does
        subprocess.run(["wrk", "-t1", "-c%d" % clients, "-d2s", "-s", os.path.join(HERE, "urls.lua"), host],
                       check=True, capture_output=True, text=True, env=env)
        text = subprocess.run(["wrk", "-t%d" % min(clients, 2), "-c%d" % clients, "-d%ds" % seconds, "--timeout", "60s",
                               "-s", os.path.join(HERE, "urls.lua"), host],
                              check=True, capture_output=True, text=True, env=env).stdout
        out = [l for l in text.splitlines() if l.startswith("RESULT ")][0].split()[1:]
    else:
        out = subprocess.run(["java", "-Xmx512m", "-cp", classes, "Load", urls_file, accept, str(clients), str(seconds)],
                             check=True, capture_output=True, text=True).stdout.split()
    return {"rps": float(out[0]), "p50": float(out[1]), "p99": float(out[2]), "errors": int(out[3]), "bytes": int(out[4])}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=640_000)
    ap.add_argument("--clients", default="1,4,16")
    ap.add_argument("--seconds", type=int, default=15)
    ap.add_argument("--dir", default="/dev/shm/ashyq-front" if os.path.isdir("/dev/shm") else "/tmp/ashyq-front")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    jar = os.path.join(ROOT, "target", "ashyq.jar")
    if not os.path.exists(jar):
        sh(["mvn", "-q", "-B", "-DskipTests", "package"], cwd=ROOT)
    if not os.path.exists(FUSEKI_JAR):
        sh(["mvn", "-q", "dependency:copy", "-Dartifact=org.apache.jena:jena-fuseki-server:5.6.0",
            "-DoutputDirectory=" + os.path.join(HERE, "target")], cwd=HERE)
    classes = os.path.join(a.dir, "classes")
    sh(["javac", "-d", classes, os.path.join(HERE, "Load.java")])

    store = os.path.join(a.dir, "store-%d" % a.rows)
    if not os.path.exists(store):
        generate(a.rows, os.path.join(a.dir, "registry.csv"))
        shutil.copy(os.path.join(HERE, "registry.yml"), a.dir)
        sh(["java", "-Xmx2g", "-jar", jar, "load", "--store", store, "--base", BASE,
            os.path.join(ROOT, "mappings", "kato.yml"), os.path.join(a.dir, "registry.yml")])
    fuseki_store = store + "-fuseki"
    if os.path.exists(fuseki_store):
        shutil.rmtree(fuseki_store)
    shutil.copytree(store, fuseki_store, ignore=shutil.ignore_patterns("ashyq-search"))
    config = os.path.join(a.dir, "fuseki.ttl")
    with open(os.path.join(ROOT, "fuseki-config", "ashyq.ttl"), encoding="utf-8") as f:
        text = f.read().replace('tdb2:location "store"', 'tdb2:location "%s"' % fuseki_store)
    with open(config, "w", encoding="utf-8") as f:
        f.write(text)

    procs = []
    try:
        # the load comes from one address: the per-client limits are for the public
        procs.append(subprocess.Popen(["java", "-Xmx2g", "-jar", jar, "serve", "--store", store, "--port", "8301",
                                       "--pages-per-minute", "100000000", "--requests-per-minute", "100000000",
                                       "--queries-per-client", "1000"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        procs.append(subprocess.Popen(["java", "-Xmx2g", "-jar", FUSEKI_JAR, "--config", config, "--port", "8302"],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_http("http://localhost:8301/health")
        wait_http("http://localhost:8302/$/ping")
        triples = int(select("http://localhost:8301/sparql", "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }")[0][0])
        print("store: %d rows, %d triples" % (a.rows, triples))

        rnd = random.Random(7)
        codes = kato_codes()
        iris = [BASE + "id/kindergarten/%d" % rnd.randrange(1, a.rows + 1) for _ in range(1500)]
        iris += [BASE + "id/kato/" + rnd.choice(codes) for _ in range(500)]
        files = {}
        for name, fmt in (("ashyq", "http://localhost:8301/doc/%s"), ("fuseki", None)):
            path = os.path.join(a.dir, name + ".urls")
            with open(path, "w") as f:
                for iri in iris:
                    if fmt:
                        f.write(fmt % iri[len(BASE) + 3:] + "\n")
                    else:
                        f.write("http://localhost:8302/sparql?query=" + urllib.parse.quote("DESCRIBE <%s>" % iri) + "\n")
            files[name] = path

        # both JVMs compile their hot paths in the first seconds: warm each up before measuring
        for name, accept in (("ashyq", "text/turtle"), ("ashyq", "text/html"), ("fuseki", "text/turtle")):
            load(classes, files[name], accept, 4, 10)
        rows = []
        for c in [int(x) for x in a.clients.split(",")]:
            doc = load(classes, files["ashyq"], "text/turtle", c, a.seconds)
            page = load(classes, files["ashyq"], "text/html", c, a.seconds)
            fus = load(classes, files["fuseki"], "text/turtle", c, a.seconds)
            rows.append((c, doc, page, fus))

        print("\nEntity lookups, random IRIs (75%% kindergartens, 25%% KATO units), %d s each after 2 s warm-up" % a.seconds)
        print("| clients | server | requests/s | median ms | p99 ms | errors | bytes/answer |")
        print("|---:|---|---:|---:|---:|---:|---:|")
        for c, doc, page, fus in rows:
            for label, r in (("Ashyq document (Turtle)", doc), ("Ashyq page (HTML)", page), ("Fuseki DESCRIBE (Turtle)", fus)):
                print("| %d | %s | %.0f | %.2f | %.2f | %d | %d |" % (c, label, r["rps"], r["p50"], r["p99"], r["errors"], r["bytes"]))
            print("| %d | **ratio** Ashyq document / Fuseki | **%.1f×** | | | | |" % (c, doc["rps"] / max(fus["rps"], 0.1)))

        counts = select("http://localhost:8301/sparql", "PREFIX schema: <https://schema.org/> SELECT ?u (COUNT(?k) AS ?n) "
                        "{ ?k schema:containedInPlace ?u } GROUP BY ?u")
        counts = [(u, int(n)) for u, n in counts]
        hot = min(counts, key=lambda x: abs(x[1] - 5000))
        cold = min(counts, key=lambda x: abs(x[1] - 5))
        print("\nA page with %d incoming links against one with %d (4 clients, HTML)" % (hot[1], cold[1]))
        res = {}
        for label, (u, n) in (("many", hot), ("few", cold)):
            path = os.path.join(a.dir, label + ".urls")
            with open(path, "w") as f:
                f.write("http://localhost:8301/doc/" + u[len(BASE) + 3:] + "\n")
            res[label] = load(classes, path, "text/html", 4, a.seconds)
            print("| %s (%d links) | %.0f req/s | median %.2f ms | p99 %.2f ms |" % (label, n, res[label]["rps"],
                                                                                  res[label]["p50"], res[label]["p99"]))
        print("| ratio of medians, many / few | **%.2f×** |" % (res["many"]["p50"] / max(res["few"]["p50"], 0.01)))
    finally:
        for p in procs:
            p.terminate()
        for p in procs:
            p.wait()


if __name__ == "__main__":
    main()
