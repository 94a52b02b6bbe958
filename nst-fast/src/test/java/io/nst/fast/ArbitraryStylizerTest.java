package io.nst.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Method;
import io.nst.StyleTransfer;
import io.nst.StyleTransferException;
import io.nst.StyleTransferResult;
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
        assertEquals("arbitrary", first.method());
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
        StyleTransferException colours = assertThrows(StyleTransferException.class, () -> StyleTransfer.builder()
                .method(Method.ARBITRARY)
                .content(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB))
                .style(new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB))
                .preserveColors(true)
                .repository(TestMirror.repository())
                .build()
                .run());
        assertTrue(colours.getMessage().contains("does not preserve colours yet"), colours.getMessage());
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
