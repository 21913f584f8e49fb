package io.recgate.indexbuilder;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The index builder is offline: it never serves HTTP and never reaches into the gateway. */
class ModuleDependenciesTest {

    private final JavaClasses builder = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.recgate.indexbuilder");

    @Test
    void doesNotDependOnTheGatewayOrServers() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.recgate.gateway..", "io.vertx..", "io.netty..")
                .check(builder);
    }

    @Test
    void onlyTheCliPackageUsesPicocli() {
        noClasses().that().resideOutsideOfPackage("io.recgate.indexbuilder.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..")
                .check(builder);
    }
}
