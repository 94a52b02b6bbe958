package io.nst.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/** The architecture rule every module's build checks: no cycle among the {@code io.nst} packages. */
public final class PackageCycles {

    private PackageCycles() {}

    /** One slice per package, the top-level {@code io.nst} included (a pattern like {@code io.nst.(*)..} leaves it out). */
    private static final SliceAssignment BY_PACKAGE = new SliceAssignment() {
        @Override
        public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
            String name = javaClass.getPackageName();
            return name.equals("io.nst") || name.startsWith("io.nst.")
                    ? SliceIdentifier.of(name)
                    : SliceIdentifier.ignore();
        }

        @Override
        public String getDescription() {
            return "io.nst packages";
        }
    };

    /** The published classes of the {@code io.nst} packages on the class path: no tests, no test jars. */
    public static JavaClasses libraryClasses() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages("io.nst");
    }

    /** Fails naming the cycle if the packages of {@code classes} depend on each other in a circle. */
    public static void assertNone(JavaClasses classes) {
        slices().assignedFrom(BY_PACKAGE).should().beFreeOfCycles().check(classes);
    }
}
