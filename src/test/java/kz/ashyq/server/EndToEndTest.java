package kz.ashyq.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import kz.ashyq.config.BaseIri;
import kz.ashyq.config.ServerConfig;
import kz.ashyq.store.Store;
import org.apache.jena.graph.Graph;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.Triple;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.query.QuerySolution;
import org.apache.jena.riot.Lang;
import org.apache.jena.riot.RDFParser;
import org.apache.jena.sparql.graph.GraphFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Loads every bundled dataset with the real CLI into an on-disk TDB2 store, serves it on a free
 * port under a production base IRI, and checks the platform over HTTP.
 */
class EndToEndTest {

    static final String BASE = BundledStore.BASE;
    static final String SKOS = "http://www.w3.org/2004/02/skos/core#";

    static Store store;
    static AshyqServer server;
    static Http http;
    static String loadOutput;

    @BeforeAll
    static void loadAndServe() {
        BundledStore bundled = BundledStore.get();
        store = bundled.store;
        loadOutput = bundled.loadOutput;
        server = AshyqServer.create(ServerConfig.builder(store.dir()).port(0).build(), store).start();
        http = new Http(server.port());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop();
        }
    }

    static long triplesIn(String dataset) {
        return http.count("SELECT (COUNT(*) AS ?n) { GRAPH <" + BASE + "graph/" + dataset + "> { ?s ?p ?o } }");
    }

    @Test
    void storeRemembersItsBaseAndServerMapsRequestsOntoIt() {
        assertEquals(Optional.of(new BaseIri(BASE)), store.base());
        assertEquals(BASE, server.base().value());
    }

    @Test
    void katoTriplesMatchTheCsv() {
        List<Map<String, String>> rows = BundledData.rows("kato-2025/kato.csv");
        assertEquals(15_594, rows.size());
        long withParent = rows.stream().filter(r -> !r.get("level").equals("oblast")).count();
        // per unit: 2 types, scheme, notation, 2 labels, type code, level; a parent and an oblast
        // unless an oblast; and the scheme's own 5 triples
        assertEquals(5 + rows.size() * 8L + withParent * 2, triplesIn("kato"));
        // the oblast of a unit is the one its code starts with (AA0000000)
        String sample = rows.stream().filter(r -> r.get("level").equals("settlement")).findFirst().orElseThrow().get("kato");
        assertEquals(1, http.count("PREFIX ashyq: <https://w3id.org/ashyq/vocab#> SELECT (COUNT(*) AS ?n) { <" + BASE
                + "id/kato/" + sample + "> ashyq:oblast <" + BASE + "id/kato/" + sample.substring(0, 2) + "0000000> }"));
        assertEquals(rows.size(), http.count("SELECT (COUNT(DISTINCT ?u) AS ?n) { ?u a <" + SKOS + "Concept> ;"
                + " <" + SKOS + "inScheme> <" + BASE + "id/scheme/kato> }"));
    }

    @Test
    void taxRatesLinkDistrictsToLegalActs() {
        List<Map<String, String>> rows = BundledData.rows("kato-2025/rates.csv");
        long acts = rows.stream().map(r -> r.get("source_url")).distinct().count();
        assertEquals(rows.size() * 9L + acts * 4, triplesIn("tax-rates"));
        long linkedToKato = http.count("PREFIX ashyq: <https://w3id.org/ashyq/vocab#> SELECT (COUNT(*) AS ?n) "
                + "{ ?r ashyq:district ?d . ?d a <" + SKOS + "Concept> }");
        assertEquals(rows.size(), linkedToKato, "every rate's district is a KATO unit in the store");
    }

    @Test
    void populationObservationsPointToKatoOblastsAndUnmatchedNamesAreReported() {
        List<Map<String, String>> rows = BundledData.rows("stat-regions/population.csv");
        Map<String, Long> byName = rows.stream().collect(Collectors.groupingBy(r -> r.get("Область"), Collectors.counting()));
        long country = byName.get("Республика Казахстан");
        assertTrue(loadOutput.contains("'Республика Казахстан' (" + country + " rows)"), loadOutput);
        long observations = http.count("PREFIX qb: <http://purl.org/linked-data/cube#> SELECT (COUNT(?o) AS ?n) "
                + "{ ?o a qb:Observation ; <http://purl.org/linked-data/sdmx/2009/dimension#refArea> ?a . "
                + "?a <https://w3id.org/ashyq/vocab#level> <https://w3id.org/ashyq/vocab#level_oblast> }");
        assertEquals(rows.size() - country, observations);
        assertEquals(byName.size() - 1, http.count("SELECT (COUNT(DISTINCT ?a) AS ?n) "
                + "{ ?o <http://purl.org/linked-data/sdmx/2009/dimension#refArea> ?a }"),
                "every other name, 'Туркестанская 1' included, matched one oblast");
    }

    @ParameterizedTest
    @CsvSource({
        "cultural-events, egov/cultural-events.csv, https://schema.org/Event",
        "forensic-centres, egov/forensic-centres.csv, https://schema.org/GovernmentOrganization",
        "polyclinics, egov/polyclinics.csv, https://schema.org/MedicalClinic",
        "postal-services, egov/postal-services.csv, https://schema.org/Service",
        "service-centres, egov/service-centres.csv, https://schema.org/GovernmentOffice",
        "teacher-vacancies, egov/teacher-vacancies.csv, https://schema.org/JobPosting",
    })
    void egovSamplesHaveOneEntityPerRow(String dataset, String csv, String type) {
        assertEquals(BundledData.rows(csv).size(), http.count("SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH <" + BASE
                + "graph/" + dataset + "> { ?s a <" + type + "> } }"));
    }

    @Test
    void kazakhAndRussianColumnPairsBecomeOnePropertyWithTwoLanguages() {
        Map<String, String> row = BundledData.rows("egov/postal-services.csv").get(0);
        List<QuerySolution> names = http.select("SELECT ?name { <" + BASE + "id/postal-service/" + row.get("id")
                + "> <https://schema.org/name> ?name }");
        Map<String, String> byLang = names.stream().collect(Collectors.toMap(s -> s.getLiteral("name").getLanguage(),
                s -> s.getLiteral("name").getString()));
        assertEquals(Map.of("kk", row.get("kolichestvo_pochtovyh_uslugkaz"), "ru", row.get("kolichestvo_pochtovyh_uslugrus")),
                byLang);
    }

    @Test
    void aKatoUnitDereferencesWith303ToItsDocument() {
        HttpResponse<String> r = http.get("/id/kato/113820100", "Accept", "text/turtle");
        assertEquals(303, r.statusCode());
        assertEquals("/doc/kato/113820100", r.headers().firstValue("Location").orElseThrow());
        assertTrue(varies(r).contains("Accept"));
    }

    /** The header names a response varies on. */
    private static java.util.Set<String> varies(HttpResponse<String> r) {
        java.util.Set<String> out = new java.util.HashSet<>();
        r.headers().allValues("Vary").forEach(v -> java.util.Arrays.stream(v.split(",")).map(String::strip).forEach(out::add));
        return out;
    }

    @Test
    void pagesInTheReadersLanguageVaryOnTheLanguageCookie() {
        // ?lang= is in the URL; the lang cookie and Accept-Language are not, so a cache must know
        for (String path : List.of("/", "/doc/kato/113820100", "/catalog", "/vocab", "/search?q=astana", "/sparql")) {
            HttpResponse<String> r = http.get(path, "Accept", "text/html");
            assertEquals(200, r.statusCode(), path);
            assertTrue(varies(r).containsAll(List.of("Accept-Language", "Cookie")), path + ": " + varies(r));
            HttpResponse<String> kk = http.get(path, "Accept", "text/html", "Cookie", "lang=kk");
            HttpResponse<String> en = http.get(path, "Accept", "text/html", "Cookie", "lang=en");
            assertTrue(!kk.body().equals(en.body()), path + ": the cookie changes the page");
        }
        HttpResponse<String> csv = http.get("/api/datasets", "Accept", "text/csv, */*;q=0.1");
        assertEquals(java.util.Set.of("Accept"), varies(csv), "an API's answer does not depend on the language");
        assertTrue(csv.headers().firstValue("Content-Type").orElseThrow().startsWith("text/csv"),
                "the format preferred, not the one a wildcard allows");
        assertTrue(http.get("/search?q=astana", "Accept", "application/json").headers().firstValue("Content-Type")
                .orElseThrow().startsWith("application/json"));
    }

    @Test
    void anOblastsDocumentCarriesTheFirstFiftyLinksPerPredicate() {
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(http.get("/doc/kato/100000000", "Accept", "text/turtle").body(), Lang.TURTLE).parse(g);
        Node oblast = NodeFactory.createURI(BASE + "id/kato/100000000");
        long children = BundledData.rows("kato-2025/kato.csv").stream()
                .filter(x -> x.get("kato").startsWith("10") && !x.get("kato").equals("100000000")).count();
        assertTrue(children > 50, "an oblast with more units than a page: " + children);
        Map<Node, Long> byPredicate = g.find(Node.ANY, Node.ANY, oblast).toList().stream()
                .collect(java.util.stream.Collectors.groupingBy(Triple::getPredicate, java.util.stream.Collectors.counting()));
        // every unit of the oblast names it with ashyq:oblast: the first 50 of them are in the document
        assertEquals(50L, byPredicate.get(NodeFactory.createURI("https://w3id.org/ashyq/vocab#oblast")), byPredicate.toString());
        byPredicate.values().forEach(n -> assertTrue(n <= 50, "at most 50 per predicate: " + byPredicate));
        assertTrue(g.contains(oblast, NodeFactory.createURI(SKOS + "prefLabel"), Node.ANY), "its own triples too");
    }

    @ParameterizedTest
    @CsvSource({
        "text/turtle, TURTLE",
        "application/ld+json, JSONLD",
        "application/rdf+xml, RDFXML",
        "application/n-triples, NTRIPLES",
    })
    void itsDocumentParsesInEachFormatWithLabelsAndParent(String accept, String langName) {
        HttpResponse<String> r = http.get("/doc/kato/113820100", "Accept", accept);
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith(accept));
        assertTrue(varies(r).contains("Accept"));
        Graph g = GraphFactory.createDefaultGraph();
        Lang lang = switch (langName) {
            case "TURTLE" -> Lang.TURTLE;
            case "JSONLD" -> Lang.JSONLD;
            case "RDFXML" -> Lang.RDFXML;
            default -> Lang.NTRIPLES;
        };
        RDFParser.fromString(r.body(), lang).base(BASE).parse(g);
        Map<String, String> row = BundledData.rows("kato-2025/kato.csv").stream()
                .filter(x -> x.get("kato").equals("113820100")).findFirst().orElseThrow();
        Node unit = NodeFactory.createURI(BASE + "id/kato/113820100");
        assertTrue(g.contains(unit, NodeFactory.createURI(SKOS + "prefLabel"), NodeFactory.createLiteralLang(row.get("name_ru"), "ru")));
        assertTrue(g.contains(unit, NodeFactory.createURI(SKOS + "prefLabel"), NodeFactory.createLiteralLang(row.get("name_kk"), "kk")));
        // no sub-district 113820000 exists: the parent is the district
        assertTrue(g.contains(unit, NodeFactory.createURI(SKOS + "broader"), NodeFactory.createURI(BASE + "id/kato/113800000")));
    }

    @Test
    void htmlShowsTheLabelOfTheRequestedLanguage() {
        HttpResponse<String> kk = http.get("/doc/kato/100000000?lang=kk", "Accept", "text/html");
        assertEquals(200, kk.statusCode());
        assertTrue(kk.body().contains("<h1>Абай облысы</h1>"), "kk label in the heading");
        assertTrue(kk.body().contains("<html lang=\"kk\">"));
        HttpResponse<String> ru = http.get("/doc/kato/100000000?lang=ru", "Accept", "text/html");
        assertTrue(ru.body().contains("<h1>область Абай</h1>"), "ru label in the heading");
        HttpResponse<String> byHeader = http.get("/doc/kato/100000000", "Accept", "text/html", "Accept-Language", "ru-RU,ru;q=0.9");
        assertTrue(byHeader.body().contains("<h1>область Абай</h1>"));
        // links to linked entities carry their labels, and local paths
        assertTrue(kk.body().contains("href=\"/id/kato/101000000\""), "a child unit links locally");
    }

    @Test
    void staticFilesAreServedWithTheirTypesValidatorsAndCacheLifetimes() {
        HttpResponse<String> css = http.get("/static/style.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElseThrow().startsWith("text/css"), css.headers().toString());
        assertEquals("public, max-age=3600", css.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("text/css; charset=utf-8", css.headers().firstValue("Content-Type").orElseThrow());
        String etag = css.headers().firstValue("ETag").orElseThrow();
        assertEquals(304, http.get("/static/style.css", "If-None-Match", etag).statusCode());
        HttpResponse<String> leaflet = http.get("/static/vendor/leaflet/leaflet.js");
        assertEquals(200, leaflet.statusCode());
        assertEquals("text/javascript; charset=utf-8", leaflet.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("public, max-age=86400", leaflet.headers().firstValue("Cache-Control").orElseThrow());
        assertTrue(http.get("/static/favicon.svg").headers().firstValue("Content-Type").orElseThrow().startsWith("image/svg+xml"));
        for (String outside : List.of("/static/../templates/home.peb", "/static/%2e%2e/templates/home.peb",
                "/static/nothing.js", "/static/")) {
            HttpResponse<String> r = http.get(outside);
            // Jetty turns an encoded dot segment away as ambiguous (400); the rest are simply not there
            assertTrue(r.statusCode() == 404 || r.statusCode() == 400, outside + ": " + r.statusCode());
            assertFalse(r.body().contains("{%"), outside + " shows no template");
        }
    }

    @Test
    void unknownIrisGive404AndUnofferedFormats406WithTheList() {
        HttpResponse<String> missing = http.get("/id/kato/999999999", "Accept", "text/turtle");
        assertEquals(404, missing.statusCode());
        assertEquals("application/problem+json", missing.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(404, http.get("/doc/kato/999999999", "Accept", "text/html").statusCode());
        HttpResponse<String> png = http.get("/doc/kato/100000000", "Accept", "image/png");
        assertEquals(406, png.statusCode());
        for (String offered : List.of("text/turtle", "text/html", "application/ld+json", "application/rdf+xml",
                "application/n-triples")) {
            assertTrue(png.body().contains(offered), png.body());
        }
        assertEquals(406, http.get("/doc/kato/100000000?format=pdf").statusCode());
    }

    @Test
    void formatParameterOverridesAccept() {
        HttpResponse<String> r = http.get("/doc/kato/100000000?format=jsonld", "Accept", "text/html");
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("application/ld+json"));
    }

    @Test
    void readmeQueriesJoinDatasets() throws Exception {
        List<QuerySolution> rates = http.select(Files.readString(Path.of("queries/examples/rates-vs-population.rq")));
        long oblastsWithRates = BundledData.rows("kato-2025/rates.csv").stream().map(r -> r.get("kato").substring(0, 2))
                .distinct().count();
        assertEquals(oblastsWithRates, rates.size());
        QuerySolution turkestan = rates.stream().filter(s -> s.getLiteral("oblast").getString().startsWith("Туркестанская"))
                .findFirst().orElseThrow();
        String csvValue = BundledData.rows("stat-regions/population.csv").stream()
                .filter(r -> r.get("Область").startsWith("Туркестанская") && r.get("Год").equals("2026"))
                .findFirst().orElseThrow().get("Население");
        assertEquals(Math.round(Double.parseDouble(csvValue)), turkestan.getLiteral("population").getLong());

        List<QuerySolution> centres = http.select(Files.readString(Path.of("queries/examples/service-centres-by-oblast.rq")));
        assertEquals(BundledData.rows("egov/service-centres.csv").size(), centres.size());

        List<QuerySolution> vacancies = http.select(Files.readString(Path.of("queries/examples/vacancies-and-tax-rates.rq")));
        long total = vacancies.stream().mapToLong(s -> s.getLiteral("vacancies").getLong()).sum();
        long csvTotal = BundledData.rows("egov/teacher-vacancies.csv").stream().mapToLong(r -> Long.parseLong(r.get("vsego"))).sum();
        assertEquals(csvTotal, total);
        assertTrue(vacancies.stream().allMatch(s -> s.getLiteral("kato").getString().startsWith("59")),
                "every district is in North Kazakhstan, where the schools are");
    }

    @Test
    void theCatalogueDescribesEveryDatasetWithItsCounts() {
        HttpResponse<String> r = http.get("/catalog", "Accept", "text/turtle");
        assertEquals(200, r.statusCode());
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(r.body(), Lang.TURTLE).parse(g);
        for (String id : List.of("kato", "tax-rates", "population", "polyclinics")) {
            Node ds = NodeFactory.createURI(BASE + "id/dataset/" + id);
            Node triples = g.find(ds, NodeFactory.createURI("http://rdfs.org/ns/void#triples"), Node.ANY).next().getObject();
            assertEquals(triplesIn(id), Long.parseLong(triples.getLiteralLexicalForm()), id);
            assertTrue(g.contains(NodeFactory.createURI(BASE + "catalog"), NodeFactory.createURI("http://www.w3.org/ns/dcat#dataset"), ds));
        }
        HttpResponse<String> home = http.get("/", "Accept", "text/html", "Accept-Language", "en");
        assertTrue(home.body().contains("KATO 2025"), "the home page lists datasets by title");
        String units = String.format(java.util.Locale.ENGLISH, "%,d", BundledData.rows("kato-2025/kato.csv").size() + 1);
        assertTrue(home.body().contains(units), "with their entity counts (the units and the scheme)");
    }

    @Test
    void theHomePageIsBrowsedByAgencyAndByTheme() {
        String home = http.get("/", "Accept", "text/html", "Accept-Language", "en").body();
        java.util.regex.Matcher facet = java.util.regex.Pattern.compile(
                "<a href=\"/\\?(agency|theme)=([^\"]+)\">([^<]+)</a>&nbsp;\\((\\d+)\\)").matcher(home);
        int facets = 0;
        long byAgency = 0;
        while (facet.find()) {
            facets++;
            String narrowed = http.get("/?" + facet.group(1) + "=" + facet.group(2), "Accept", "text/html",
                    "Accept-Language", "en").body();
            long rows = narrowed.split("<tbody>")[1].split("<tr>").length - 1;
            assertEquals(Long.parseLong(facet.group(4)), rows, facet.group(0));
            assertTrue(narrowed.contains("aria-current=\"true\">" + facet.group(3)), "the chosen one is marked");
            byAgency += facet.group(1).equals("agency") ? rows : 0;
        }
        assertTrue(facets >= 10, "agencies and themes: " + facets);
        long all = home.split("<tbody>")[1].split("<tr>").length - 1;
        assertEquals(all, byAgency, "every dataset under its one agency");
    }

    @Test
    void anAgencysPageListsItsDatasetsAndWhatTheyLinkTo() throws Exception {
        String page = http.get("/doc/agency/bureau-of-national-statistics-of-the-republic-of-kazakhstan", "Accept",
                "text/html", "Accept-Language", "en").body();
        String published = page.split("<ul class=\"published\">")[1].split("</ul>")[0];
        long byBureau;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("mappings"))) {
            byBureau = files.filter(f -> f.toString().endsWith(".yml")).filter(f -> {
                try {
                    return java.nio.file.Files.readString(f).contains("en: Bureau of National Statistics");
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count();
        }
        assertEquals(byBureau, published.split("<li>").length - 1, published);
        String population = java.util.Arrays.stream(published.split("<li>"))
                .filter(l -> l.contains("href=\"/id/dataset/population\"")).findFirst().orElseThrow();
        assertTrue(population.contains("→ ") && population.contains("href=\"/id/dataset/kato\""),
                "population links to KATO: " + population);
    }

    @Test
    void dumpsAreServed() {
        HttpResponse<String> nt = http.get("/dump/forensic-centres.nt");
        assertEquals(200, nt.statusCode());
        assertEquals(triplesIn("forensic-centres"), nt.body().lines().filter(l -> !l.isBlank()).count());
        assertEquals(404, http.get("/dump/nothing.nt").statusCode());
    }

    @Test
    void theSparqlEndpointIsReadOnly() {
        HttpResponse<String> r = http.get("/sparql?query=" + java.net.URLEncoder.encode(
                "ASK { ?s ?p ?o }", StandardCharsets.UTF_8), "Accept", "application/sparql-results+json");
        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("true"));
        try {
            java.net.http.HttpResponse<String> update = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(http.root() + "/sparql"))
                            .header("Content-Type", "application/sparql-update")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString("CLEAR ALL")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertTrue(update.statusCode() >= 400, "update refused: " + update.statusCode());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertFalse(http.select("SELECT ?s { ?s ?p ?o } LIMIT 1").isEmpty(), "nothing was cleared");
    }

    @Test
    void documentsAreCacheableAndAnswer304ToAClientWithTheCurrentCopy() {
        HttpResponse<String> first = http.get("/doc/kato/100000000", "Accept", "text/turtle");
        String etag = first.headers().firstValue("ETag").orElseThrow();
        String lastModified = first.headers().firstValue("Last-Modified").orElseThrow();
        assertTrue(first.headers().firstValue("Cache-Control").orElseThrow().startsWith("public"));
        assertEquals(304, http.get("/doc/kato/100000000", "Accept", "text/turtle", "If-None-Match", etag).statusCode());
        assertEquals(304, http.get("/doc/kato/100000000", "Accept", "text/turtle", "If-Modified-Since", lastModified)
                .statusCode());
        assertEquals(200, http.get("/doc/kato/100000000", "Accept", "text/turtle", "If-None-Match", "\"stale\"")
                .statusCode());
        String htmlTag = http.get("/doc/kato/100000000?lang=kk", "Accept", "text/html").headers().firstValue("ETag").orElseThrow();
        assertFalse(htmlTag.equals(etag), "each representation has its own ETag");
        assertEquals(200, http.get("/doc/kato/100000000", "Accept", "application/ld+json", "If-None-Match", etag).statusCode());
    }

    @Test
    void linkHeadersNameTheOtherFormatsAndTheDescribingDatasets() {
        String link = http.get("/doc/kato/710000000", "Accept", "text/turtle").headers().firstValue("Link").orElseThrow();
        assertTrue(link.contains("</doc/kato/710000000?format=jsonld>; rel=\"alternate\"; type=\"application/ld+json\""), link);
        assertTrue(link.contains("</doc/dataset/kato>; rel=\"describedby\""), link);
    }

    @Test
    void pagesEmbedSchemaOrgJsonLd() {
        String page = http.get("/doc/forensic-centre/1?lang=ru", "Accept", "text/html").body();
        int start = page.indexOf("<script type=\"application/ld+json\">");
        assertTrue(start > 0, "a JSON-LD block in the head");
        String json = page.substring(start + 35, page.indexOf("</script>", start));
        org.apache.jena.graph.Graph g = GraphFactory.createDefaultGraph();
        // the schema.org context is remote: read the block with the same vocabulary inline
        RDFParser.fromString(json.replace("\"@context\":\"https://schema.org\"",
                "\"@context\":{\"@vocab\":\"https://schema.org/\"}"), Lang.JSONLD).parse(g);
        assertTrue(g.contains(NodeFactory.createURI(BASE + "id/forensic-centre/1"), NodeFactory.createURI(
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), NodeFactory.createURI("https://schema.org/GovernmentOrganization")), json);
    }

    @Test
    void robotsSitemapAndWellKnownVoid() {
        HttpResponse<String> robots = http.get("/robots.txt");
        assertTrue(robots.body().contains("Sitemap: " + BASE + "sitemap.xml"), robots.body());
        HttpResponse<String> sitemap = http.get("/sitemap.xml");
        assertEquals(200, sitemap.statusCode());
        long urls = sitemap.body().lines().filter(l -> l.contains("<loc>")).count();
        long entities = http.count("SELECT (COUNT(DISTINCT ?s) AS ?n) { GRAPH ?g { ?s ?p ?o } FILTER STRSTARTS(STR(?s), \""
                + BASE + "id/\") }");
        assertEquals(entities, urls, "one URL per entity");
        assertTrue(sitemap.body().contains("<loc>" + BASE + "doc/kato/710000000</loc>"));
        HttpResponse<String> v = http.get("/.well-known/void", "Accept", "text/turtle");
        assertEquals(303, v.statusCode());
        assertEquals("/catalog", v.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void theVocabularyHasAPageWithUsageCountsAndRdf() {
        HttpResponse<String> page = http.get("/vocab?lang=en", "Accept", "text/html");
        assertEquals(200, page.statusCode());
        long rates = http.count("SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s <https://w3id.org/ashyq/vocab#rate> ?o } }");
        String row = page.body().substring(page.body().indexOf("<tr id=\"rate\">"));
        row = row.substring(0, row.indexOf("</tr>"));
        assertTrue(row.contains(String.format(java.util.Locale.ENGLISH, "%,d", rates)), row);
        Graph g = GraphFactory.createDefaultGraph();
        RDFParser.fromString(http.get("/vocab", "Accept", "text/turtle").body(), Lang.TURTLE).parse(g);
        assertTrue(g.contains(NodeFactory.createURI("https://w3id.org/ashyq/vocab#TaxRate"), Node.ANY, Node.ANY));
        String unit = http.get("/doc/kato/100000000?lang=en", "Accept", "text/html").body();
        assertTrue(unit.contains("href=\"/vocab#level\""), "our terms link to their page");
    }
}
