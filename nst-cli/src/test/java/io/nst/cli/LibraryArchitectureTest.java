package io.nst.cli;

import io.nst.testing.PackageCycles;
import org.junit.jupiter.api.Test;

/** Across every published module (all are on this module's class path): no cycle among the io.nst packages. */
class LibraryArchitectureTest {

    @Test
    void theLibraryHasNoPackageCycle() {
        PackageCycles.assertNone(PackageCycles.libraryClasses());
    }
}
