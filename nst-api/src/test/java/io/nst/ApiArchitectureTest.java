package io.nst;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.nst.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** nst-api is the vocabulary and the contracts: no package cycles, no engine, no weight format. */
class ApiArchitectureTest {

    /** On this module's test class path the library is nst-api alone. */
    private static final JavaClasses API = PackageCycles.libraryClasses();

    @Test
    void itsPackagesHaveNoCycle() {
        PackageCycles.assertNone(API);
    }

    @Test
    void itKnowsNoEngineAndReadsNoWeightFormat() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "ai.djl..", "io.jhdf..", "com.google.gson..", "org.tensorflow..", "ai.onnxruntime..")
                .because("engines are backend modules and weight formats belong to nst-models")
                .check(API);
    }
}
