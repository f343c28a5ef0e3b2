import org.apache.jena.fuseki.main.FusekiServer;

/**
 * Jena's GeoSPARQL Fuseki for bench/geosparql/run.py: Fuseki 5.6.0 started from a configuration
 * file that uses Jena's GeoSPARQL assembler, on Ashyq's jar (which carries Fuseki and
 * jena-geosparql). Fuseki's own command line wants Log4j, which the jar does not carry.
 * Arguments: PORT CONFIG.
 */
public class GeoFuseki {
    public static void main(String[] args) {
        FusekiServer.create().port(Integer.parseInt(args[0])).parseConfigFile(args[1]).build().start().join();
    }
}
