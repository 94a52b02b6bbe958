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

    private static byte[] resource(String name) throws Exception {
        try (InputStream in =
                ai.onnxruntime.OrtEnvironment.class.getResourceAsStream("/ai/onnxruntime/native/linux-x64/" + name)) {
            return in.readAllBytes();
        }
    }
}
