package io.nst.testing;

import io.nst.net.FloatTensor;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.net.Padding;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Random cases of the layer kinds the arbitrary-style networks added, for every backend's property test. */
public final class ArbitraryStyleLayers {

    private ArbitraryStyleLayers() {}

    /**
     * One layer of a kind the arbitrary-style networks added (depthwise convolution, reflection
     * padding, nearest upsampling, RELU6, sigmoid, spatial mean, conditional instance norm), a
     * convolution of a few output channels (the picture-making last layer) or a transposed
     * convolution (which backends may compute in their own ways), with a random shape, random
     * weights and a random input it fits.
     */
    public static Arbitrary<LayerCase> cases() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, 8),
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.integers().between(1, 9),
                        Arbitraries.integers().between(1, 9),
                        Arbitraries.of(1, 3, 5),
                        Arbitraries.integers().between(1, 2),
                        Arbitraries.of(Padding.values()),
                        Arbitraries.longs())
                .as(ArbitraryStyleLayers::layerCase);
    }

    private static LayerCase layerCase(
            int kind, int channels, int height, int width, int kernel, int stride, Padding padding, long seed) {
        Random random = new Random(seed);
        // A convolution's kernel is as high as the depthwise one, and as wide as another of 1, 3, 5.
        int kernelWidth = 1 + 2 * random.nextInt(3);
        boolean convolution = kind == 0 || kind == 6;
        int h = convolution && padding == Padding.VALID ? Math.max(height, kernel) : height;
        int w = convolution && padding == Padding.VALID ? Math.max(width, kind == 6 ? kernelWidth : kernel) : width;
        float[] condition = new float[0];
        Layer layer =
                switch (kind) {
                    case 0 -> new Layer.DepthwiseConv2d(
                            "dw",
                            channels,
                            kernel,
                            stride,
                            padding,
                            RandomTensors.gaussian(channels * kernel * kernel, seed),
                            random.nextBoolean() ? null : RandomTensors.gaussian(channels, seed + 1));
                    case 1 -> new Layer.MirrorPad(
                            "pad", random.nextInt(h), random.nextInt(h), random.nextInt(w), random.nextInt(w));
                    case 2 -> new Layer.NearestUpsample("up", (kernel + 1) / 2);
                    case 3 -> new Layer.Activation("relu6", Layer.Activation.Kind.RELU6, 0);
                    case 4 -> new Layer.Activation("sigmoid", Layer.Activation.Kind.SIGMOID, 0);
                    case 5 -> new Layer.SpatialMean("mean");
                    case 6 -> {
                        // Up to 8 outputs: a backend may compute a few in phases, and ONNX Runtime
                        // up to 8 of a picture's few channels.
                        int out = 1 + random.nextInt(8);
                        yield new Layer.Conv2d(
                                "conv",
                                channels,
                                out,
                                kernel,
                                kernelWidth,
                                stride,
                                padding,
                                RandomTensors.gaussian(out * channels * kernel * kernelWidth, seed + 2),
                                random.nextBoolean() ? null : RandomTensors.gaussian(out, seed + 3));
                    }
                    case 7 -> {
                        int out = 1 + random.nextInt(6);
                        int k = kernel + random.nextInt(2);
                        yield new Layer.TransposedConv2d(
                                "up",
                                channels,
                                out,
                                k,
                                stride,
                                RandomTensors.gaussian(out * channels * k * k, seed + 2));
                    }
                    default -> {
                        condition = RandomTensors.gaussian(kernel + stride, seed + 4);
                        yield BackendConformance.conditionalNorm("cin", channels, condition.length, seed);
                    }
                };
        // Networks take RGB: a 1x1 convolution makes the channels, its weights spread them over
        // RELU6's and the sigmoid's bends.
        float[] spread = RandomTensors.gaussian(channels * 3, seed + 6);
        for (int i = 0; i < spread.length; i++) {
            spread[i] *= 4;
        }
        Layer.Conv2d channelsOf = new Layer.Conv2d("rgb", 3, channels, 1, 1, 1, Padding.VALID, spread, null);
        return new LayerCase(
                new NetworkSpec("one-layer", List.of(channelsOf, layer), Map.of("out", 1)),
                new FloatTensor(3, h, w, RandomTensors.gaussian(3 * h * w, seed + 5)),
                condition);
    }
}
