package io.nst.testing;

import io.nst.net.FloatTensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;

/**
 * The golden outputs of the fast transfer network (TensorFlow semantics) from the mirror's
 * {@code golden/fast}: a 50x66 RGB input in {@code 0..255} and the 52x68 outputs of
 * {@code wave} and {@code udnie}, as channels-first tensors.
 */
public final class GoldenFast {

    private GoldenFast() {}

    public static FloatTensor input() throws IOException {
        return hwcToChw(read("golden/fast/input_50x66x3_hwc_rgb0-255.f32"), 50, 66);
    }

    public static FloatTensor output(String style) throws IOException {
        return hwcToChw(read("golden/fast/" + style + "_output_52x68x3_hwc.f32"), 52, 68);
    }

    /** Largest difference in grey levels after clamping {@code actual} to {@code 0..255}. */
    public static double maxDifference(FloatTensor expected, FloatTensor actual) {
        if (expected.height() != actual.height() || expected.width() != actual.width()) {
            throw new AssertionError("expected " + expected + ", got " + actual);
        }
        double max = 0;
        for (int i = 0; i < expected.data().length; i++) {
            float clamped = Math.min(255, Math.max(0, actual.data()[i]));
            max = Math.max(max, Math.abs(clamped - expected.data()[i]));
        }
        return max;
    }

    private static float[] read(String id) throws IOException {
        byte[] bytes = Files.readAllBytes(TestMirror.repository().resolve(id));
        float[] values = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    private static FloatTensor hwcToChw(float[] hwc, int h, int w) {
        float[] chw = new float[hwc.length];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int c = 0; c < 3; c++) {
                    chw[(c * h + y) * w + x] = hwc[(y * w + x) * 3 + c];
                }
            }
        }
        return new FloatTensor(3, h, w, chw);
    }
}
