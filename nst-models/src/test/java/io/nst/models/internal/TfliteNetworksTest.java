package io.nst.models.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.net.FloatTensor;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.net.ReferenceNetwork;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The style predictor as a network description reproduces the golden style vectors. */
class TfliteNetworksTest {

    @Test
    void thePredictorGivesTheGoldenStyleVector() throws IOException {
        TfliteGraph graph = TfliteGraph.read(
                TestMirror.repository().resolve("models/arbitrary/magenta/style_predict_quantized_256.tflite"));
        NetworkSpec predictor = TfliteNetworks.convert(graph, "magenta-style-predictor", "style");
        assertEquals(
                10,
                predictor.layers().stream()
                        .filter(l -> l instanceof Layer.Residual)
                        .count());
        assertTrue(predictor.multiplyAdds(256, 256) > 300_000_000L);

        float[] nhwc = floats("style_input.f32");
        FloatTensor style = ReferenceNetwork.features(predictor, chw(nhwc, 256, 256), List.of("style"))
                .get("style");
        assertEquals(100, style.data().length);
        float[] exact = floats("style_vector.f32");
        float[] inFloat = floats("style_vector_float.f32");
        double worstExact = 0;
        double worstFloat = 0;
        for (int i = 0; i < 100; i++) {
            worstExact = Math.max(worstExact, Math.abs(style.data()[i] - exact[i]));
            worstFloat = Math.max(worstFloat, Math.abs(style.data()[i] - inFloat[i]));
        }
        assertTrue(worstExact <= 0.035, "against TFLite's int8 arithmetic: max difference " + worstExact);
        assertTrue(worstFloat <= 1e-4, "against the float reference: max difference " + worstFloat);
    }

    @Test
    void theTransformerForTheGoldenStyleVectorGivesTheGoldenOutput() throws IOException {
        TfliteGraph graph = TfliteGraph.read(
                TestMirror.repository().resolve("models/arbitrary/magenta/style_transfer_f16_384.tflite"));
        NetworkSpec transformer = TfliteNetworks.convert(graph, "magenta-transformer", "out");
        assertEquals(13, count(transformer.layers(), Layer.ConditionalInstanceNorm.class));
        assertEquals(100, transformer.conditionSize());
        assertEquals(
                5,
                transformer.layers().stream()
                        .filter(l -> l instanceof Layer.Residual)
                        .count());

        FloatTensor out = ReferenceNetwork.features(
                        transformer,
                        chw(floats("content_input.f32"), 64, 84),
                        floats("style_vector.f32"),
                        List.of("out"))
                .get("out");
        float[] expected = chw(floats("output.f32"), 64, 84).data();
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs(out.data()[i] - expected[i]));
        }
        assertTrue(worst <= 1e-4, "max difference " + worst + " (0..1 scale)");
    }

    @Test
    void theTransformerRefusesAConditionOfTheWrongSizeByName() throws IOException {
        NetworkSpec transformer = ArbitraryStyleNetworks.transformer(TestMirror.repository());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> ReferenceNetwork.features(
                        transformer, new FloatTensor(3, 4, 4, new float[48]), new float[99], List.of("out")));
        assertEquals("magenta-transformer takes a condition of 100 values, got 99", e.getMessage());
        e = assertThrows(
                IllegalArgumentException.class,
                () -> ReferenceNetwork.features(transformer, new FloatTensor(3, 4, 4, new float[48]), List.of("out")));
        assertEquals("magenta-transformer takes a condition of 100 values, got 0", e.getMessage());
    }

    private static long count(List<Layer> layers, Class<?> kind) {
        long n = 0;
        for (Layer l : layers) {
            n += kind.isInstance(l) ? 1 : 0;
            if (l instanceof Layer.Residual r) {
                n += count(r.body(), kind);
            }
        }
        return n;
    }

    private static float[] floats(String golden) throws IOException {
        byte[] bytes = Files.readAllBytes(TestMirror.repository().resolve("golden/arbitrary/" + golden));
        float[] out = new float[bytes.length / 4];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(out);
        return out;
    }

    private static FloatTensor chw(float[] nhwc, int h, int w) {
        float[] out = new float[nhwc.length];
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < h * w; i++) {
                out[c * h * w + i] = nhwc[i * 3 + c];
            }
        }
        return new FloatTensor(3, h, w, out);
    }
}
