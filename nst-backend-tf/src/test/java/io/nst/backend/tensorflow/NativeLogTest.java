package io.nst.backend.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * TensorFlow's native code logs straight to the terminal, bypassing SLF4J; a library user who
 * has not asked for it sees none of it, and one who has (by {@code TF_CPP_MIN_LOG_LEVEL}) sees it
 * all.
 */
class NativeLogTest {

    /** A line of TensorFlow's native log: {@code 2026-12-04 00:15:52.519827: I tensorflow/...}. */
    private static final Pattern NATIVE_LINE =
            Pattern.compile("(?m)^\\d{4}-\\d\\d-\\d\\d [0-9:.]+: [IWE] \\S+\\.cc:\\d+\\]");

    @Test
    void aProgramThatSetNothingSeesNoEngineChatter() throws Exception {
        String printed = run(null);
        assertEquals("ran", printed.strip(), printed);
    }

    @Test
    void aProgramThatAsksForTheLogGetsIt() throws Exception {
        String printed = run("0");
        assertTrue(NATIVE_LINE.matcher(printed).find(), printed);
        assertTrue(printed.contains("ran"), printed);
    }

    /** {@link OneRun} in a fresh JVM with {@code TF_CPP_MIN_LOG_LEVEL} at {@code level} (null: unset); what it printed. */
    private static String run(String level) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Dai.djl.offline=true",
                        "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                        "-cp",
                        System.getProperty("java.class.path"),
                        OneRun.class.getName()))
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("TF_CPP_MIN_LOG_LEVEL");
        if (level != null) {
            env.put("TF_CPP_MIN_LOG_LEVEL", level);
        }
        Process process = builder.start();
        String printed = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), printed);
        return printed;
    }
}
