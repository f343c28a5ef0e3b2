#!/usr/bin/env python3
"""Spatial and text queries at 100,000 points: Ashyq against Jena's GeoSPARQL Fuseki with a
jena-text index, on the same N-Triples file, in one run.

The data: N features at random points in Kazakhstan's box, each with a GeoSPARQL point geometry
(default geometry too), a Kazakh and a Russian label made of place words, a kind (school or
clinic) and a region. Both engines load the same file:

- Ashyq: `ashyq load points.nt` (an RDF file as a dataset), then `ashyq serve`.
- Fuseki 5.6.0 (from Ashyq's jar, GeoFuseki.java): Jena's GeoSPARQL assembler (inference, query
  rewrite, spatial index) wrapped in a jena-text dataset whose Lucene index of rdfs:label is
  built beforehand with jena-text's textindexer; twice: over TDB2 (loaded with Jena's parallel
  loader), a store on disk as Ashyq's is, and over an in-memory dataset read from the file.

Queries, each checked to give both engines the same answer, then timed (medians and p95 of
--runs runs, after five warm-up runs: both servers' JIT compilers settle):
  within   features within a polygon (geo:sfWithin, a WKT literal)
  nearby   features within 50 km of a point (Jena's spatial:nearby)
  text     a word in the labels (text:query), joined with the kind and the region

    python3 bench/geosparql/speed.py [--points 100000] [--runs 20]
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from run import free_port, wait, HERE, ROOT  # noqa: E402

EX = "http://example.org/bench/"
GEO = "http://www.opengis.net/ont/geosparql#"
# sixteen names: a word matches about 6,000 of 100,000 labels, under both engines' 10,000-hit limit
WORDS_KK = ["Қарағанды", "Алматы", "Өскемен", "Шымкент", "Ақтөбе", "Түркістан", "Орал", "Атырау",
            "Қостанай", "Павлодар", "Семей", "Тараз", "Қызылорда", "Көкшетау", "Петропавл", "Жезқазған"]
WORDS_RU = ["Караганда", "Алматы", "Усть-Каменогорск", "Шымкент", "Актобе", "Туркестан", "Уральск", "Атырау",
            "Костанай", "Павлодар", "Семей", "Тараз", "Кызылорда", "Кокшетау", "Петропавловск", "Жезказган"]
KINDS = ["школа", "емхана"]

PREFIXES = """PREFIX geo: <http://www.opengis.net/ont/geosparql#>
PREFIX spatial: <http://jena.apache.org/spatial#>
PREFIX uom: <http://www.opengis.net/def/uom/OGC/1.0/>
PREFIX text: <http://jena.apache.org/text#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ex: <%s>
""" % EX

QUERIES = {
    "within": """SELECT ?f WHERE {
  ?f geo:sfWithin "POLYGON((70 45, 72 45, 72 47, 70 47, 70 45))"^^geo:wktLiteral .
  ?f a ex:Place }""",
    "nearby": """SELECT ?f WHERE { ?f spatial:nearby (51.16 71.47 50 uom:kilometre) . ?f a ex:Place }""",
    "text": """SELECT ?f ?region WHERE {
  ?f text:query (rdfs:label "қарағанды") .
  ?f ex:kind ex:clinic ; ex:region ?region }""",
}


def generate(path, n, seed=7):
    rnd = random.Random(seed)
    with open(path, "w", encoding="utf-8") as f:
        for i in range(n):
            lon = rnd.uniform(50.0, 87.0)
            lat = rnd.uniform(41.0, 55.0)
            w = rnd.randrange(len(WORDS_KK))
            kind = rnd.randrange(2)
            s = "<%sid/%d>" % (EX, i)
            g = "<%sid/%d/geometry>" % (EX, i)
            f.write('%s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <%sPlace> .\n' % (s, EX))
            f.write('%s <%skind> <%s%s> .\n' % (s, EX, EX, ["school", "clinic"][kind]))
            f.write('%s <%sregion> <%sregion/%d> .\n' % (s, EX, EX, i % 17))
            f.write('%s <http://www.w3.org/2000/01/rdf-schema#label> "%s %s %d"@kk .\n'
                    % (s, WORDS_KK[w], KINDS[kind], i))
            f.write('%s <http://www.w3.org/2000/01/rdf-schema#label> "%s %s %d"@ru .\n'
                    % (s, WORDS_RU[w], ["школа", "поликлиника"][kind], i))
            f.write('%s <%shasGeometry> %s .\n%s <%shasDefaultGeometry> %s .\n' % (s, GEO, g, s, GEO, g))
            f.write('%s <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <%sGeometry> .\n' % (g, GEO))
            f.write('%s <%sasWKT> "POINT(%.6f %.6f)"^^<%swktLiteral> .\n' % (g, GEO, lon, lat, GEO))


def select(endpoint, query):
    req = urllib.request.Request(endpoint, data=urllib.parse.urlencode({"query": PREFIXES + query}).encode(),
                                 headers={"Accept": "text/csv",
                                          "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(req, timeout=300) as r:
        lines = r.read().decode("utf-8").splitlines()
    return sorted(lines[1:])


WARM_UP = 5


def timed(endpoint, runs):
    out = {}
    for name, q in QUERIES.items():
        for _ in range(WARM_UP):
            select(endpoint, q)
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            rows = select(endpoint, q)
            times.append((time.perf_counter() - t0) * 1000)
        out[name] = (statistics.median(times), sorted(times)[max(0, int(len(times) * 0.95) - 1)], rows)
    return out


def ashyq(data, work, runs):
    store = os.path.join(work, "ashyq-store")
    log = open(os.path.join(work, "ashyq.log"), "w")
    t0 = time.perf_counter()
    subprocess.run([os.path.join(ROOT, "ashyq"), "load", "--store", store, data], check=True, stdout=log, stderr=log)
    port = free_port()
    proc = subprocess.Popen([os.path.join(ROOT, "ashyq"), "serve", "--store", store, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=log)
    try:
        base = "http://127.0.0.1:%d" % port
        wait(base + "/health", proc, 600)
        ready = time.perf_counter() - t0
        return ready, timed(base + "/sparql", runs)
    finally:
        proc.terminate()
        proc.wait(timeout=60)


FUSEKI_CONFIG = """PREFIX fuseki: <http://jena.apache.org/fuseki#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ja: <http://jena.hpl.hp.com/2005/11/Assembler#>
PREFIX geosparql: <http://jena.apache.org/geosparql#>
PREFIX text: <http://jena.apache.org/text#>
<#service> rdf:type fuseki:Service ; fuseki:name "bench" ;
    fuseki:endpoint [ fuseki:operation fuseki:query ; fuseki:name "sparql" ] ; fuseki:dataset <#text> .
<#text> rdf:type text:TextDataset ; text:dataset <#geo> ; text:index <#index> .
<#index> rdf:type text:TextIndexLucene ; text:directory <file:%(lucene)s> ; text:entityMap <#map> ;
    text:storeValues true .
<#map> rdf:type text:EntityMap ; text:entityField "uri" ; text:defaultField "label" ; text:langField "lang" ;
    text:map ( [ text:field "label" ; text:predicate rdfs:label ] ) .
<#geo> rdf:type geosparql:GeosparqlDataset ;
    geosparql:inference true ; geosparql:queryRewrite true ; geosparql:indexEnabled true ;
    geosparql:applyDefaultGeometry false ; geosparql:dataset <#base> .
%(base)s
"""
MEMORY = '<#base> rdf:type ja:MemoryDataset ; ja:data "%s" .'
TDB2 = """PREFIX tdb2: <http://jena.apache.org/2016/tdb#>
<#base> rdf:type tdb2:DatasetTDB2 ; tdb2:location "%s" ."""


def fuseki(data, work, runs, tdb2):
    """GeoSPARQL Fuseki over an in-memory dataset read from the file, or over TDB2 loaded with
    Jena's parallel loader (tdb2=True); the load counts in the time to the first answer."""
    name = "fuseki-tdb2" if tdb2 else "fuseki-mem"
    config = os.path.join(work, name + ".ttl")
    base = TDB2 % os.path.join(work, name + "-db") if tdb2 else MEMORY % data
    with open(config, "w", encoding="utf-8") as f:
        f.write(FUSEKI_CONFIG % {"lucene": os.path.join(work, name + "-lucene"), "base": base})
    jar = os.path.join(ROOT, "target", "ashyq.jar")
    classes = os.path.join(work, "classes")
    subprocess.run(["javac", "-cp", jar, "-d", classes, os.path.join(HERE, "GeoFuseki.java")], check=True)
    cp = jar + os.pathsep + classes
    log = open(os.path.join(work, name + ".log"), "w")
    t0 = time.perf_counter()
    if tdb2:
        subprocess.run(["java", "-cp", cp, "GeoFuseki", "load", os.path.join(work, name + "-db"), data],
                       check=True, stdout=log, stderr=log)
    subprocess.run(["java", "-cp", jar, "org.apache.jena.query.text.cmd.textindexer", "--desc=" + config],
                   check=True, stdout=log, stderr=log)
    port = free_port()
    proc = subprocess.Popen(["java", "-cp", cp, "GeoFuseki", str(port), config], stdout=subprocess.DEVNULL, stderr=log)
    try:
        endpoint = "http://127.0.0.1:%d/bench/sparql" % port
        wait(endpoint + "?query=" + urllib.parse.quote("ASK{}"), proc, 600)
        ready = time.perf_counter() - t0
        return ready, timed(endpoint, runs)
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--points", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=20)
    a = ap.parse_args()
    if not os.path.exists(os.path.join(ROOT, "target", "ashyq.jar")):
        subprocess.run(["mvn", "-q", "-B", "-DskipTests", "package"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="ashyq-geo-speed-")
    try:
        data = os.path.join(work, "points.nt")
        generate(data, a.points)
        engines = {"Ashyq": ashyq(data, work, a.runs),
                   "GeoSPARQL Fuseki, TDB2": fuseki(data, work, a.runs, True),
                   "GeoSPARQL Fuseki, in memory": fuseki(data, work, a.runs, False)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ashyq_t = engines["Ashyq"][1]
    print("%d points; medians (p95) of %d runs, ms; ratio: Ashyq's median over the engine's\n" % (a.points, a.runs))
    print("| query | rows | " + " | ".join(engines) + " | " + " | ".join("Ashyq / " + e.split(", ")[1]
                                                                          for e in list(engines)[1:]) + " |")
    print("|---|---:|" + "---:|" * (2 * len(engines) - 1))
    ok = True
    for name in QUERIES:
        cells = ["%.1f (%.1f)" % engines[e][1][name][:2] for e in engines]
        ratios = ["%.2f" % (ashyq_t[name][0] / engines[e][1][name][0]) for e in list(engines)[1:]]
        print("| %s | %d | %s | %s |" % (name, len(ashyq_t[name][2]), " | ".join(cells), " | ".join(ratios)))
        for e in list(engines)[1:]:
            if engines[e][1][name][2] != ashyq_t[name][2]:
                ok = False
                print("  %s: %s answered %d rows, Ashyq %d" % (name, e, len(engines[e][1][name][2]),
                                                               len(ashyq_t[name][2])))
    print("\nload to first answer, s: " + ", ".join("%s %.1f" % (e, engines[e][0]) for e in engines))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
