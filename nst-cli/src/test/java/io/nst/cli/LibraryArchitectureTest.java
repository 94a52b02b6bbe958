package io.nst.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.GeneralCodingRules.ACCESS_STANDARD_STREAMS;

import io.nst.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/**
 * Across every published module (all are on this module's class path): no cycle among the io.nst
 * packages, and only the command line writes to the terminal.
 */
class LibraryArchitectureTest {

    @Test
    void theLibraryHasNoPackageCycle() {
        PackageCycles.assertNone(PackageCycles.libraryClasses());
    }

    /** Quiet by default: a library inside a server or a cluster job speaks through SLF4J, never on its own. */
    @Test
    void onlyTheCommandLineWritesToTheTerminal() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.nst.cli..")
                .should(ACCESS_STANDARD_STREAMS)
                .because("the SDK logs through SLF4J; System.out, System.err and printStackTrace are the CLI's")
                .check(PackageCycles.libraryClasses());
    }
}
