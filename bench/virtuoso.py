"""The virtuoso.ini that the benchmarks start Virtuoso 7.2 (Debian's virtuoso-opensource) with:
a database in one directory, which is also the one directory it may bulk-load from, and its
ports on 127.0.0.1 only. Each benchmark takes ports of its own, so that two can run at once."""


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
