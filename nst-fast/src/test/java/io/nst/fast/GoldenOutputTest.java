package io.nst.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.backend.pytorch.PyTorchBackend;
import io.nst.net.NetworkSpec;
import io.nst.net.ReferenceNetwork;
import io.nst.spi.CompiledNetwork;
import io.nst.spi.FloatTensor;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The transfer network reproduces the golden outputs (TensorFlow semantics) within 0.01 grey levels. */
class GoldenOutputTest {

    @ParameterizedTest
    @ValueSource(strings = {"wave", "udnie"})
    void pyTorchReproducesTheGoldenOutput(String style) throws IOException {
        NetworkSpec network = TransferModels.load(style, TestMirror.repository());
        FloatTensor input = hwcToChw(read("golden/fast/input_50x66x3_hwc_rgb0-255.f32"), 50, 66);
        FloatTensor expected = hwcToChw(read("golden/fast/" + style + "_output_52x68x3_hwc.f32"), 52, 68);
        try (CompiledNetwork net = new PyTorchBackend().compile(network, false)) {
            assertWithin(expected, clamp(net.apply(input)), 0.01);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"wave"})
    void theReferenceForwardPassReproducesTheGoldenOutput(String style) throws IOException {
        NetworkSpec network = TransferModels.load(style, TestMirror.repository());
        FloatTensor input = hwcToChw(read("golden/fast/input_50x66x3_hwc_rgb0-255.f32"), 50, 66);
        FloatTensor expected = hwcToChw(read("golden/fast/" + style + "_output_52x68x3_hwc.f32"), 52, 68);
        FloatTensor out = ReferenceNetwork.features(network, input, List.of("output")).get("output");
        assertWithin(expected, clamp(out), 0.01);
    }

    static void assertWithin(FloatTensor expected, FloatTensor actual, double tolerance) {
        assertEquals(expected.height(), actual.height());
        assertEquals(expected.width(), actual.width());
        double max = 0;
        for (int i = 0; i < expected.data().length; i++) {
            max = Math.max(max, Math.abs(expected.data()[i] - actual.data()[i]));
        }
        assertTrue(max <= tolerance, "max abs difference " + max + " grey levels");
    }

    private static FloatTensor clamp(FloatTensor t) {
        float[] d = t.data().clone();
        for (int i = 0; i < d.length; i++) {
            d[i] = Math.min(255, Math.max(0, d[i]));
        }
        return t.withData(d);
    }

    private static float[] read(String id) throws IOException {
        byte[] bytes = Files.readAllBytes(TestMirror.repository().resolve(id));
        float[] values = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        return values;
    }

    static FloatTensor hwcToChw(float[] hwc, int h, int w) {
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
