package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.fast.FastStylizer;
import io.nst.fast.internal.TransferModels;
import io.nst.internal.ImageTensors;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.net.ReferenceNetwork;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every backend stylizes a photo like the plain-Java reference forward pass, and so like each other. */
class BackendAgreementTest {

    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "onnxruntime", "tensorflow"})
    void matchesTheReferenceOnAPhoto(String backend) throws Exception {
        BufferedImage photo = Images.resize(Images.read(TestMirror.file("images/content/golden_gate.jpg")), 96, 72);
        NetworkSpec network = TransferModels.load("la_muse", TestMirror.repository());
        FloatTensor input = ImageTensors.toTensor(photo);
        float[] scaled = input.data().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 255;
        }
        FloatTensor reference = ReferenceNetwork.features(network, input.withData(scaled), List.of("output"))
                .get("output");
        float[] unit = reference.data().clone();
        for (int i = 0; i < unit.length; i++) {
            unit[i] /= 255;
        }
        int[] expected = pixels(ImageTensors.toImage(reference.withData(unit)));
        try (FastStylizer stylizer = FastStylizer.builder()
                .model("la_muse")
                .backend(backend)
                .repository(TestMirror.repository())
                .build()) {
            assertEquals(backend, stylizer.backend());
            int[] actual = pixels(stylizer.stylize(photo));
            double sum = 0;
            for (int i = 0; i < expected.length; i++) {
                for (int shift = 0; shift < 24; shift += 8) {
                    sum += Math.abs(((expected[i] >> shift) & 255) - ((actual[i] >> shift) & 255));
                }
            }
            double mean = sum / (3.0 * expected.length);
            assertTrue(mean < 0.05, backend + ": mean difference " + mean + " grey levels");
        }
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
