package io.recgate.kernels;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** vector-kernels is the bottom of the module graph: the JDK only, and only SimdKernels may touch the incubator. */
class ModuleDependenciesTest {

    private final com.tngtech.archunit.core.domain.JavaClasses production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.recgate.kernels");

    @Test
    void dependsOnTheJdkOnly() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "jdk.incubator.vector..", "com.sun.management..", "io.recgate.kernels..")
                .check(production);
    }

    @Test
    void onlySimdKernelsImportsTheIncubatorModule() {
        classes().that().doNotHaveSimpleName("SimdKernels")
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("jdk.incubator.vector..")
                .check(production);
    }
}
