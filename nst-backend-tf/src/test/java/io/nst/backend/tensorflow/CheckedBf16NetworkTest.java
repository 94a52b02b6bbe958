package io.nst.backend.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.StyleTransferException;
import io.nst.net.FloatTensor;
import io.nst.spi.CompiledNetwork;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A bfloat16 network is checked against float32 once per input size and refused where it is wrong. */
class CheckedBf16NetworkTest {

    /** Doubles its input, times {@code factor}; counts its calls. */
    private static final class Scaling implements CompiledNetwork {
        final float factor;
        final AtomicInteger calls = new AtomicInteger();
        boolean closed;

        Scaling(float factor) {
            this.factor = factor;
        }

        @Override
        public FloatTensor apply(FloatTensor input, float[] condition) {
            calls.incrementAndGet();
            float[] out = input.data().clone();
            for (int i = 0; i < out.length; i++) {
                out[i] *= 2 * factor;
            }
            return new FloatTensor(input.channels(), input.height(), input.width(), out);
        }

        @Override
        public void close() {
            closed = true;
        }
    }

    private static FloatTensor input(int height, int width) {
        float[] data = new float[3 * height * width];
        for (int i = 0; i < data.length; i++) {
            data[i] = 1 + i % 7;
        }
        return new FloatTensor(3, height, width, data);
    }

    @Test
    void aCloseResultPassesAndTheSizeIsNotCheckedAgain() {
        Scaling fp32 = new Scaling(1);
        Scaling bf16 = new Scaling(1.005f);
        try (CheckedBf16Network network = new CheckedBf16Network(bf16, fp32)) {
            FloatTensor first = network.apply(input(4, 5), new float[0]);
            network.apply(input(4, 5), new float[0]);
            assertEquals(2.01f, first.data()[0] / 1, 1e-6);
            assertEquals(1, fp32.calls.get(), "float32 runs for the first input of a size only");
            assertEquals(2, bf16.calls.get());
            network.apply(input(6, 5), new float[0]);
            assertEquals(2, fp32.calls.get(), "another size is checked too");
        }
        assertTrue(fp32.closed && bf16.closed);
    }

    @Test
    void aResultFurtherThanRoundingIsRefusedNamingTheDifferenceAndStaysRefused() {
        Scaling fp32 = new Scaling(1);
        Scaling bf16 = new Scaling(1.05f);
        try (CheckedBf16Network network = new CheckedBf16Network(bf16, fp32)) {
            StyleTransferException refused =
                    assertThrows(StyleTransferException.class, () -> network.apply(input(4, 5), new float[0]));
            assertSame(StyleTransferException.Kind.ENGINE, refused.kind());
            assertTrue(
                    refused.getMessage().startsWith("bf16 gave a 3x4x5 input a result 5.0 % from float32"),
                    refused.getMessage());
            assertTrue(refused.getMessage().endsWith("use fp32, or int8 on ONNX Runtime"), refused.getMessage());
            assertThrows(StyleTransferException.class, () -> network.apply(input(4, 5), new float[0]));
            assertEquals(1, bf16.calls.get(), "a refused size is refused at once");
        }
    }

    @Test
    void theSizesRememberedAreBounded() {
        Scaling fp32 = new Scaling(1);
        try (CheckedBf16Network network = new CheckedBf16Network(new Scaling(1), fp32)) {
            for (int width = 1; width <= CheckedBf16Network.SIZES_REMEMBERED + 1; width++) {
                network.apply(input(1, width), new float[0]);
            }
            network.apply(input(1, 1), new float[0]);
            assertEquals(CheckedBf16Network.SIZES_REMEMBERED + 2, fp32.calls.get(), "forgotten, checked again");
            network.apply(input(1, 1), new float[0]);
            assertEquals(CheckedBf16Network.SIZES_REMEMBERED + 2, fp32.calls.get());
        }
    }

    @Test
    void notFiniteValuesAndAnotherShapeAreEntirelyDifferent() {
        assertEquals(
                Double.POSITIVE_INFINITY,
                CheckedBf16Network.relativeDifference(new float[] {1, 2}, new float[] {1, Float.NaN}));
        assertEquals(Double.POSITIVE_INFINITY, CheckedBf16Network.relativeDifference(new float[] {1}, new float[2]));
        assertEquals(0, CheckedBf16Network.relativeDifference(new float[] {0, 0}, new float[] {0, 0}));
        assertEquals(0.25, CheckedBf16Network.relativeDifference(new float[] {2, 2}, new float[] {2, 3}), 1e-12);
    }
}
