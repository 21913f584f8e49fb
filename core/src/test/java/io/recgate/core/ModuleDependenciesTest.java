package io.recgate.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** core sits between the kernels and the two applications: it must know nothing of either application or of servers. */
class ModuleDependenciesTest {

    private final JavaClasses core = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.recgate.core");

    @Test
    void doesNotDependOnTheApplications() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.recgate.indexbuilder..", "io.recgate.gateway..")
                .check(core);
    }

    @Test
    void doesNotDependOnServersOrTheirClients() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("io.vertx..", "io.netty..", "org.postgresql..", "redis..", "io.lettuce..")
                .check(core);
    }

    @Test
    void doesNotImportTheIncubatorModuleDirectly() {
        // SIMD lives behind the kernels facade; core code must run when the module is absent.
        noClasses().should().dependOnClassesThat().resideInAnyPackage("jdk.incubator.vector..").check(core);
    }
}
