#!/usr/bin/env python3
"""Read replicas on Kafka: how soon a publication is visible on a replica, and what two replicas
serve against one, on this machine, in one run.

Starts `ashyq broker` (one KRaft node), a publisher (`ashyq serve --publish-to`) loaded with the
bundled KATO mapping, and two replicas (`ashyq serve --follow`), each a process of its own. Then:

1. Publishes --releases small releases (a 10-row dataset whose values change each time) through
   `POST /admin/publish`, one after the other, each once the replicas have the one before, and reads
   from each replica's /health the delay from the publisher's commit of each change to the
   replica's (its indexes updated): median, p99, max.
2. Sends a closed-loop load of entity documents (bench/front/Load.java: --clients clients for
   --seconds s) to replica 1 alone, then spread at random over replicas 1 and 2: requests/s,
   median and p99 latency, and the ratio.

    python3 bench/replication/run.py [--releases 100] [--clients 16] [--seconds 20]
"""
import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TOKEN = "bench-token-0123456789"
MAPPING = """dataset: {id: pings, title: {en: Pings}}
sources:
  pings:
    access: ../data/pings.csv
    referenceFormulation: csv
mappings:
  ping:
    sources: pings
    s: id/ping/$(code)
    po:
      - [rdfs:label, $(name), kk~lang]
      - [schema:position, $(n), xsd:integer]
"""


def free_port(pair=False):
    while True:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if not pair:
            return port
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port + 1))
                return port
            except OSError:
                continue


def get_json(url):
    return json.loads(urllib.request.urlopen(url, timeout=10).read())


def wait(what, cond, seconds=300):
    end = time.time() + seconds
    while time.time() < end:
        try:
            if cond():
                return
        except OSError:
            pass
        time.sleep(0.05)
    raise SystemExit("gave up waiting for " + what)


def publish(url, work, n):
    """One release of the pings through POST /admin/publish; returns when it is published."""
    csv = "code,name,n\n" + "".join("%d,белгі %d,%d\n" % (i, i, n * 100 + i) for i in range(10))
    boundary = uuid.uuid4().hex
    parts = [("mapping", "pings.yml", MAPPING.encode()), ("../data/pings.csv", "pings.csv", csv.encode())]
    body = b"".join(b"--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
                    b"Content-Type: application/octet-stream\r\n\r\n%s\r\n"
                    % (boundary.encode(), name.encode(), fn.encode(), data) for name, fn, data in parts)
    body += b"--%s--\r\n" % boundary.encode()
    req = urllib.request.Request(url + "admin/publish", data=body, headers={
        "Content-Type": "multipart/form-data; boundary=" + boundary, "Authorization": "Bearer " + TOKEN})
    lines = urllib.request.urlopen(req, timeout=300).read().decode().splitlines()
    last = json.loads(lines[-1])
    if last.get("event") != "published":
        raise SystemExit("release %d: %s" % (n, last))


def load(classes, urls, clients, seconds):
    out = subprocess.run(["java", "-Xmx512m", "-cp", classes, "Load", urls, "application/n-triples", str(clients),
                          str(seconds)], capture_output=True, text=True, check=True).stdout.strip()
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--releases", type=int, default=100)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--seconds", type=int, default=20)
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    a = ap.parse_args()
    work = tempfile.mkdtemp(prefix="ashyq-replication-")
    ashyq = os.path.join(ROOT, "ashyq")
    subprocess.run([ashyq, "--version"], check=True, capture_output=True)  # builds the jar when needed
    env = dict(os.environ, ASHYQ_ADMIN_TOKEN=TOKEN, JAVA_OPTS="-Xmx1g")
    procs = []

    def start(name, *args):
        log = open(os.path.join(work, name + ".log"), "w")
        p = subprocess.Popen([ashyq, *args], stdout=log, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
                             start_new_session=True)
        procs.append(p)
        return p

    try:
        kafka = free_port(pair=True)
        topic = "localhost:%d/bench" % kafka
        start("broker", "broker", "--dir", os.path.join(work, "broker"), "--port", str(kafka))
        wait("the broker", lambda: socket.create_connection(("127.0.0.1", kafka), 1).close() or True)
        ports = [free_port() for _ in range(3)]
        urls = ["http://127.0.0.1:%d/" % p for p in ports]
        start("publisher", "serve", "--store", os.path.join(work, "publisher"), "--port", str(ports[0]),
              "--publish-to", topic)
        wait("the publisher", lambda: get_json(urls[0] + "health"))
        subprocess.run([ashyq, "load", "--server", urls[0], "mappings/kato.yml"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        version = lambda u: get_json(u + "health")["replication"]["dataVersion"]
        replicas = {}
        # each replica catches up with KATO, then starts again, so that its delays are the releases' alone
        for round_ in (1, 2):
            for i in (1, 2):
                if round_ == 2:
                    p = replicas[i]
                    os.killpg(p.pid, signal.SIGTERM)
                    p.wait(60)
                replicas[i] = start("replica%d" % i, "serve", "--store", os.path.join(work, "replica%d" % i),
                                    "--port", str(ports[i]), "--base", urls[0].replace("127.0.0.1", "localhost"),
                                    "--follow", topic, "--requests-per-minute", "10000000",
                                    "--pages-per-minute", "10000000")
            target = version(urls[0])
            for u in urls[1:]:
                wait("a replica to catch up", lambda: version(u) >= target)
        t0 = time.time()
        for n in range(1, a.releases + 1):
            publish(urls[0], work, n)
            target = version(urls[0])
            for u in urls[1:]:
                wait("a replica to catch up", lambda: version(u) >= target)
        took = time.time() - t0
        print("## Publication to visibility (%d releases, each a change of the served data and of the archive)"
              % a.releases)
        print("| replica | changes | median ms | p99 ms | max ms |")
        print("|---|---:|---:|---:|---:|")
        for i, u in enumerate(urls[1:], 1):
            d = get_json(u + "health")["replication"]["delayMs"]
            print("| %d | %d | %d | %d | %d |" % (i, d["count"], d["p50"], d["p99"], d["max"]))
        print("\n%d releases published and followed by both replicas in %.1f s (%.2f s a release)\n"
              % (a.releases, took, took / a.releases))
        codes = [line.split(",")[0] for line in open(os.path.join(ROOT, "data", "kato-2025", "kato.csv"),
                                                        encoding="utf-8").read().splitlines()[1:2001]]
        classes = os.path.join(work, "classes")
        subprocess.run(["javac", "-d", classes, os.path.join(ROOT, "bench", "front", "Load.java")], check=True)
        one = os.path.join(work, "one.txt")
        two = os.path.join(work, "two.txt")
        path = "doc/kato/"  # the documents about mappings/kato.yml's things (id/kato/…)
        with open(one, "w") as f:
            f.write("".join("%s%s%s\n" % (urls[1], path, c) for c in codes))
        with open(two, "w") as f:
            f.write("".join("%s%s%s\n" % (urls[1 + i % 2], path, c) for i, c in enumerate(codes)))
        print("## Entity documents (N-Triples), %d clients, %d s, closed loop" % (a.clients, a.seconds))
        print("| replicas | requests/s | median ms | p99 ms | errors |")
        print("|---|---:|---:|---:|---:|")
        rates = []
        for name, f in (("1", one), ("2", two)):
            out = load(classes, f, a.clients, a.seconds).split()
            rates.append(float(out[0]))
            print("| %s | %s | %s | %s | %s |" % (name, out[0], out[1], out[2], out[3]))
        print("\ntwo replicas / one: %.2f×" % (rates[1] / rates[0]))
        print("\ncommand: python3 bench/replication/run.py --releases %d --clients %d --seconds %d"
              % (a.releases, a.clients, a.seconds))
    finally:
        for p in procs:
            try:
                os.killpg(p.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        for p in procs:
            try:
                p.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(p.pid, signal.SIGKILL)
        if a.keep:
            print("work folder:", work, file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
