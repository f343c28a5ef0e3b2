import org.apache.jena.graph.NodeFactory;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;
import org.apache.jena.system.progress.MonitorOutput;

/**
 * What tdb2.tdbloader does, with the loaders of Jena's own TDB2 on Ashyq's classpath (jena-cmds
 * is not among its jars): LOADER STORE GRAPH FILE, where LOADER is parallel, phased or basic.
 */
public class TdbLoad {
    public static void main(String[] args) {
        DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(args[1]);
        MonitorOutput quiet = (fmt, args2) -> { };
        var graph = NodeFactory.createURI(args[2]);
        DataLoader loader = switch (args[0]) {
            case "parallel" -> LoaderFactory.parallelLoader(dsg, graph, quiet);
            case "phased" -> LoaderFactory.phasedLoader(dsg, graph, quiet);
            case "basic" -> LoaderFactory.basicLoader(dsg, graph, quiet);
            default -> throw new IllegalArgumentException("parallel, phased or basic, not " + args[0]);
        };
        loader.startBulk();
        loader.load(args[3]);
        loader.finishBulk();
        System.out.println(loader.countTriples() + loader.countQuads());
    }
}
