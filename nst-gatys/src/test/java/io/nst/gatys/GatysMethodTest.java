package io.nst.gatys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.Optimizer;
import io.nst.StyleTransfer;
import io.nst.StyleTransferException;
import io.nst.StyleTransferResult;
import io.nst.internal.ImageTensors;
import io.nst.models.FeatureNetworks;
import io.nst.net.FloatTensor;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** End to end through the public API on the PyTorch backend, with real models and images. */
class GatysMethodTest {

    private static final Path PHOTO = TestMirror.file("images/content/tubingen.jpg");
    private static final Path STARRY = TestMirror.file("images/style/starry_night.jpg");
    private static final Path MATISSE = TestMirror.file("images/style/woman-with-hat-matisse.jpg");

    private static StyleTransfer.Builder small() {
        return StyleTransfer.builder()
                .content(PHOTO)
                .style(STARRY)
                .size(64)
                .iterations(30)
                .repository(TestMirror.repository());
    }

    @Test
    void lbfgsCutsTheLossAndTheSameSeedGivesTheSameImage() {
        StyleTransferResult first = small().initRandom().seed(42).build().run();
        StyleTransferResult second = small().initRandom().seed(42).build().run();
        assertEquals("pytorch", first.backend());
        assertEquals("cpu", first.device());
        assertEquals(64, first.width());
        assertEquals(30, first.optimization().orElseThrow().iterations());
        assertTrue(
                first.optimization().orElseThrow().finalLoss()
                        < 0.2 * first.optimization().orElseThrow().initialLoss(),
                first.optimization().orElseThrow().initialLoss() + " -> "
                        + first.optimization().orElseThrow().finalLoss());
        assertArrayEquals(pixels(first.image()), pixels(second.image()));
        StyleTransferResult otherSeed = small().initRandom().seed(43).build().run();
        assertFalse(java.util.Arrays.equals(pixels(first.image()), pixels(otherSeed.image())));
    }

    @Test
    void adamLowersTheLossToo() {
        StyleTransferResult result =
                small().optimizer(Optimizer.ADAM).learningRate(0.02).build().run();
        assertTrue(
                result.optimization().orElseThrow().finalLoss()
                        < 0.6 * result.optimization().orElseThrow().initialLoss(),
                result.optimization().orElseThrow().initialLoss() + " -> "
                        + result.optimization().orElseThrow().finalLoss());
        assertEquals(31, result.optimization().orElseThrow().evaluations());
    }

    @Test
    void listenersSeeProgressAndCanCancel() {
        List<Integer> seen = new ArrayList<>();
        StyleTransferResult result = small().progressEvery(2)
                .listener(p -> {
                    seen.add(p.iteration());
                    assertEquals(64, p.preview().getWidth());
                    if (p.iteration() == 6) {
                        p.cancel();
                    }
                })
                .build()
                .run();
        assertEquals(List.of(2, 4, 6), seen);
        assertTrue(result.cancelled());
        assertEquals(6, result.optimization().orElseThrow().iterations());
    }

    @Test
    void preservingColoursKeepsTheContentsChrominance() {
        StyleTransferResult result = small().preserveColors(true).build().run();
        FloatTensor content = ImageTensors.toTensor(Images.resizeLongSide(Images.read(PHOTO), 64));
        FloatTensor out = ImageTensors.toTensor(result.image());
        double[] inIq = meanIq(content);
        double[] outIq = meanIq(out);
        assertEquals(inIq[0], outIq[0], 0.02);
        assertEquals(inIq[1], outIq[1], 0.02);
    }

    @Test
    void blendsSeveralStylesAndUsesVgg19() {
        StyleTransferResult result = small().style(MATISSE, 0.5)
                .features(FeatureNetworks.vgg19())
                .iterations(10)
                .build()
                .run();
        assertTrue(result.optimization().orElseThrow().finalLoss()
                < result.optimization().orElseThrow().initialLoss());
    }

    @Test
    void startsFromAGivenImageAtTheContentsSize() {
        BufferedImage grey = new BufferedImage(10, 30, BufferedImage.TYPE_INT_RGB);
        StyleTransferResult fromGrey = small().initFrom(io.nst.ImageSource.of(grey))
                .iterations(1)
                .build()
                .run();
        StyleTransferResult fromContent = small().iterations(1).build().run();
        assertEquals(fromContent.width(), fromGrey.width());
        assertEquals(fromContent.height(), fromGrey.height());
        assertTrue(
                fromGrey.optimization().orElseThrow().initialLoss()
                        > fromContent.optimization().orElseThrow().initialLoss(),
                "a black start is further from the photo");
    }

    @Test
    void styleScaleChangesWhatTheStyleLooksLike() {
        StyleTransferResult normal = small().iterations(1).build().run();
        StyleTransferResult larger = small().iterations(1).styleScale(2).build().run();
        assertTrue(
                Math.abs(normal.optimization().orElseThrow().initialLoss()
                                - larger.optimization().orElseThrow().initialLoss())
                        > 1e-3 * normal.optimization().orElseThrow().initialLoss(),
                normal.optimization().orElseThrow().initialLoss() + " vs "
                        + larger.optimization().orElseThrow().initialLoss());
    }

    @Test
    void errorsNameTheProblem() {
        StyleTransferException backend = assertThrows(
                StyleTransferException.class,
                () -> small().backend("nope").build().run());
        assertTrue(backend.getMessage().startsWith("no backend 'nope' on the class path"), backend.getMessage());
        StyleTransferException layer = assertThrows(
                StyleTransferException.class,
                () -> small().contentLayer("l99").build().run());
        assertTrue(layer.getMessage().contains("no layer named 'l99'"), layer.getMessage());
        StyleTransferException missingWeights =
                assertThrows(StyleTransferException.class, () -> small().features(FeatureNetworks.vgg19())
                        .contentLayer("relu4_2")
                        .build()
                        .run());
        assertTrue(missingWeights.getMessage().contains("block4_conv1"), missingWeights.getMessage());
        IllegalArgumentException noStyle = assertThrows(
                IllegalArgumentException.class,
                () -> StyleTransfer.builder().content(PHOTO).build());
        assertEquals("at least one style image is required", noStyle.getMessage());
        assertThrows(
                IllegalArgumentException.class, () -> small().iterations(-5).build());
        assertThrows(IllegalArgumentException.class, () -> small().size(0).build());
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static double[] meanIq(FloatTensor t) {
        int n = t.positions();
        float[] d = t.data();
        double i = 0;
        double q = 0;
        for (int p = 0; p < n; p++) {
            i += 0.596 * d[p] - 0.274 * d[n + p] - 0.322 * d[2 * n + p];
            q += 0.211 * d[p] - 0.523 * d[n + p] + 0.312 * d[2 * n + p];
        }
        return new double[] {i / n, q / n};
    }
}
