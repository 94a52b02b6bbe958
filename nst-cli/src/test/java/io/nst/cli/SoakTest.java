package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.testing.TestMirror;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 300 fast stylizations per backend in a JVM with a 192 MB heap: no out-of-memory, and the
 * resident memory after the warm-up stays within 10 % (native memory is freed with every call).
 */
class SoakTest {

    @TempDir
    Path dir;

    @Test
    void residentMemoryStaysFlatOverThreeHundredStylizationsPerBackend() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        // The whole heap touched at start: its pages are not mistaken for growth.
                        "-Xmx192m",
                        "-Xms192m",
                        "-XX:+AlwaysPreTouch",
                        "-Dai.djl.offline=true",
                        "-cp",
                        System.getProperty("java.class.path"),
                        Soak.class.getName(),
                        "300",
                        "50")
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("NST_MIRROR", TestMirror.directory().toString());
        pb.environment().put("NST_HOME", dir.resolve("home").toString());
        pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "3");
        Process process = pb.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES));
        assertEquals(0, process.exitValue(), out);
        List<String> lines = out.lines().toList();
        assertEquals(3, lines.size(), out);
        for (String line : lines) {
            String[] parts = line.split(" ");
            long[] rss = Arrays.stream(parts, 1, parts.length)
                    .mapToLong(Long::parseLong)
                    .toArray();
            assertEquals(11, rss.length, line);
            long min = Arrays.stream(rss).min().orElseThrow();
            long max = Arrays.stream(rss).max().orElseThrow();
            System.out.printf("%s: resident %d..%d MB after the warm-up%n", parts[0], min / 1024, max / 1024);
            assertTrue(max <= 1.10 * min, parts[0] + ": resident memory grew from " + min + " to " + max + " kB");
        }
    }
}
