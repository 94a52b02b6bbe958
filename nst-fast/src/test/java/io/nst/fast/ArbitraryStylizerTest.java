package io.nst.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.Method;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import io.nst.internal.ImageTensors;
import io.nst.net.FloatTensor;
import io.nst.testing.GoldenArbitrary;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The arbitrary method on real files: the golden tensors, the public API, style vectors. */
class ArbitraryStylizerTest {

    private static ArbitraryStylizer stylizer(double strength) {
        return ArbitraryStylizer.builder()
                .repository(TestMirror.repository())
                .strength(strength)
                .build();
    }

    @Test
    void theStylizerReproducesTheGoldenStyleVectorAndStylization() throws IOException {
        try (ArbitraryStylizer stylizer = stylizer(1)) {
            StyleVector style = stylizer.styleOf(GoldenArbitrary.styleInput());
            double vectorOff = GoldenArbitrary.maxDifference(GoldenArbitrary.styleVector(), style.values());
            assertTrue(vectorOff <= GoldenArbitrary.PREDICTOR_TOLERANCE, "style vector off by " + vectorOff);
            FloatTensor out =
                    stylizer.stylize(GoldenArbitrary.contentInput(), StyleVector.of(GoldenArbitrary.styleVector()));
            double outOff =
                    GoldenArbitrary.maxDifference(GoldenArbitrary.output().data(), out.data());
            assertTrue(outOff <= GoldenArbitrary.TRANSFORMER_TOLERANCE, "output off by " + outOff);
        }
    }

    @Test
    void anyPaintingAnySizeThroughThePublicApiTheSameTwice() {
        StyleTransfer starry = StyleTransfer.builder()
                .method(Method.ARBITRARY)
                .content(TestMirror.file("images/content/tubingen.jpg"))
                .style(TestMirror.file("images/style/starry_night.jpg"))
                .size(90) // 90x68: neither side a multiple of 4
                .repository(TestMirror.repository())
                .build();
        StyleTransferResult first = starry.run();
        assertEquals(90, first.width());
        assertEquals(Method.ARBITRARY, first.method());
        assertTrue(first.optimization().isEmpty(), "a one-pass result has no loss figures");
        assertArrayEquals(pixels(first.image()), pixels(starry.run().image()));

        int[] blended = pixels(starry.toBuilder()
                .style(TestMirror.file("images/style/picasso_selfport1907.jpg"), 2)
                .build()
                .run()
                .image());
        assertFalse(Arrays.equals(pixels(first.image()), blended), "a blend differs from either painting");
        int[] gentle = pixels(starry.toBuilder().strength(0.3).build().run().image());
        assertFalse(Arrays.equals(pixels(first.image()), gentle), "strength changes the result");
    }

    @Test
    void preservedColoursKeepThePhotosChrominance() {
        StyleTransfer.Builder b = StyleTransfer.builder()
                .method(Method.ARBITRARY)
                .content(TestMirror.file("images/content/golden_gate.jpg"))
                .style(TestMirror.file("images/style/starry_night.jpg"))
                .size(64)
                .repository(TestMirror.repository());
        FloatTensor photo = ImageTensors.toTensor(
                Images.resizeLongSide(Images.read(TestMirror.file("images/content/golden_gate.jpg")), 64));
        FloatTensor plain = ImageTensors.toTensor(b.build().run().image());
        FloatTensor kept =
                ImageTensors.toTensor(b.preserveColors(true).build().run().image());
        double plainOff = chromaDifference(plain, photo);
        double keptOff = chromaDifference(kept, photo);
        assertTrue(
                keptOff < 0.02 && keptOff < plainOff / 3, "chroma off by " + keptOff + " (without: " + plainOff + ")");
    }

    /** Mean absolute difference of the YIQ chrominance (I, Q) of two images. */
    private static double chromaDifference(FloatTensor a, FloatTensor b) {
        int n = a.positions();
        double sum = 0;
        for (int p = 0; p < n; p++) {
            float[] x = a.data();
            float[] y = b.data();
            double ia = 0.596 * x[p] - 0.274 * x[n + p] - 0.322 * x[2 * n + p];
            double ib = 0.596 * y[p] - 0.274 * y[n + p] - 0.322 * y[2 * n + p];
            double qa = 0.211 * x[p] - 0.523 * x[n + p] + 0.312 * x[2 * n + p];
            double qb = 0.211 * y[p] - 0.523 * y[n + p] + 0.312 * y[2 * n + p];
            sum += Math.abs(ia - ib) + Math.abs(qa - qb);
        }
        return sum / (2 * n);
    }

    @Test
    void styleVectorsBlendInterpolateAndRefuseBadValues() {
        float[] a = new float[StyleVector.SIZE];
        float[] b = new float[StyleVector.SIZE];
        Arrays.fill(b, 2);
        StyleVector va = StyleVector.of(a);
        StyleVector vb = StyleVector.of(b);
        assertEquals(va, vb.interpolate(va, 1));
        assertEquals(0.5f, va.interpolate(vb, 0.25).values()[7]);
        assertEquals(1.5f, StyleVector.blend(List.of(va, vb), List.of(1.0, 3.0)).values()[0]);
        assertEquals(
                "a style vector has 100 values, got 3",
                assertThrows(IllegalArgumentException.class, () -> StyleVector.of(1, 2, 3))
                        .getMessage());
        assertEquals(
                "strength must be between 0 and 1, got 1.5",
                assertThrows(IllegalArgumentException.class, () -> ArbitraryStylizer.builder()
                                .strength(1.5))
                        .getMessage());
        assertEquals(
                "max tile must be at least 132 px, got 131",
                assertThrows(IllegalArgumentException.class, () -> ArbitraryStylizer.builder()
                                .maxTile(131))
                        .getMessage());
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
