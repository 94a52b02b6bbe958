package io.nst.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.nst.net.FloatTensor;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.net.Padding;
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

    /**
     * The compiled arbitrary-style predictor gives the golden style vector, and the transformer
     * given that vector the golden stylization, within {@code golden.json}'s tolerances.
     */
    public static void assertReproducesArbitraryGolden(Backend backend, NetworkSpec predictor, NetworkSpec transformer)
            throws IOException {
        try (CompiledNetwork net = backend.compile(predictor, false)) {
            double max = GoldenArbitrary.maxDifference(
                    GoldenArbitrary.styleVector(),
                    net.apply(GoldenArbitrary.styleInput()).data());
            assertTrue(max <= GoldenArbitrary.PREDICTOR_TOLERANCE, backend.name() + ": style vector off by " + max);
        }
        try (CompiledNetwork net = backend.compile(transformer, false)) {
            double max = GoldenArbitrary.maxDifference(
                    GoldenArbitrary.output().data(),
                    net.apply(GoldenArbitrary.contentInput(), GoldenArbitrary.styleVector())
                            .data());
            assertTrue(max <= GoldenArbitrary.TRANSFORMER_TOLERANCE, backend.name() + ": output off by " + max);
        }
    }

    /**
     * After a first run of a size, the compiled {@code network} writes a result into the caller's
     * array when it is the result's size, with the values of a fresh one, and leaves an array of
     * another size alone.
     */
    public static void assertWritesIntoTheCallersArray(Backend backend, NetworkSpec network) {
        FloatTensor input = new FloatTensor(3, 20, 28, RandomTensors.gaussian(3 * 20 * 28, 8));
        float[] condition = RandomTensors.gaussian(network.conditionSize(), 9);
        try (CompiledNetwork net = backend.compile(network, false)) {
            FloatTensor expected = net.apply(input, condition);
            float[] reuse = new float[expected.data().length];
            FloatTensor into = net.apply(input, condition, reuse);
            assertSame(reuse, into.data(), backend.name() + " wrote the result into an array of its own");
            assertEquals(expected, into, backend.name() + ": the result in the caller's array");
            float[] small = new float[1];
            FloatTensor fresh = net.apply(input, condition, small);
            assertNotSame(small, fresh.data());
            assertEquals(expected, fresh, backend.name() + ": the result beside an array of another size");
        }
    }

    /**
     * A small network with every layer kind of MobileNetV2 (the arbitrary-style predictor):
     * depthwise convolutions at strides 1 and 2 with both padding rules, RELU6, a residual block,
     * the spatial mean and a 1x1 convolution after it. Its output layer is {@code out}.
     */
    public static NetworkSpec mobileNetLayers() {
        Layer.Conv2d stem = new Layer.Conv2d(
                "stem",
                3,
                8,
                3,
                3,
                2,
                Padding.SAME,
                RandomTensors.gaussian(8 * 3 * 9, 21),
                RandomTensors.gaussian(8, 22));
        Layer.Activation relu6 = new Layer.Activation("relu6", Layer.Activation.Kind.RELU6, 0);
        Layer.DepthwiseConv2d depthwise = new Layer.DepthwiseConv2d(
                "dw", 8, 3, 1, Padding.SAME, RandomTensors.gaussian(8 * 9, 23), RandomTensors.gaussian(8, 24));
        Layer.Residual block = new Layer.Residual(
                "block",
                List.of(
                        new Layer.DepthwiseConv2d(
                                "block/dw", 8, 3, 1, Padding.SAME, RandomTensors.gaussian(8 * 9, 25), null),
                        new Layer.Activation("block/relu6", Layer.Activation.Kind.RELU6, 0),
                        new Layer.Conv2d(
                                "block/project", 8, 8, 1, 1, 1, Padding.VALID, RandomTensors.gaussian(64, 26), null)));
        Layer.DepthwiseConv2d strided = new Layer.DepthwiseConv2d(
                "dw2", 8, 3, 2, Padding.VALID, RandomTensors.gaussian(8 * 9, 27), RandomTensors.gaussian(8, 28));
        Layer.SpatialMean mean = new Layer.SpatialMean("mean");
        Layer.Conv2d head = new Layer.Conv2d(
                "out", 8, 5, 1, 1, 1, Padding.VALID, RandomTensors.gaussian(40, 29), RandomTensors.gaussian(5, 30));
        return new NetworkSpec(
                "mobile-layers",
                List.of(stem, relu6, depthwise, relu6, block, strided, mean, head),
                java.util.Map.of("out", 7));
    }

    /**
     * A small network with the layer kinds of the arbitrary-style transformer: reflection padding
     * before VALID convolutions, instance norm, a conditional instance norm (a condition of 6
     * values) inside a residual block, nearest upsampling and the sigmoid output. Its output layer
     * is {@code out}.
     */
    public static NetworkSpec transformerLayers() {
        float[] ones = new float[4];
        java.util.Arrays.fill(ones, 1.5f);
        Layer.Residual conditioned = new Layer.Residual(
                "block",
                List.of(
                        new Layer.MirrorPad("block/pad", 1, 1, 1, 1),
                        new Layer.Conv2d(
                                "block/c3", 8, 8, 3, 3, 1, Padding.VALID, RandomTensors.gaussian(8 * 8 * 9, 36), null),
                        conditionalNorm("block/norm", 8, 6, 37)));
        return new NetworkSpec(
                "transformer-layers",
                List.of(
                        new Layer.MirrorPad("pad9", 4, 4, 4, 4),
                        new Layer.Conv2d(
                                "c9", 3, 4, 9, 9, 1, Padding.VALID, RandomTensors.gaussian(4 * 3 * 81, 31), null),
                        new Layer.InstanceNorm("norm", ones, RandomTensors.gaussian(4, 32), 1e-5f),
                        new Layer.Activation("relu", Layer.Activation.Kind.RELU, 0),
                        new Layer.MirrorPad("pad1", 1, 1, 1, 1),
                        new Layer.Conv2d(
                                "down", 4, 8, 3, 3, 2, Padding.VALID, RandomTensors.gaussian(8 * 4 * 9, 33), null),
                        conditioned,
                        new Layer.NearestUpsample("up", 2),
                        new Layer.MirrorPad("pad1b", 2, 1, 1, 2),
                        new Layer.Conv2d(
                                "c3",
                                8,
                                3,
                                3,
                                3,
                                1,
                                Padding.VALID,
                                RandomTensors.gaussian(3 * 8 * 9, 34),
                                RandomTensors.gaussian(3, 35)),
                        new Layer.Activation("out", Layer.Activation.Kind.SIGMOID, 0)),
                java.util.Map.of("out", 10));
    }

    static Layer.ConditionalInstanceNorm conditionalNorm(String name, int channels, int size, long seed) {
        int n = channels * size;
        return new Layer.ConditionalInstanceNorm(
                name,
                channels,
                size,
                RandomTensors.gaussian(n, seed),
                RandomTensors.gaussian(channels, seed + 1),
                RandomTensors.gaussian(n, seed + 2),
                RandomTensors.gaussian(channels, seed + 3),
                1e-3f);
    }

    /** The compiled one-layer network gives what the reference forward pass gives. */
    public static void assertMatchesReference(Backend backend, LayerCase c) {
        assertMatchesReference(backend, c.network(), "out", c.input(), c.condition());
    }

    /** The compiled network's output equals the reference forward pass's {@code layer} on random input. */
    public static void assertMatchesReference(Backend backend, NetworkSpec network, String layer) {
        assertMatchesReference(
                backend,
                network,
                layer,
                new FloatTensor(3, 23, 30, RandomTensors.gaussian(3 * 23 * 30, 3)),
                RandomTensors.gaussian(network.conditionSize(), 4));
    }

    private static void assertMatchesReference(
            Backend backend, NetworkSpec network, String layer, FloatTensor input, float[] condition) {
        FloatTensor expected = ReferenceNetwork.features(network, input, condition, List.of(layer))
                .get(layer);
        try (CompiledNetwork net = backend.compile(network, false)) {
            FloatTensor out = net.apply(input, condition);
            assertEquals(expected.channels(), out.channels());
            assertEquals(expected.height(), out.height());
            assertEquals(expected.width(), out.width());
            int wrong = 0;
            int first = -1;
            int zeros = 0;
            for (int i = 0; i < out.data().length; i++) {
                if (out.data()[i] == 0) {
                    zeros++;
                }
                if (!(Math.abs(expected.data()[i] - out.data()[i]) <= 1e-3 * (1 + Math.abs(expected.data()[i])))) {
                    wrong++;
                    first = first < 0 ? i : first;
                }
            }
            if (wrong > 0) {
                // Says whether a few values or the whole output went wrong, for a failure seen once.
                fail(String.format(
                        "%d of %d values differ from the reference (%d of the output's are 0); the first at %d: %s, expected %s",
                        wrong, out.data().length, zeros, first, out.data()[first], expected.data()[first]));
            }
        }
    }
}
