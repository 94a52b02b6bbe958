package io.nst.testing;

import io.nst.net.FloatTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;

/**
 * The golden tensors of the arbitrary-style pair from the mirror's {@code golden/arbitrary}
 * (see its {@code golden.json}), channels first.
 */
public final class GoldenArbitrary {

    /** {@code golden.json}: a float predictor against TFLite's int8 arithmetic, per component. */
    public static final double PREDICTOR_TOLERANCE = 0.035;

    /** {@code golden.json}: the transformer on the golden vector, per value on the 0..1 scale. */
    public static final double TRANSFORMER_TOLERANCE = 1e-4;

    private GoldenArbitrary() {}

    /** The painting, 256x256. */
    public static FloatTensor styleInput() throws IOException {
        return hwcToChw(read("style_input.f32"), 256, 256);
    }

    /** The predictor's output with TFLite's int8 arithmetic. */
    public static float[] styleVector() throws IOException {
        return read("style_vector.f32");
    }

    /** The photo, 64x84. */
    public static FloatTensor contentInput() throws IOException {
        return hwcToChw(read("content_input.f32"), 64, 84);
    }

    /** The transformer's output on {@link #contentInput()} and {@link #styleVector()}. */
    public static FloatTensor output() throws IOException {
        return hwcToChw(read("output.f32"), 64, 84);
    }

    /** The largest difference between two tensors of one shape. */
    public static double maxDifference(float[] expected, float[] actual) {
        if (expected.length != actual.length) {
            throw new AssertionError("expected " + expected.length + " values, got " + actual.length);
        }
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i] - actual[i]));
        }
        return max;
    }

    private static float[] read(String name) throws IOException {
        byte[] bytes = Files.readAllBytes(TestMirror.repository().resolve("golden/arbitrary/" + name));
        float[] values = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static FloatTensor hwcToChw(float[] hwc, int h, int w) {
        float[] chw = new float[hwc.length];
        for (int i = 0; i < h * w; i++) {
            for (int c = 0; c < 3; c++) {
                chw[c * h * w + i] = hwc[i * 3 + c];
            }
        }
        return new FloatTensor(3, h, w, chw);
    }
}
