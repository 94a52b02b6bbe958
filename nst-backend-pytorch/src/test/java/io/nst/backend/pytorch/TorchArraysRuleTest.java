package io.nst.backend.pytorch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The backend's memory rule, checked on its bytecode: only {@link TorchArrays} turns Java values
 * into PyTorch arrays, and only {@link TorchAutograd} touches grad mode and gradients.
 */
class TorchArraysRuleTest {

    private static final JavaClasses BACKEND = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.nst.backend.pytorch");

    /** {@code NDManager.create(..)}, {@code NDArray.set(Buffer)} and every NDArray method taking a {@code Number}. */
    private static final DescribedPredicate<JavaMethodCall> WRAPS_JAVA_MEMORY =
            DescribedPredicate.describe("wrap Java memory in a PyTorch array", call -> {
                JavaClass owner = call.getTarget().getOwner();
                String name = call.getTarget().getName();
                boolean takesNumberOrBuffer = call.getTarget().getRawParameterTypes().stream()
                        .anyMatch(t -> t.isAssignableTo(Number.class) || t.isAssignableTo(java.nio.Buffer.class));
                return owner.isAssignableTo(NDManager.class) && name.equals("create")
                        || owner.isAssignableTo(NDArray.class) && takesNumberOrBuffer;
            });

    @Test
    void onlyTorchArraysMakesArraysFromJavaValues() {
        noClasses()
                .that(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(TorchArrays.class)))
                .should()
                .callMethodWhere(WRAPS_JAVA_MEMORY)
                .because("PyTorch keeps such arrays beyond the call while Java may free their memory; see TorchArrays")
                .check(BACKEND);
    }

    /** PyTorch's JNI calls, apart from the process-wide thread count the backend sets at start-up. */
    private static final DescribedPredicate<JavaMethodCall> CALLS_TORCH_JNI = DescribedPredicate.describe(
            "call PyTorch's JNI (other than setNumThreads)",
            call -> call.getTarget().getOwner().getPackageName().startsWith("ai.djl.pytorch.jni")
                    && !call.getTarget().getName().equals("setNumThreads"));

    @Test
    void onlyTorchAutogradSetsGradModeOrCollectsGradients() {
        noClasses()
                .that(DescribedPredicate.not(JavaClass.Predicates.belongToAnyOf(TorchAutograd.class)))
                .should()
                .callMethodWhere(CALLS_TORCH_JNI)
                .orShould()
                .dependOnClassesThat()
                .resideInAnyPackage("ai.djl.training..")
                .because("grad mode belongs to a thread and DJL's collector assumes one; see TorchAutograd")
                .check(BACKEND);
    }
}
