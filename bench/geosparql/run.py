#!/usr/bin/env python3
"""The GeoSPARQL Compliance Benchmark (206 queries over GeoSPARQL 1.0's requirements) against
Ashyq and Jena's own GeoSPARQL Fuseki, side by side.

The benchmark is GPL-2.0 and is read where it lies (../shared/conformance/geosparql-benchmark),
never copied into the project. For each engine its dataset.rdf is loaded, every query is sent
over the SPARQL 1.1 Protocol and its answer compared with the expected answers (any of a
query's alternatives): ASK by its boolean; SELECT by its rows as a multiset, in order when the
expected answer says it is ordered, numbers equal within a relative 1e-3 (the expected answers
round them), WKT literals up to whitespace, other terms exactly.

- Ashyq: `ashyq load dataset.rdf` (an RDF file published as a dataset: GeoSPARQL's RDFS
  entailments are materialised as it is written), then `ashyq serve` (the endpoint's default
  graph is the union of the named graphs; the spatial index is built per graph).
- Jena's GeoSPARQL Fuseki: Fuseki 5.6.0 with Jena's GeoSPARQL assembler (inference, query
  rewrite, spatial index), Jena's documented set-up now that jena-fuseki-geosparql is not
  published for Jena 5.6; run from Ashyq's jar, which carries both (GeoFuseki.java).

    python3 bench/geosparql/run.py [--suite DIR] [--details docs/geosparql-compliance.md]
"""
import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SR = "{http://www.w3.org/2005/sparql-results#}"
NUMERIC = re.compile(r"http://www.w3.org/2001/XMLSchema#(double|float|decimal|integer|int|long)")
WKT = "http://www.opengis.net/ont/geosparql#wktLiteral"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url, proc, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit("the server exited with %d" % proc.returncode)
        try:
            urllib.request.urlopen(url, timeout=2)
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("no answer from " + url)


def parse(xml):
    root = ET.fromstring(xml)
    boolean = root.find(SR + "boolean")
    if boolean is not None:
        return ("ask", boolean.text.strip() == "true", False)
    results = root.find(SR + "results")
    ordered = results is not None and results.get("ordered") == "true"
    rows = []
    for r in (results.findall(SR + "result") if results is not None else []):
        row = {}
        for b in r.findall(SR + "binding"):
            term = list(b)[0]
            kind = term.tag.replace(SR, "")
            row[b.get("name")] = (kind, (term.text or "").strip(), term.get("datatype"),
                                  term.get("{http://www.w3.org/XML/1998/namespace}lang"))
        rows.append(row)
    return ("select", rows, ordered)


def same_term(a, b):
    if a[0] != b[0]:
        return False
    if a[0] == "literal" and a[2] and b[2] and NUMERIC.match(a[2]) and NUMERIC.match(b[2]):
        try:
            x, y = float(a[1]), float(b[1])
        except ValueError:
            return a[1] == b[1]
        return abs(x - y) <= 1e-3 * max(1.0, abs(x), abs(y))
    if a[0] == "bnode":
        return True
    if a[0] == "literal" and a[2] == WKT and b[2] == WKT:
        return wkt(a[1]) == wkt(b[1])
    return a[1] == b[1] and (a[2] or "") == (b[2] or "") and (a[3] or "").lower() == (b[3] or "").lower()


def wkt(text):
    """WKT with its insignificant whitespace taken out: the answers write POLYGON((0 0,1 0,…))."""
    text = re.sub(r"\s+", " ", text.strip())
    return re.sub(r"\s*([(),])\s*", r"\1", text).upper()


def same_row(a, b):
    return a.keys() == b.keys() and all(same_term(a[k], b[k]) for k in a)


def matches(got, expected):
    if got[0] != expected[0]:
        return False
    if got[0] == "ask":
        return got[1] == expected[1]
    g, e = got[1], expected[1]
    if len(g) != len(e):
        return False
    if expected[2]:
        return all(same_row(x, y) for x, y in zip(g, e))
    left = list(g)
    for row in e:
        hit = next((i for i, x in enumerate(left) if same_row(x, row)), None)
        if hit is None:
            return False
        left.pop(hit)
    return True


def ask(endpoint, query):
    data = urllib.parse.urlencode({"query": query}).encode()
    req = urllib.request.Request(endpoint, data=data, headers={
        "Accept": "application/sparql-results+xml", "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(req, timeout=60) as r:
            return r.read(), None
    except urllib.error.HTTPError as e:
        return None, "HTTP %d: %s" % (e.code, e.read().decode("utf-8", "replace")[:200].replace("\n", " "))
    except OSError as e:
        return None, str(e)


def score(name, endpoint, suite):
    queries = sorted(f for f in os.listdir(os.path.join(suite, "gsb_queries")) if f.startswith("query-r") and f.endswith(".rq"))
    answers = os.listdir(os.path.join(suite, "gsb_answers"))
    out = {}
    for q in queries:
        stem = q[:-3]
        expected = [parse(open(os.path.join(suite, "gsb_answers", a), "rb").read()) for a in sorted(answers)
                    if a == stem + ".srx" or a.startswith(stem + "-alternative-")]
        if not expected:
            continue
        body, error = ask(endpoint, open(os.path.join(suite, "gsb_queries", q), encoding="utf-8").read())
        if error:
            out[stem] = (False, error)
            continue
        try:
            got = parse(body)
        except ET.ParseError as e:
            out[stem] = (False, "unreadable answer: %s" % e)
            continue
        ok = any(matches(got, e) for e in expected)
        out[stem] = (ok, "" if ok else "different answer: %s" % summary(got))
    passed = sum(1 for v in out.values() if v[0])
    print("%-28s %3d of %d queries answered as expected" % (name, passed, len(out)))
    return out


def summary(got):
    if got[0] == "ask":
        return "ASK %s" % got[1]
    rows = got[1]
    first = ", ".join("%s=%s" % (k, v[1][:40]) for k, v in sorted(rows[0].items())) if rows else ""
    return "%d rows%s" % (len(rows), " (first: %s)" % first if first else "")


def ashyq(suite, work):
    port = free_port()
    store = os.path.join(work, "ashyq-store")
    log = open(os.path.join(work, "ashyq.log"), "w")
    subprocess.run([os.path.join(ROOT, "ashyq"), "load", "--store", store,
                    os.path.join(suite, "gsb_dataset", "dataset.rdf")], check=True, stdout=log, stderr=log)
    proc = subprocess.Popen([os.path.join(ROOT, "ashyq"), "serve", "--store", store, "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=log)
    try:
        base = "http://127.0.0.1:%d" % port
        wait(base + "/health", proc)
        return score("Ashyq", base + "/sparql", suite)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def fuseki(suite, work):
    port = free_port()
    config = os.path.join(work, "geosparql-fuseki.ttl")
    with open(config, "w", encoding="utf-8") as f:
        f.write("""PREFIX fuseki: <http://jena.apache.org/fuseki#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX ja: <http://jena.hpl.hp.com/2005/11/Assembler#>
PREFIX geosparql: <http://jena.apache.org/geosparql#>
<#service> rdf:type fuseki:Service ; fuseki:name "gsb" ;
    fuseki:endpoint [ fuseki:operation fuseki:query ; fuseki:name "sparql" ] ; fuseki:dataset <#geo> .
<#geo> rdf:type geosparql:GeosparqlDataset ;
    geosparql:inference true ; geosparql:queryRewrite true ; geosparql:indexEnabled true ;
    geosparql:applyDefaultGeometry false ; geosparql:dataset <#base> .
<#base> rdf:type ja:MemoryDataset ; ja:data "%s" .
""" % os.path.join(suite, "gsb_dataset", "dataset.rdf"))
    jar = os.path.join(ROOT, "target", "ashyq.jar")
    classes = os.path.join(work, "classes")
    subprocess.run(["javac", "-cp", jar, "-d", classes, os.path.join(HERE, "GeoFuseki.java")], check=True)
    proc = subprocess.Popen(["java", "-cp", jar + os.pathsep + classes, "GeoFuseki", str(port), config],
                            stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "fuseki.log"), "w"))
    try:
        endpoint = "http://127.0.0.1:%d/gsb/sparql" % port
        wait(endpoint + "?query=" + urllib.parse.quote("ASK{}"), proc)
        return score("Jena GeoSPARQL Fuseki 5.6.0", endpoint, suite)
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--suite", default=os.path.join(ROOT, "..", "shared", "conformance", "geosparql-benchmark"))
    ap.add_argument("--details", help="write the failing queries of each engine, with the reason, to this file")
    a = ap.parse_args()
    if not os.path.isdir(os.path.join(a.suite, "gsb_queries")):
        raise SystemExit("no benchmark in %s (--suite)" % a.suite)
    if not os.path.exists(os.path.join(ROOT, "target", "ashyq.jar")):
        subprocess.run(["mvn", "-q", "-B", "-DskipTests", "package"], cwd=ROOT, check=True)
    work = tempfile.mkdtemp(prefix="ashyq-gsb-")
    try:
        results = {"Ashyq": ashyq(a.suite, work), "Jena GeoSPARQL Fuseki": fuseki(a.suite, work)}
    finally:
        shutil.rmtree(work, ignore_errors=True)
    by_req = {}
    for name, res in results.items():
        for stem, (ok, _) in res.items():
            req = re.match(r"query-(r\d+)", stem).group(1)
            by_req.setdefault(req, {}).setdefault(name, []).append(ok)
    for name in results:
        met = sum(1 for r in by_req.values() if all(r.get(name, [False])))
        print("%-28s %d of %d requirements with every query answered as expected" % (name, met, len(by_req)))
    if a.details:
        with open(a.details, "w", encoding="utf-8") as f:
            for name, res in results.items():
                f.write("\n### %s: %d of %d\n\n| query | why it failed |\n|---|---|\n"
                        % (name, sum(1 for v in res.values() if v[0]), len(res)))
                for stem, (ok, why) in sorted(res.items()):
                    if not ok:
                        f.write("| %s | %s |\n" % (stem, why.replace("|", "\\|")))


if __name__ == "__main__":
    sys.exit(main())
