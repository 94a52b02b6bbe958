package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.testing.TestMirror;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ctrl-C (SIGINT) and a polite kill (SIGTERM) in the middle of a Gatys run: the run stops after
 * the iteration in progress and frees the engine's memory before the JVM exits, so there is no
 * crash inside the engine, no crash report, no output, and one line saying what happened.
 */
class SignalsTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "SIG{0}, run {2}")
    @CsvSource({"INT, 130, 1", "INT, 130, 2", "INT, 130, 3", "TERM, 143, 1", "TERM, 143, 2"})
    void aSignalMidRunStopsItCleanly(String signal, int exit, int run) throws Exception {
        Path out = dir.resolve("out.png");
        ProcessBuilder pb = nstInChildJvm(
                "gatys",
                "--content",
                TestMirror.file("images/content/tubingen.jpg").toString(),
                "--style",
                TestMirror.file("images/style/starry_night.jpg").toString(),
                "--size",
                "96",
                "--iterations",
                "1000",
                "--out",
                out.toString());
        Process process = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            // The first progress line (a tenth of the run) means the engine is computing.
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                lines.add(line);
                if (line.startsWith("100/1000")) {
                    Thread.sleep(37L * run);
                    assertEquals(
                            0,
                            new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                                    .start()
                                    .waitFor());
                }
            }
        }
        assertTrue(process.waitFor(2, TimeUnit.MINUTES));
        List<String> messages =
                lines.stream().filter(l -> l.startsWith("nst: ")).toList();
        assertEquals(exit, process.exitValue(), String.join("\n", lines));
        assertEquals(1, messages.size(), String.join("\n", lines));
        assertTrue(
                messages.get(0).matches("nst: interrupted after \\d+ of 1000 iterations; nothing was written"),
                messages.get(0));
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("home")), left.toList(), "no output, no crash report");
        }
    }

    @ParameterizedTest(name = "SIG{0}")
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalStopsTheServerWithItsJobsInOneLine(String signal, int exit) throws Exception {
        ProcessBuilder pb = nstInChildJvm("serve", "--port", "0");
        Process process = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String first = err.readLine();
            lines.add(first);
            java.util.regex.Matcher serving = java.util.regex.Pattern.compile(
                            "serving on http://127\\.0\\.0\\.1:(\\d+)/ \\(Ctrl-C stops\\)")
                    .matcher(String.valueOf(first));
            assertTrue(serving.matches(), first);
            java.net.URI base = java.net.URI.create("http://127.0.0.1:" + serving.group(1));
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            assertEquals(
                    200,
                    http.send(
                                    java.net.http.HttpRequest.newBuilder(base.resolve("/api/styles"))
                                            .build(),
                                    java.net.http.HttpResponse.BodyHandlers.ofString())
                            .statusCode());
            assertEquals(
                    0,
                    new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                            .start()
                            .waitFor());
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                lines.add(line);
            }
        }
        assertTrue(process.waitFor(1, TimeUnit.MINUTES));
        assertEquals(exit, process.exitValue(), String.join("\n", lines));
        assertEquals(2, lines.size(), String.join("\n", lines));
        assertEquals("nst serve: stopped (0 job(s) cancelled)", lines.get(1));
    }

    /** {@code nst} with {@code args} in a JVM of its own, as the launcher starts it, in the test's folder. */
    private ProcessBuilder nstInChildJvm(String... args) {
        List<String> command = new ArrayList<>(List.of(
                // A JVM started with SIGINT ignored (a background job) would ignore it too.
                "env",
                "--default-signal=INT",
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                NstCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("NST_MIRROR", TestMirror.directory().toString());
        pb.environment().put("NST_HOME", dir.resolve("home").toString());
        return pb;
    }
}
