package io.nst.backend.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.nst.loss.StyleLosses;
import io.nst.testing.RandomTensors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** The PyTorch losses equal the plain-Java reference on random tensors. */
class TorchLossesProperties {

    private static NDManager manager;

    @BeforeContainer
    static void start() {
        PyTorchBackend.engine();
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterContainer
    static void stop() {
        manager.close();
    }

    @Property(tries = 200)
    void gramMatchesTheReference(
            @ForAll @IntRange(min = 1, max = 8) int c,
            @ForAll @IntRange(min = 1, max = 7) int h,
            @ForAll @IntRange(min = 1, max = 7) int w,
            @ForAll long seed) {
        float[] f = random(c * h * w, seed);
        try (NDManager scope = manager.newSubManager()) {
            float[] torch =
                    TorchLosses.gram(scope.create(f, new Shape(1, c, h, w))).toFloatArray();
            float[] reference = StyleLosses.gram(f, c, h * w);
            for (int i = 0; i < reference.length; i++) {
                assertEquals(reference[i], torch[i], 1e-5 * (1 + Math.abs(reference[i])));
            }
        }
    }

    @Property(tries = 200)
    void contentAndStyleLossesMatchTheReference(
            @ForAll @IntRange(min = 1, max = 8) int c,
            @ForAll @IntRange(min = 1, max = 7) int h,
            @ForAll @IntRange(min = 1, max = 7) int w,
            @ForAll long seed) {
        float[] f = random(c * h * w, seed);
        float[] t = random(c * h * w, seed + 1);
        try (NDManager scope = manager.newSubManager()) {
            NDArray features = scope.create(f, new Shape(1, c, h, w));
            NDArray target = scope.create(t, new Shape(1, c, h, w));
            double content = TorchLosses.contentLoss(features, target, TorchLosses.squareSums(target))
                    .getFloat();
            double expected = StyleLosses.contentLoss(f, t);
            assertEquals(expected, content, 1e-5 * (1 + expected));

            NDArray gram = TorchLosses.gram(features);
            NDArray targetGram = TorchLosses.gram(target);
            double style = TorchLosses.styleLayerLoss(gram, targetGram, TorchLosses.squareSum(targetGram))
                    .getFloat();
            double expectedStyle =
                    StyleLosses.styleLayerLoss(StyleLosses.gram(f, c, h * w), StyleLosses.gram(t, c, h * w));
            assertEquals(expectedStyle, style, 1e-4 * (1 + expectedStyle));
        }
    }

    @Property(tries = 200)
    void totalVariationMatchesTheReference(
            @ForAll @IntRange(min = 1, max = 3) int c,
            @ForAll @IntRange(min = 1, max = 9) int h,
            @ForAll @IntRange(min = 1, max = 9) int w,
            @ForAll long seed) {
        float[] image = random(c * h * w, seed);
        try (NDManager scope = manager.newSubManager()) {
            double tv = TorchLosses.totalVariation(scope.create(image, new Shape(1, c, h, w)))
                    .getFloat();
            double expected = StyleLosses.totalVariation(image, c, h, w);
            assertEquals(expected, tv, 1e-5 * (1 + expected));
        }
    }

    @Property(tries = 100)
    void aBatchGivesEachImageTheLossesItHasAlone(
            @ForAll @IntRange(min = 1, max = 4) int n,
            @ForAll @IntRange(min = 1, max = 5) int c,
            @ForAll @IntRange(min = 1, max = 6) int h,
            @ForAll @IntRange(min = 1, max = 6) int w,
            @ForAll long seed) {
        int size = c * h * w;
        float[] f = random(n * size, seed);
        float[] t = random(n * size, seed + 1);
        float[] styleTarget = StyleLosses.gram(random(size, seed + 2), c, h * w);
        try (NDManager scope = manager.newSubManager()) {
            NDArray features = scope.create(f, new Shape(n, c, h, w));
            NDArray targets = scope.create(t, new Shape(n, c, h, w));
            NDArray targetGram = scope.create(styleTarget, new Shape(c, c));
            double targetNorm = TorchLosses.squareSum(targetGram);
            float[] content = TorchLosses.contentLoss(features, targets, TorchLosses.squareSums(targets))
                    .toFloatArray();
            float[] style = TorchLosses.styleLayerLoss(TorchLosses.gram(features), targetGram, targetNorm)
                    .toFloatArray();
            float[] tv = TorchLosses.totalVariation(features).toFloatArray();
            for (int i = 0; i < n; i++) {
                float[] fi = java.util.Arrays.copyOfRange(f, i * size, (i + 1) * size);
                float[] ti = java.util.Arrays.copyOfRange(t, i * size, (i + 1) * size);
                double expectedContent = StyleLosses.contentLoss(fi, ti);
                double expectedStyle = StyleLosses.styleLayerLoss(StyleLosses.gram(fi, c, h * w), styleTarget);
                double expectedTv = StyleLosses.totalVariation(fi, c, h, w);
                assertEquals(expectedContent, content[i], 1e-5 * (1 + expectedContent), "content of image " + i);
                assertEquals(expectedStyle, style[i], 1e-4 * (1 + expectedStyle), "style of image " + i);
                assertEquals(expectedTv, tv[i], 1e-5 * (1 + expectedTv), "total variation of image " + i);
            }
        }
    }

    static float[] random(int n, long seed) {
        return RandomTensors.gaussian(n, seed);
    }
}
