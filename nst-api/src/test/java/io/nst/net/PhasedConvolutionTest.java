package io.nst.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.testing.RandomTensors;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/** A convolution in phases gives the convolution's output, computed with the reference network. */
class PhasedConvolutionTest {

    @Property(tries = 80)
    void thePhasesLaidOutAndCutAreTheConvolution(
            @ForAll @IntRange(min = 1, max = 4) int in,
            @ForAll @IntRange(min = 1, max = 4) int out,
            @ForAll @IntRange(min = 2, max = 6) int kh,
            @ForAll @IntRange(min = 2, max = 6) int kw,
            @ForAll @IntRange(min = 1, max = 11) int height,
            @ForAll @IntRange(min = 1, max = 11) int width,
            @ForAll boolean same,
            @ForAll boolean bias,
            @ForAll @IntRange(min = 0, max = 1000) int seed) {
        Padding padding = same ? Padding.SAME : Padding.VALID;
        int h = same ? height : height + kh - 1;
        int w = same ? width : width + kw - 1;
        Layer.Conv2d c = new Layer.Conv2d(
                "c",
                in,
                out,
                kh,
                kw,
                1,
                padding,
                RandomTensors.gaussian(out * in * kh * kw, seed),
                bias ? RandomTensors.gaussian(out, seed + 1) : null);
        FloatTensor x = new FloatTensor(in, h, w, RandomTensors.gaussian(in * h * w, seed + 2));

        FloatTensor expected = ReferenceNetwork.apply(c, x);
        PhasedConvolution phased = PhasedConvolution.of(c);
        FloatTensor blocks = ReferenceNetwork.apply(phased.blocks(), padded(x, phased));
        FloatTensor result = laidOut(blocks, out, h + phased.heightChange(), w + phased.widthChange());

        assertEquals(expected.height(), result.height());
        assertEquals(expected.width(), result.width());
        for (int i = 0; i < expected.data().length; i++) {
            assertEquals(expected.data()[i], result.data()[i], 1e-4 * (1 + Math.abs(expected.data()[i])));
        }
    }

    @Test
    void onlyStrideOneConvolutionsOfAFewChannelsAndAWideKernelRunInPhases() {
        assertTrue(PhasedConvolution.suits(conv(32, 3, 9, 1)));
        assertTrue(PhasedConvolution.suits(conv(8, 4, 3, 1)));
        assertFalse(PhasedConvolution.suits(conv(8, 5, 3, 1)));
        assertFalse(PhasedConvolution.suits(conv(8, 3, 1, 1)));
        assertFalse(PhasedConvolution.suits(conv(8, 3, 3, 2)));
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PhasedConvolution.of(conv(8, 3, 3, 2)));
        assertEquals("c: only a stride-1 convolution runs in phases", e.getMessage());
    }

    private static Layer.Conv2d conv(int in, int out, int kernel, int stride) {
        return new Layer.Conv2d(
                "c", in, out, kernel, kernel, stride, Padding.VALID, new float[in * out * kernel * kernel], null);
    }

    /** {@code x} with the phases' zero cells around it. */
    private static FloatTensor padded(FloatTensor x, PhasedConvolution p) {
        int h = x.height() + p.top() + p.bottom();
        int w = x.width() + p.left() + p.right();
        float[] data = new float[x.channels() * h * w];
        for (int c = 0; c < x.channels(); c++) {
            for (int y = 0; y < x.height(); y++) {
                for (int z = 0; z < x.width(); z++) {
                    data[(c * h + y + p.top()) * w + z + p.left()] = x.data()[(c * x.height() + y) * x.width() + z];
                }
            }
        }
        return new FloatTensor(x.channels(), h, w, data);
    }

    /** DepthToSpace of block 2 in TensorFlow's order, cut to {@code height} by {@code width}. */
    private static FloatTensor laidOut(FloatTensor blocks, int channels, int height, int width) {
        float[] data = new float[channels * height * width];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int phase = ((y % 2) * 2 + x % 2) * channels + c;
                    data[(c * height + y) * width + x] =
                            blocks.data()[(phase * blocks.height() + y / 2) * blocks.width() + x / 2];
                }
            }
        }
        return new FloatTensor(channels, height, width, data);
    }
}
