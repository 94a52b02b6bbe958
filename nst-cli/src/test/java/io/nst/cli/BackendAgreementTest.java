package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.ImageSource;
import io.nst.Images;
import io.nst.fast.ArbitraryStylizer;
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

    /**
     * 402x301 (404x304 padded) in 200 px tiles: 72 px cores at full resolution, several tiles at
     * every resolution of the network, some cut by the edges; against the photo stylized whole.
     */
    @ParameterizedTest
    @ValueSource(strings = {"pytorch", "onnxruntime", "tensorflow"})
    void tilesMatchTheWholePhotoForBothOnePassMethods(String backend) {
        BufferedImage photo = Images.resize(Images.read(TestMirror.file("images/content/golden_gate.jpg")), 402, 301);
        FastStylizer.Builder fast =
                FastStylizer.builder().model("wave").backend(backend).repository(TestMirror.repository());
        try (FastStylizer whole = fast.build();
                FastStylizer tiled = fast.maxTile(200).build()) {
            assertAlike(backend + " fast", whole.stylize(photo), tiled.stylize(photo));
        }
        BufferedImage painting = Images.read(TestMirror.file("images/style/starry_night.jpg"));
        ArbitraryStylizer.Builder arbitrary = ArbitraryStylizer.builder()
                .style(ImageSource.of(painting), 1)
                .backend(backend)
                .repository(TestMirror.repository());
        try (ArbitraryStylizer whole = arbitrary.build();
                ArbitraryStylizer tiled = arbitrary.maxTile(200).build()) {
            assertAlike(backend + " arbitrary", whole.stylize(photo), tiled.stylize(photo));
        }
    }

    private static void assertAlike(String what, BufferedImage expected, BufferedImage actual) {
        int[] a = pixels(expected);
        int[] b = pixels(actual);
        assertEquals(a.length, b.length, what);
        double sum = 0;
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                int d = Math.abs(((a[i] >> shift) & 255) - ((b[i] >> shift) & 255));
                sum += d;
                max = Math.max(max, d);
            }
        }
        double mean = sum / (3.0 * a.length);
        assertTrue(mean < 0.05 && max <= 2, what + ": mean difference " + mean + " grey levels, max " + max);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
