package io.nst.fast;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.backend.pytorch.PyTorchBackend;
import io.nst.fast.internal.TransferModels;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.net.ReferenceNetwork;
import io.nst.testing.BackendConformance;
import io.nst.testing.GoldenFast;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transfer network reproduces the golden outputs (TensorFlow semantics) within 0.01 grey levels. */
class GoldenOutputTest {

    @ParameterizedTest
    @ValueSource(strings = {"wave", "udnie"})
    void pyTorchReproducesTheGoldenOutput(String style) throws IOException {
        BackendConformance.assertReproducesGolden(
                new PyTorchBackend(), TransferModels.load(style, TestMirror.repository()), style);
    }

    @ParameterizedTest
    @ValueSource(strings = {"wave"})
    void theReferenceForwardPassReproducesTheGoldenOutput(String style) throws IOException {
        NetworkSpec network = TransferModels.load(style, TestMirror.repository());
        FloatTensor out = ReferenceNetwork.features(network, GoldenFast.input(), List.of("output"))
                .get("output");
        double max = GoldenFast.maxDifference(GoldenFast.output(style), out);
        assertTrue(max <= 0.01, "max abs difference " + max + " grey levels");
    }
}
