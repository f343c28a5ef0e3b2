#!/usr/bin/env python3
"""Maps the generated registry with Ashyq and with RMLMapper, side by side, and prints rows per
second, triples per second and peak RSS of each, with medians and ratios.

    python3 bench/run.py [--sizes 100000,1000000] [--runs 3] [--rmlmapper-runs 1] [--dir DIR]

Builds target/ashyq.jar and fetches RMLMapper 6.1.3 from Maven Central (bench/rmlmapper/pom.xml)
when they are missing. Ashyq runs as its users run it, through ./ashyq (which adds the build's
class-data-sharing archive and the throughput collector for batch commands), with
JAVA_OPTS=-Xmx256m to show that the heap stays flat as rows grow; and, to show what the launcher
adds, as a bare `java -Xmx256m -jar target/ashyq.jar`. RMLMapper runs as its README shows, with
the JVM's default heap (it needs it).
"""
import argparse
import hashlib
import os
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "bench")
RML_DIR = os.path.join(BENCH, "rmlmapper")


def sh(cmd, cwd=None):
    subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)


def prepare():
    if not all(os.path.exists(os.path.join(ROOT, "target", f)) for f in ("ashyq.jar", "ashyq.jsa")):
        sh(["mvn", "-B", "-q", "-DskipTests", "package"], cwd=ROOT)
    if not os.path.isdir(os.path.join(RML_DIR, "target", "lib")):
        sh(["mvn", "-B", "-q", "dependency:copy-dependencies", "-DoutputDirectory=target/lib"], cwd=RML_DIR)
    extra = os.path.join(RML_DIR, "extra")
    os.makedirs(extra, exist_ok=True)
    # RMLMapper 6.1.3 looks for these on its classpath; their real content comes from jitpack
    for f in ("functions_grel.ttl", "grel_java_mapping.ttl"):
        open(os.path.join(extra, f), "a").close()


def timed(cmd, cwd, env=None):
    """Runs a command under /usr/bin/time; returns (seconds, peak RSS in MB)."""
    out = subprocess.run(["/usr/bin/time", "-f", "%e %M"] + cmd, cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE, text=True, env=env)
    if out.returncode != 0:
        sys.exit("failed: %s\n%s" % (" ".join(cmd), out.stderr[-2000:]))
    secs, kb = out.stderr.strip().splitlines()[-1].split()
    return float(secs), int(kb) / 1024


def lines(path):
    n = 0
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            n += block.count(b"\n")
    return n


def sorted_digest(path):
    out = subprocess.run("LC_ALL=C sort %s | md5sum" % path, shell=True, capture_output=True, text=True)
    return out.stdout.split()[0]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="100000,1000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--rmlmapper-runs", type=int, default=1)
    ap.add_argument("--dir", default="/dev/shm/ashyq-bench" if os.path.isdir("/dev/shm") else "/tmp/ashyq-bench")
    a = ap.parse_args()
    prepare()
    java = shutil.which("java")
    ashyq = [os.path.join(ROOT, "ashyq"), "map", "registry.rml.ttl", "-o", "ashyq.nt"]
    ashyq_env = dict(os.environ, JAVA_OPTS="-Xmx256m")
    bare = [java, "-Xmx256m", "-jar", os.path.join(ROOT, "target", "ashyq.jar"), "map", "registry.rml.ttl",
            "-o", "bare.nt"]
    cp = os.path.join(RML_DIR, "extra") + ":" + os.path.join(RML_DIR, "target", "lib", "*")
    rmlmapper = [java, "-cp", cp, "be.ugent.rml.cli.Main", "-m", "registry.rml.ttl", "-o", "rmlmapper.nt",
                 "-s", "ntriples"]
    print("machine: %d cores; %s" % (os.cpu_count(), subprocess.run([java, "-version"], capture_output=True,
                                                                      text=True).stderr.splitlines()[0]))
    rows_out = []
    for size in [int(s) for s in a.sizes.split(",")]:
        work = os.path.join(a.dir, str(size))
        os.makedirs(work, exist_ok=True)
        csv = os.path.join(work, "registry.csv")
        if not os.path.exists(csv):
            sh([sys.executable, os.path.join(BENCH, "generate.py"), str(size), csv])
        shutil.copy(os.path.join(BENCH, "registry.rml.ttl"), work)
        results = {}
        # The commands interleave, RMLMapper's runs spread evenly among Ashyq's, so that a noisy
        # neighbour or a slow stretch of the machine weighs on all of them alike.
        samples = {"Ashyq": [], "Ashyq, java -jar": [], "RMLMapper 6.1.3": []}
        rounds = max(a.runs, a.rmlmapper_runs)
        rml_rounds = {int((k + 0.5) * rounds / a.rmlmapper_runs) for k in range(a.rmlmapper_runs)}
        for i in range(rounds):
            if i < a.runs:
                samples["Ashyq"].append(timed(ashyq, work, ashyq_env))
                samples["Ashyq, java -jar"].append(timed(bare, work))
            if i in rml_rounds:
                samples["RMLMapper 6.1.3"].append(timed(rmlmapper, work))
        outs = {"Ashyq": "ashyq.nt", "Ashyq, java -jar": "bare.nt", "RMLMapper 6.1.3": "rmlmapper.nt"}
        results = {}
        for name, runs in samples.items():
            secs = statistics.median(s for s, _ in runs)
            rss = statistics.median(m for _, m in runs)
            triples = lines(os.path.join(work, outs[name]))
            results[name] = (secs, rss, triples, [round(s, 2) for s, _ in runs])
        same = sorted_digest(os.path.join(work, "ashyq.nt")) == sorted_digest(os.path.join(work, "rmlmapper.nt"))
        for name, (secs, rss, triples, all_secs) in results.items():
            rows_out.append((size, name, secs, size / secs, triples / secs, rss, all_secs))
        r_secs, r_rss = results["RMLMapper 6.1.3"][:2]
        for name in ("Ashyq", "Ashyq, java -jar"):
            rows_out.append((size, "ratio", r_secs / results[name][0], None, None, r_rss / results[name][1],
                             name + (", same triples: %s" % same if name == "Ashyq" else "")))
        for f in outs.values():
            os.remove(os.path.join(work, f))
    print("%-9s %-18s %9s %12s %14s %10s  %s" % ("rows", "engine", "median s", "rows/s", "triples/s",
                                                 "peak RSS", "runs (s)"))
    for size, name, secs, rps, tps, rss, extra in rows_out:
        if name == "ratio":
            print("%-9d %-18s %8.1fx %12s %14s %9.1fx  %s" % (size, "faster, less RSS", secs, "", "", rss, extra))
        else:
            print("%-9d %-18s %9.2f %12s %14s %8.0fMB  %s" % (size, name, secs, "{:,.0f}".format(rps),
                                                             "{:,.0f}".format(tps), rss, extra))
    print("(wall time of the whole command, JVM start included; RSS from /usr/bin/time)")


if __name__ == "__main__":
    main()
