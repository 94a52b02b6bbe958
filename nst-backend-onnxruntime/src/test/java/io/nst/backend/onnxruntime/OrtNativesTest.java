package io.nst.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ONNX Runtime's libraries are copied once, checked at every use, and a damaged copy is made again. */
class OrtNativesTest {

    @TempDir
    Path natives;

    @Test
    void theCopyMatchesTheJarAndADamagedOneIsReplaced() throws Exception {
        Path dir = OrtNatives.cachedCopy(natives);
        assertNotNull(dir, "the linux-x64 libraries are on the test class path");
        assertEquals(natives, dir.getParent());
        Path library = dir.resolve("libonnxruntime.so");
        byte[] original = resource("libonnxruntime.so");
        assertArrayEquals(original, Files.readAllBytes(library));
        assertTrue(Files.isRegularFile(dir.resolve("libonnxruntime4j_jni.so")));

        long modified = Files.getLastModifiedTime(library).toMillis();
        assertEquals(dir, OrtNatives.cachedCopy(natives), "a good copy is used as it is");
        assertEquals(modified, Files.getLastModifiedTime(library).toMillis());

        // A copy cut short (a full disk, a kill) or changed in place is made again.
        Files.write(library, new byte[] {1, 2, 3});
        assertEquals(dir, OrtNatives.cachedCopy(natives));
        assertArrayEquals(original, Files.readAllBytes(library));
        byte[] flipped = original.clone();
        flipped[flipped.length / 2] ^= 1;
        Files.write(library, flipped);
        OrtNatives.cachedCopy(natives);
        assertArrayEquals(original, Files.readAllBytes(library));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(
                    List.of("libonnxruntime.so", "libonnxruntime4j_jni.so"),
                    left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no part file left behind");
        }
    }

    /**
     * Asking for a GPU is the first thing a stylizer does with the backend; the libraries it loads
     * must be the kept copy, not ONNX Runtime's own extraction into a temporary folder.
     */
    @Test
    void askingForAGpuFirstLoadsTheKeptCopy(@TempDir Path home) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        GpuQuestionFirst.class.getName())
                .redirectErrorStream(true);
        builder.environment().put("NST_HOME", home.toString());
        Process jvm = builder.start();
        String printed = new String(jvm.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, jvm.waitFor(), printed);
        assertTrue(printed.contains("natives at " + home.resolve("natives")), printed);
    }

    /** A process whose first use of ONNX Runtime is {@link OnnxRuntimeBackend#gpuAvailable()}. */
    static final class GpuQuestionFirst {
        public static void main(String[] args) {
            new OnnxRuntimeBackend().gpuAvailable();
            System.out.println("natives at " + System.getProperty(OrtNatives.PATH_PROPERTY));
        }
    }

    private static byte[] resource(String name) throws Exception {
        try (InputStream in =
                ai.onnxruntime.OrtEnvironment.class.getResourceAsStream("/ai/onnxruntime/native/linux-x64/" + name)) {
            return in.readAllBytes();
        }
    }
}
