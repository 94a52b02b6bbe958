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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Reduced precision stylizes photos the int8 calibration never saw within 2 grey levels of float32
 * on average, in tiles too, and within 5 % of its style ({@link StyleDistance#shift}): int8 on ONNX Runtime, bf16 on TensorFlow (on a CPU with AVX-512 BF16
 * or AMX; refused naming them on another); the calibration is cached once and a damaged cache is taken again; a backend that
 * cannot run a precision says which can.
 */
class ReducedPrecisionTest {

    @ParameterizedTest
    @CsvSource({"INT8, onnxruntime, 0.2", "BF16, tensorflow, 0.02"})
    void heldOutPhotosStayWithinTwoGreyLevelsOfFloat32WholeAndInTiles(
            Precision precision, String backend, double leastDifference, @TempDir Path cache) throws IOException {
        ModelRepository repository = TestMirror.repository(cache);
        if (precision == Precision.BF16 && !cpuHasBf16()) {
            StyleTransferException refused =
                    assertThrows(StyleTransferException.class, () -> stylizer("wave", precision, repository)
                            .build());
            assertTrue(refused.getMessage().contains("needs a CPU with AVX-512 BF16 or AMX"), refused.getMessage());
            return;
        }
        List<BufferedImage> photos = List.of(
                photo("images/content/tubingen.jpg"),
                photo("images/content/golden_gate.jpg"),
                photo(TestMirror.repository().idsUnder("datasets/bsds500/val/").get(3)));
        for (String style : List.of("wave", "udnie")) {
            try (FastStylizer fp32 = stylizer(style, Precision.FP32, repository)
                            .backend(backend)
                            .build();
                    FastStylizer reduced =
                            stylizer(style, precision, repository).build();
                    FastStylizer reducedTiles =
                            stylizer(style, precision, repository).maxTile(200).build()) {
                assertEquals(backend, reduced.backend(), "the backend that runs " + precision + " is chosen");
                for (BufferedImage photo : photos) {
                    BufferedImage reference = fp32.stylize(photo);
                    BufferedImage cheap = stylizedOrRefused(reduced, photo, precision);
                    BufferedImage cheapTiles = stylizedOrRefused(reducedTiles, photo, precision);
                    if (cheap == null || cheapTiles == null) {
                        continue;
                    }
                    double whole = meanDifference(reference, cheap);
                    double tiled = meanDifference(reference, cheapTiles);
                    assertTrue(whole <= 2 && tiled <= 2, style + ": " + whole + " whole, " + tiled + " in tiles");
                    double shift = StyleDistance.shift(repository, photo, reference, cheap);
                    assertTrue(shift <= 0.05, style + ": the style shifted by " + shift);
                    // Almost zero would mean that nothing ran at the reduced precision.
                    assertTrue(whole > leastDifference, style + ": " + precision + " differs by only " + whole);
                }
            }
        }
    }

    /**
     * The photo stylized, or null where bf16 was refused because its result was further from
     * float32 than bfloat16's rounding explains (TensorFlow's bfloat16 kernels on some CPUs that
     * advertise AVX-512 BF16; CheckedBf16NetworkTest checks the check).
     */
    private static BufferedImage stylizedOrRefused(FastStylizer stylizer, BufferedImage photo, Precision precision) {
        try {
            return stylizer.stylize(photo);
        } catch (StyleTransferException e) {
            assertEquals(Precision.BF16, precision, e.getMessage());
            assertTrue(e.getMessage().contains("TensorFlow's bfloat16 kernels are not reliable here"), e.getMessage());
            return null;
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
    void aBackendWithoutBf16IsRefusedNamingWhatCan() {
        for (String backend : List.of("onnxruntime", "pytorch")) {
            StyleTransferException e = assertThrows(
                    StyleTransferException.class, () -> stylizer("wave", Precision.BF16, TestMirror.repository())
                            .backend(backend)
                            .build());
            assertEquals(
                    "backend " + backend + " cannot run a fast transfer network in bfloat16; use tensorflow",
                    e.getMessage());
        }
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

    /** Whether this CPU has bfloat16 dot products, as the kernel lists its flags. */
    static boolean cpuHasBf16() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        return Files.exists(cpuinfo)
                && java.util.regex.Pattern.compile("\\b(avx512_bf16|amx_bf16)\\b")
                        .matcher(Files.readString(cpuinfo))
                        .find();
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
