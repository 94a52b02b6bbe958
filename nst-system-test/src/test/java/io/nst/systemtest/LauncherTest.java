package io.nst.systemtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.testing.TestMirror;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code nst} launcher as a supervisor or a script meets it: a {@code kill} sent to the
 * launcher's process reaches the JVM (the launcher is replaced by Java, not its parent), the
 * server stops cleanly with one line and 143, and no Java process is left behind; the JVM starts
 * with the allocator settings the launcher adds (see the README's performance section); a one-pass
 * command runs on the class path without the web server's and Spark's jars, with the class-data
 * archive the first run leaves, and says nothing more for it.
 */
class LauncherTest {

    @Test
    void aOnePassCommandRunsOnItsOwnClassPathWithTheArchiveTheFirstRunLeaves() throws Exception {
        Path photo = TestMirror.file("images/content/golden_gate.jpg");
        List<byte[]> outputs = new ArrayList<>();
        for (int run = 0; run < 3; run++) {
            Path out = dir.resolve("out" + run + ".png");
            ProcessBuilder builder = new ProcessBuilder(
                            "bash",
                            System.getProperty("nst.launcher"),
                            "fast",
                            "--model",
                            "wave",
                            "--size",
                            "64",
                            "--content",
                            photo.toString(),
                            "--out",
                            out.toString())
                    .directory(dir.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("NST_MIRROR", TestMirror.directory().toString());
            builder.environment().put("NST_HOME", dir.resolve("home").toString());
            Process nst = builder.start();
            String printed = new String(nst.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(nst.waitFor(2, TimeUnit.MINUTES));
            assertEquals(0, nst.exitValue(), printed);
            assertTrue(printed.startsWith("wrote 1 image(s) to " + out), printed);
            assertEquals(1, printed.lines().count(), printed);
            outputs.add(java.nio.file.Files.readAllBytes(out));
        }
        assertTrue(outputs.stream().allMatch(o -> java.util.Arrays.equals(o, outputs.get(0))), "the same bytes");
        Path launcher = Path.of(System.getProperty("nst.launcher"));
        assertTrue(
                java.nio.file.Files.isRegularFile(launcher.resolveSibling("nst-cli/target/cds-core.jsa")),
                "the archive is in place after the second run");
        try (var home = java.nio.file.Files.list(dir.resolve("home/natives"))) {
            assertTrue(
                    home.anyMatch(p -> p.getFileName().toString().startsWith("onnxruntime-")), "ONNX Runtime's copy");
        }
    }

    @TempDir
    Path dir;

    @Test
    void aKillOnTheLauncherStopsTheServerAndLeavesNoJava() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", System.getProperty("nst.launcher"), "serve", "--port", "0")
                .directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("NST_MIRROR", TestMirror.directory().toString());
        builder.environment().put("NST_HOME", dir.resolve("home").toString());
        Process launcher = builder.start();
        List<String> lines = new ArrayList<>();
        List<ProcessHandle> children = new ArrayList<>();
        try (BufferedReader err =
                new BufferedReader(new InputStreamReader(launcher.getErrorStream(), StandardCharsets.UTF_8))) {
            String first = err.readLine();
            lines.add(first);
            Matcher serving = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+)/ \\(Ctrl-C stops\\)")
                    .matcher(String.valueOf(first));
            assertTrue(serving.matches(), first);
            assertTrue(
                    launcher.info().command().orElse("").endsWith("java"),
                    "the launcher's process is the JVM: "
                            + launcher.info().command().orElse("?"));
            HttpResponse<String> styles = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serving.group(1) + "/api/styles"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertEquals(200, styles.statusCode());
            // glibc parses GLIBC_TUNABLES where the process's first environment holds it, ending each
            // setting with a NUL as it goes: read as the variables are, separated by NULs, it is ':'.
            String environment = java.nio.file.Files.readString(
                            Path.of("/proc", Long.toString(launcher.pid()), "environ"))
                    .replace('\0', ':');
            assertTrue(
                    environment.contains(
                            "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=1073741824"),
                    "the JVM's allocator keeps what it frees: " + environment);
            children.addAll(launcher.descendants().toList());
            assertEquals(
                    0,
                    new ProcessBuilder("kill", Long.toString(launcher.pid()))
                            .start()
                            .waitFor());
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                lines.add(line);
            }
        }
        assertTrue(launcher.waitFor(1, TimeUnit.MINUTES));
        assertEquals(143, launcher.exitValue(), String.join("\n", lines));
        assertEquals(List.of(lines.get(0), "nst serve: stopped (0 job(s) cancelled)"), lines);
        for (ProcessHandle child : children) {
            child.onExit().get(10, TimeUnit.SECONDS);
        }
        assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "nothing the launcher started is left");
    }
}
