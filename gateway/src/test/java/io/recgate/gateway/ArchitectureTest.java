package io.recgate.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Rules of the gateway's code that review alone would let slip. */
class ArchitectureTest {

    private static JavaClasses gateway;

    @BeforeAll
    static void importClasses() {
        gateway = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.recgate.gateway");
    }

    @Test
    void onlyTheConfigPackageReadsTheEnvironment() {
        noClasses().that().resideOutsideOfPackage("io.recgate.gateway.config..")
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .check(gateway);
    }

    @Test
    void nothingSleepsOrUsesJdbc() {
        noClasses().should().callMethod(Thread.class, "sleep", long.class)
                .orShould().dependOnClassesThat().resideInAPackage("java.sql..")
                .check(gateway);
    }

    @Test
    void packagesAreByFeatureNotByLayer() {
        noClasses().should().resideInAnyPackage("..controller..", "..service..", "..repository..")
                .check(gateway);
    }

    @Test
    void storesDoNotDependOnHttp() {
        noClasses().that().resideInAnyPackage("io.recgate.gateway.store..", "io.recgate.gateway.cache..")
                .should().dependOnClassesThat().resideInAPackage("io.recgate.gateway.http..")
                .check(gateway);
    }
}
