package kz.ashyq;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules that each {@code package-info.java} writes down, checked on the compiled classes:
 * which of Ashyq's packages each may use, that nothing uses {@code cli}, that {@code config} and
 * {@code web.conneg} use the JDK only, and that only {@code store} opens transactions.
 */
class ArchitectureTest {

    /** For each package, the other packages of Ashyq it may use, as its package-info says. */
    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("config", Set.of()),
            Map.entry("mapping", Set.of("config")),
            Map.entry("store", Set.of("config")),
            Map.entry("catalog", Set.of("config", "mapping", "store")),
            Map.entry("publish", Set.of("config", "mapping", "store", "catalog", "quality")),
            Map.entry("search", Set.of("config", "mapping", "store")),
            Map.entry("sparql", Set.of("store")),
            Map.entry("replication", Set.of("config", "store")),
            Map.entry("harvest", Set.of("config", "mapping")),
            Map.entry("quality", Set.of("config", "mapping", "catalog")),
            Map.entry("web.conneg", Set.of()),
            Map.entry("web", Set.of("config", "store", "catalog", "search", "web.conneg", "quality")),
            Map.entry("server", Set.of("config", "store", "sparql", "search", "web", "web.conneg", "publish",
                    "mapping", "catalog", "replication", "harvest")),
            Map.entry("cli", Set.of("config", "mapping", "store", "catalog", "publish", "search", "sparql", "web",
                    "web.conneg", "server", "replication", "harvest", "quality")));

    /** For each part of {@code mapping}, the other parts it may use, as the package-info of {@code mapping} says. */
    private static final Map<String, Set<String>> MAPPING_PARTS = Map.ofEntries(
            Map.entry("", Set.of()),
            Map.entry("source", Set.of("")),
            Map.entry("functions", Set.of("", "source")),
            Map.entry("ntriples", Set.of()),
            Map.entry("engine", Set.of("", "source", "functions", "ntriples")),
            Map.entry("yarrrml", Set.of("", "source", "functions")),
            Map.entry("rml", Set.of("", "functions")),
            Map.entry("read", Set.of("", "yarrrml", "rml", "engine")),
            Map.entry("draft", Set.of("", "source", "functions")));

    private static final String[] TRANSACTION_METHODS = {"begin", "commit", "abort", "end", "promote",
        "executeRead", "executeWrite", "calculateRead", "calculateWrite", "exec", "calc"};

    private static JavaClasses classes;

    @BeforeAll
    static void read() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("kz.ashyq");
    }

    @Test
    void eachPackageUsesOnlyThePackagesItsPackageInfoNames() {
        for (Map.Entry<String, Set<String>> e : MAY_USE.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            for (String other : MAY_USE.keySet()) {
                if (!other.equals(e.getKey()) && !e.getValue().contains(other)) {
                    forbidden.add(other.equals("web") ? "kz.ashyq.web" : "kz.ashyq." + other + "..");
                }
            }
            noClasses().that().resideInAPackage(own(e.getKey()))
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because("package-info.java of kz.ashyq." + e.getKey() + " names what it may use")
                    .check(classes);
        }
    }

    @Test
    void thePartsOfTheMappingEngineDependOneWay() {
        for (Map.Entry<String, Set<String>> e : MAPPING_PARTS.entrySet()) {
            List<String> forbidden = new ArrayList<>();
            for (String other : MAPPING_PARTS.keySet()) {
                if (!other.equals(e.getKey()) && !e.getValue().contains(other)) {
                    forbidden.add(mappingPart(other));
                }
            }
            noClasses().that().resideInAPackage(mappingPart(e.getKey()))
                    .should().dependOnClassesThat().resideInAnyPackage(forbidden.toArray(String[]::new))
                    .because("package-info.java of kz.ashyq.mapping names what each part may use")
                    .check(classes);
        }
        assertEquals(MAPPING_PARTS.keySet().stream().map(ArchitectureTest::mappingPart).collect(Collectors.toSet()),
                classes.stream().map(c -> c.getPackageName()).filter(n -> n.startsWith("kz.ashyq.mapping"))
                        .collect(Collectors.toSet()), "every part of mapping has its rule");
    }

    private static String mappingPart(String part) {
        return part.isEmpty() ? "kz.ashyq.mapping" : "kz.ashyq.mapping." + part;
    }

    @Test
    void nothingUsesTheCommandLine() {
        noClasses().that().resideOutsideOfPackage("kz.ashyq.cli..")
                .should().dependOnClassesThat().resideInAPackage("kz.ashyq.cli..").check(classes);
    }

    @Test
    void configurationAndContentNegotiationUseTheJdkOnly() {
        classes().that().resideInAPackage("kz.ashyq.config..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "kz.ashyq.config..").check(classes);
        classes().that().resideInAPackage("kz.ashyq.web.conneg..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "kz.ashyq.web.conneg..").check(classes);
    }

    @Test
    void onlyTheStoreOpensTransactions() {
        noClasses().that().resideOutsideOfPackage("kz.ashyq.store..")
                .should().dependOnClassesThat().haveFullyQualifiedName("org.apache.jena.system.Txn")
                .because("the store is the only place that opens transactions").check(classes);
        noClasses().that().resideOutsideOfPackage("kz.ashyq.store..")
                .should().callMethodWhere(new DescribedPredicate<JavaAccess<?>>("a transaction method of Jena") {
                    @Override
                    public boolean test(JavaAccess<?> call) {
                        return call.getTargetOwner().isAssignableTo(org.apache.jena.sparql.core.Transactional.class)
                                && List.of(TRANSACTION_METHODS).contains(call.getName());
                    }
                }).because("the store is the only place that opens transactions").check(classes);
    }

    /** The package itself: {@code web} without {@code web.conneg}, which has rules of its own. */
    private static String own(String pkg) {
        return pkg.equals("web") ? "kz.ashyq.web" : "kz.ashyq." + pkg + "..";
    }
}
