package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.Precision;
import io.nst.StyleTransferException;
import io.nst.fast.FastStylizer;
import io.nst.repo.ModelRepository;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Int8 stylizes photos the calibration never saw within 2 grey levels of float32 on average, in
 * tiles too; the calibration is cached once and a damaged cache is taken again.
 */
class Int8PrecisionTest {

    @Test
    void heldOutPhotosStayWithinTwoGreyLevelsOfFloat32WholeAndInTiles(@TempDir Path cache) throws IOException {
        ModelRepository repository = TestMirror.repository(cache);
        List<BufferedImage> photos = List.of(
                photo("images/content/tubingen.jpg"),
                photo("images/content/golden_gate.jpg"),
                photo(TestMirror.repository().idsUnder("datasets/bsds500/val/").get(3)));
        for (String style : List.of("wave", "udnie")) {
            try (FastStylizer fp32 = stylizer(style, Precision.FP32, repository).build();
                    FastStylizer int8 =
                            stylizer(style, Precision.INT8, repository).build();
                    FastStylizer int8Tiles = stylizer(style, Precision.INT8, repository)
                            .maxTile(200)
                            .build()) {
                assertEquals("onnxruntime", int8.backend());
                for (BufferedImage photo : photos) {
                    BufferedImage reference = fp32.stylize(photo);
                    double whole = meanDifference(reference, int8.stylize(photo));
                    double tiled = meanDifference(reference, int8Tiles.stylize(photo));
                    assertTrue(whole <= 2 && tiled <= 2, style + ": " + whole + " whole, " + tiled + " in tiles");
                    // Zero would mean that nothing was quantized.
                    assertTrue(whole > 0.2, style + ": int8 differs by only " + whole);
                }
            }
        }
    }

    @Test
    void theCalibrationIsCachedOnceAndADamagedOneIsTakenAgain(@TempDir Path cache) throws IOException {
        ModelRepository repository = TestMirror.repository(cache);
        BufferedImage photo = photo("images/content/tubingen.jpg");
        BufferedImage first;
        try (FastStylizer int8 = stylizer("wave", Precision.INT8, repository).build()) {
            first = int8.stylize(photo);
        }
        Path file = calibrationFile(cache);
        byte[] calibrated = Files.readAllBytes(file);
        Files.write(
                file,
                new String(calibrated, java.nio.charset.StandardCharsets.UTF_8)
                        .replaceFirst("\t-?[0-9]", "\t9")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        try (FastStylizer int8 = stylizer("wave", Precision.INT8, repository).build()) {
            assertArrayEquals(pixels(first), pixels(int8.stylize(photo)));
        }
        assertArrayEquals(calibrated, Files.readAllBytes(file), "the damaged calibration is replaced");
    }

    @Test
    void aBackendWithoutInt8OrAnEnginesSavedModelIsRefusedNamingWhatCan(@TempDir Path dir) throws IOException {
        StyleTransferException noInt8 = assertThrows(
                StyleTransferException.class, () -> stylizer("wave", Precision.INT8, TestMirror.repository())
                        .backend("pytorch")
                        .build());
        assertEquals(StyleTransferException.Kind.NOT_FOUND, noInt8.kind());
        assertEquals(
                "backend pytorch cannot run a fast transfer network in int8; use onnxruntime", noInt8.getMessage());
        Path onnx = dir.resolve("wave.onnx");
        io.nst.fast.ModelExport.export("wave", "onnx", onnx, TestMirror.repository());
        StyleTransferException saved = assertThrows(StyleTransferException.class, () -> FastStylizer.builder()
                .model(onnx.toString())
                .precision(Precision.INT8)
                .build());
        assertEquals(StyleTransferException.Kind.BAD_INPUT, saved.kind());
        assertTrue(saved.getMessage().contains("needs a network description"), saved.getMessage());
    }

    private static FastStylizer.Builder stylizer(String style, Precision precision, ModelRepository repository) {
        return FastStylizer.builder()
                .model(style)
                .precision(precision)
                .repository(repository)
                .size(256);
    }

    private static Path calibrationFile(Path cache) throws IOException {
        try (Stream<Path> files = Files.walk(cache.resolve("calibration"))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().equals("calibration.txt"))
                    .toList();
            assertEquals(1, found.size(), "calibration files " + found);
            return found.get(0);
        }
    }

    private static BufferedImage photo(String id) {
        return Images.read(TestMirror.file(id));
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static double meanDifference(BufferedImage a, BufferedImage b) {
        int[] pa = pixels(a);
        int[] pb = pixels(b);
        double sum = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int shift = 0; shift < 24; shift += 8) {
                sum += Math.abs(((pa[i] >> shift) & 255) - ((pb[i] >> shift) & 255));
            }
        }
        return sum / (3.0 * pa.length);
    }
}
