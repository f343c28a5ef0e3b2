import org.apache.jena.fuseki.main.FusekiServer;
import org.apache.jena.sparql.core.DatasetGraph;
import org.apache.jena.tdb2.DatabaseMgr;
import org.apache.jena.tdb2.loader.DataLoader;
import org.apache.jena.tdb2.loader.LoaderFactory;

/**
 * Jena's GeoSPARQL Fuseki for the benchmarks under bench/geosparql: Fuseki 5.6.0 started from a
 * configuration file that uses Jena's GeoSPARQL assembler, on Ashyq's jar (which carries Fuseki,
 * jena-geosparql and jena-text). Fuseki's own command line wants Log4j, which the jar does not
 * carry. Arguments: PORT CONFIG; or {@code load DIR FILE}, which loads FILE into a TDB2 database
 * at DIR with Jena's parallel loader (what tdb2.tdbloader --loader=parallel runs).
 */
public class GeoFuseki {
    public static void main(String[] args) {
        if (args[0].equals("load")) {
            DatasetGraph dsg = DatabaseMgr.connectDatasetGraph(args[1]);
            DataLoader loader = LoaderFactory.parallelLoader(dsg,
                    org.apache.jena.system.progress.MonitorOutputs.outputTo(System.err));
            loader.startBulk();
            loader.load(args[2]);
            loader.finishBulk();
            // the loader's threads would keep the JVM alive
            System.exit(0);
        }
        FusekiServer.create().port(Integer.parseInt(args[0])).parseConfigFile(args[1]).build().start().join();
    }
}
