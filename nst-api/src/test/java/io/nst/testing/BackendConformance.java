package io.nst.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.net.ReferenceNetwork;
import io.nst.spi.Backend;
import io.nst.spi.CompiledNetwork;
import java.io.IOException;
import java.util.List;

/** Checks every backend's compiler must pass, against the golden data and the reference forward pass. */
public final class BackendConformance {

    private BackendConformance() {}

    /** The compiled transfer network of {@code style} reproduces its golden output within 0.01 grey levels. */
    public static void assertReproducesGolden(Backend backend, NetworkSpec transferNetwork, String style)
            throws IOException {
        try (CompiledNetwork net = backend.compile(transferNetwork, false)) {
            double max = GoldenFast.maxDifference(GoldenFast.output(style), net.apply(GoldenFast.input()));
            assertTrue(max <= 0.01, backend.name() + ": max abs difference " + max + " grey levels");
        }
    }

    /** The compiled network's output equals the reference forward pass's {@code layer} on random input. */
    public static void assertMatchesReference(Backend backend, NetworkSpec network, String layer) {
        FloatTensor input = new FloatTensor(3, 23, 30, RandomTensors.gaussian(3 * 23 * 30, 3));
        FloatTensor expected =
                ReferenceNetwork.features(network, input, List.of(layer)).get(layer);
        try (CompiledNetwork net = backend.compile(network, false)) {
            FloatTensor out = net.apply(input);
            assertEquals(expected.height(), out.height());
            assertEquals(expected.width(), out.width());
            for (int i = 0; i < out.data().length; i++) {
                assertEquals(expected.data()[i], out.data()[i], 1e-3 * (1 + Math.abs(expected.data()[i])));
            }
        }
    }
}
