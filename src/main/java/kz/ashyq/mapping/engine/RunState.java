package kz.ashyq.mapping.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import kz.ashyq.mapping.CellProblem;
import kz.ashyq.mapping.DataException;
import kz.ashyq.mapping.Location;
import kz.ashyq.mapping.LogicalSource;
import kz.ashyq.mapping.Mapping;
import kz.ashyq.mapping.RowSource;
import kz.ashyq.mapping.functions.FunctionContext;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.riot.system.StreamRDF;
import org.apache.jena.sparql.core.Quad;

/** What the compiled maps of one run share: where triples go, the report, join indexes. */
final class RunState {

    final Mapping mapping;
    final String base;
    final FunctionContext functions;
    /** Where problems go: swapped per batch when rows are mapped in parallel ({@link ParallelRun}). */
    MappingReport report;
    /** Where triples go: swapped per batch when rows are mapped in parallel. */
    StreamRDF out;
    final Provenance provenance;
    final Map<String, JoinIndex> joins = new HashMap<>();
    /** Joins whose child side waits for its parent's file to stream past. */
    final List<ObjectRef.Waiting> waiting = new ArrayList<>();
    long triples;

    RunState(Mapping mapping, String base, FunctionContext functions, MappingReport report, StreamRDF out,
            Provenance provenance) {
        this.mapping = mapping;
        this.base = base;
        this.functions = functions;
        this.report = report;
        this.out = out;
        this.provenance = provenance;
    }

    void emit(Node g, Node s, Node p, Node o) {
        if (g == null || Quad.isDefaultGraph(g)) {
            out.triple(Triple.create(s, p, o));
        } else {
            out.quad(Quad.create(g, s, p, o));
        }
        triples++;
    }

    /** Reports a cell: an error (fails a strict run) or a data error (the term is skipped). */
    void problem(LogicalSource source, RowSource.Row row, CellProblem p, Location where) {
        String message = DataException.describe(source.file(), row.number(), p.column)
                + (row.line() > 0 ? " (line " + row.line() + ")" : "") + ": " + p.getMessage()
                + " [mapping " + where + "]";
        if (p.fatal) {
            report.problem(message);
        } else {
            report.warning(message);
        }
    }
}
