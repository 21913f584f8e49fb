package io.recgate.indexbuilder.als;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The trainers stay off the incubator module except for the one SIMD class, as in vector-kernels. */
class AlsDependenciesTest {

    private final JavaClasses production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.recgate.indexbuilder.als");

    @Test
    void onlyLaneKernelsSimdImportsTheIncubatorModule() {
        classes().that().doNotHaveSimpleName("LaneKernelsSimd")
                .should().onlyDependOnClassesThat().resideOutsideOfPackage("jdk.incubator.vector..")
                .check(production);
    }

    @Test
    void dependsOnlyOnTheJdkCoreKernelsAndTheInputTypes() {
        classes().should().onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "jdk.incubator.vector..", "io.recgate.kernels..", "io.recgate.core..",
                        "io.recgate.indexbuilder.io..", "io.recgate.indexbuilder.als..")
                .check(production);
    }
}
