"""Virtuoso 7.2 (Debian's virtuoso-opensource) for the benchmarks: the virtuoso.ini they start it
with (a database in one directory, which is also the one directory it may bulk-load from, and its
ports on 127.0.0.1 only; each benchmark takes ports of its own, so that two can run at once), and
its start with the quads of an Ashyq store bulk-loaded."""


def ini(directory, isql_port, http_port, threads, parameters="", sections=""):
    """The configuration's text; `parameters` adds lines to [Parameters], `sections` whole sections."""
    return """[Database]
DatabaseFile = %(d)s/virtuoso.db
ErrorLogFile = %(d)s/virtuoso.log
TransactionFile = %(d)s/virtuoso.trx
xa_persistent_file = %(d)s/virtuoso.pxa
[TempDatabase]
DatabaseFile = %(d)s/virtuoso-temp.db
TransactionFile = %(d)s/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:%(isql)d
DirsAllowed = ., %(d)s
NumberOfBuffers = 340000
MaxDirtyBuffers = 250000
%(parameters)s[HTTPServer]
ServerPort = 127.0.0.1:%(http)d
ServerThreads = %(threads)d
%(sections)s""" % {"d": directory, "isql": isql_port, "http": http_port, "threads": threads,
                   "parameters": parameters, "sections": sections}


def start_with_store(vdir, jar, store, isql_port, http_port, threads, parameters, sections, graph, wait_http):
    """Starts Virtuoso in `vdir` on 127.0.0.1; on its first start, bulk-loads a dump of the Ashyq
    store (its quads; `graph` for triples outside a named graph). Returns (process, seconds the
    load took or None). `vdir` must not be under /dev/shm: Virtuoso 7.2 refuses to bulk-load from
    there whatever DirsAllowed says."""
    import os
    import subprocess
    import time
    fresh = not os.path.exists(os.path.join(vdir, "virtuoso.db"))
    os.makedirs(vdir, exist_ok=True)
    with open(os.path.join(vdir, "virtuoso.ini"), "w") as f:
        f.write(ini(vdir, isql_port, http_port, threads, parameters, sections))
    proc = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", os.path.join(vdir, "virtuoso.ini")],
                            cwd=vdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_http("http://127.0.0.1:%d/sparql?query=ASK%%7B%%7D" % http_port, 180)
    if not fresh:
        return proc, None
    dump = os.path.join(vdir, "store.nq")
    with open(dump, "w") as f:
        subprocess.run(["java", "-Xmx2g", "-cp", jar, "tdb2.tdbdump", "--loc", store], check=True, stdout=f)
    t0 = time.time()
    subprocess.run(["isql-vt", "127.0.0.1:%d" % isql_port, "dba", "dba", "exec=ld_dir('%s', 'store.nq', '%s'); "
                    "rdf_loader_run(); checkpoint;" % (vdir, graph)], check=True, stdout=subprocess.DEVNULL)
    os.remove(dump)
    return proc, time.time() - t0
