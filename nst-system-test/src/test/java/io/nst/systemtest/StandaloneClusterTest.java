package io.nst.systemtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.fast.FastStylizer;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code nst spark} against a real Spark standalone cluster: a master and a worker started from
 * Spark's own jars only (the cluster knows nothing of this SDK), the tool's jars shipped by the
 * command, the photos read and the results written by the worker's executors; the results are
 * the bytes {@code nst fast} gives.
 */
class StandaloneClusterTest {

    @TempDir
    Path dir;

    private final List<Process> cluster = new ArrayList<>();

    @AfterEach
    void stopCluster() {
        for (Process process : cluster) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    @Test
    void aFolderIsStylizedOnTheClusterAsNstFastWouldDoIt() throws Exception {
        Path in = Files.createDirectories(dir.resolve("in with space"));
        try (Stream<Path> photos = Files.list(TestMirror.file("datasets/bsds500/val"))) {
            List<Path> three = photos.sorted().limit(3).toList();
            Files.createDirectories(in.resolve("a"));
            Files.createDirectories(in.resolve("b"));
            Files.copy(three.get(0), in.resolve("a/photo.jpg"));
            Files.copy(three.get(1), in.resolve("b/photo.jpg"));
            Files.copy(three.get(2), in.resolve("100% #1.jpg"));
        }
        Files.writeString(in.resolve("broken.jpg"), "not a photo");
        Path out = dir.resolve("out");

        String master = startCluster();

        Path cli = Path.of(System.getProperty("nst.cli.jar"));
        List<String> command = jvm(
                cli + ":" + cli.resolveSibling("lib") + "/*:" + cli.resolveSibling("lib-web-spark") + "/*",
                "io.nst.cli.NstCli",
                "spark",
                "--master",
                master,
                "--model",
                "wave",
                "--size",
                "64",
                "--content",
                in.toString(),
                "--out",
                out.toString(),
                "--mkdirs");
        ProcessBuilder run = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("driver.log").toFile());
        environment(run.environment());
        Process driver = run.start();
        assertTrue(driver.waitFor(10, TimeUnit.MINUTES), "the job ends within ten minutes");
        String log = Files.readString(dir.resolve("driver.log"));
        assertEquals(1, driver.exitValue(), () -> log + executorLogs());
        assertTrue(
                log.contains("nst: failed broken.jpg: not a supported image (JPEG, PNG, BMP, GIF, TIFF or WebP)"),
                () -> log + executorLogs());
        assertTrue(log.contains("wrote 3 image(s) to " + out + " in"), log);
        assertTrue(log.contains("on " + master + "; 1 failed, 0 skipped"), log);

        try (FastStylizer alone = FastStylizer.builder().model("wave").size(64).build()) {
            for (String name : List.of("a/photo.jpg", "b/photo.jpg", "100% #1.jpg")) {
                Path expected = dir.resolve("expected.jpg");
                Images.write(alone.stylize(Images.read(in.resolve(name))), expected);
                assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(out.resolve(name)), name);
            }
        }
    }

    @Test
    void theReadmesJobRunsAsWrittenWithSparkSubmit() throws Exception {
        Path in = Files.createDirectories(dir.resolve("photos/2024"));
        try (Stream<Path> photos = Files.list(TestMirror.file("datasets/bsds500/val"))) {
            for (Path photo : photos.sorted().limit(2).toList()) {
                Files.copy(photo, in.resolve(photo.getFileName()));
            }
        }
        Path out = dir.resolve("styled");
        String master = startCluster();
        Path cli = Path.of(System.getProperty("nst.cli.jar"));
        // ./nst spark --print-jars
        List<String> print = jvm(
                cli + ":" + cli.resolveSibling("lib") + "/*:" + cli.resolveSibling("lib-web-spark") + "/*",
                "io.nst.cli.NstCli",
                "spark",
                "--print-jars");
        Process printer = new ProcessBuilder(print)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String jars = new String(printer.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertEquals(0, printer.waitFor());
        assertTrue(jars.contains("nst-spark") && jars.contains("onnxruntime") && !jars.contains("spark-core"), jars);
        // spark-submit --master ... --class io.nst.examples.SparkBatch --jars "$(./nst spark --print-jars)" \
        //   --conf spark.executorEnv.NST_MIRROR="$NST_MIRROR" examples/target/nst-examples-*.jar wave IN OUT
        Path home = Path.of(System.getProperty("spark.home"));
        List<String> submit = jvm(
                home.resolve("jars") + "/*",
                "org.apache.spark.deploy.SparkSubmit",
                "--master",
                master,
                "--class",
                "io.nst.examples.SparkBatch",
                "--jars",
                jars,
                "--conf",
                "spark.executorEnv.NST_MIRROR=" + TestMirror.directory(),
                System.getProperty("nst.examples.jar"),
                "wave",
                dir.resolve("photos").toString(),
                out.toString());
        ProcessBuilder run = new ProcessBuilder(submit)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("submit.log").toFile());
        environment(run.environment());
        run.environment().put("SPARK_HOME", home.toString());
        Process job = run.start();
        assertTrue(job.waitFor(10, TimeUnit.MINUTES));
        String log = Files.readString(dir.resolve("submit.log"));
        assertEquals(0, job.exitValue(), () -> log + executorLogs());
        assertTrue(log.contains("written: 2"), () -> log + executorLogs());
        try (Stream<Path> written = Files.list(out.resolve("2024"))) {
            assertEquals(2, written.count());
        }
    }

    /** Starts a master and a worker of two cores from Spark's own jars; returns the master's URL. */
    private String startCluster() throws Exception {
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        start(
                "master",
                "org.apache.spark.deploy.master.Master",
                "--host",
                "127.0.0.1",
                "--port",
                "" + port,
                "--webui-port",
                "" + freePort());
        awaitLine("master", "I have been elected leader");
        start(
                "worker",
                "org.apache.spark.deploy.worker.Worker",
                "--host",
                "127.0.0.1",
                "--cores",
                "2",
                "--memory",
                "3g",
                "--webui-port",
                "" + freePort(),
                "--work-dir",
                dir.resolve("work").toString(),
                master);
        awaitLine("worker", "Successfully registered with master");
        return master;
    }

    /** What the executors printed, for a failure's message. */
    private String executorLogs() {
        try (Stream<Path> files = Files.walk(dir)) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.getFileName().toString().matches("stderr|worker.log"))
                    .toList()) {
                String text = Files.readString(file);
                all.append("\n--- ")
                        .append(file)
                        .append('\n')
                        .append(text, Math.max(0, text.length() - 6000), text.length());
            }
            return all.toString();
        } catch (IOException e) {
            return "\n(no executor logs: " + e + ")";
        }
    }

    private void start(String name, String mainClass, String... args) throws IOException {
        Path home = Path.of(System.getProperty("spark.home"));
        List<String> command = new ArrayList<>(jvm(home.resolve("jars") + "/*", mainClass));
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile());
        // What makes a folder of jars a Spark installation to the worker's executor launcher.
        Files.writeString(home.resolve("RELEASE"), "Spark 4.0.1 (spark-sql_2.13 and its dependencies)\n");
        builder.environment().put("SPARK_HOME", home.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        environment(builder.environment());
        cluster.add(builder.start());
    }

    private void environment(Map<String, String> env) {
        env.put("SPARK_LOCAL_IP", "127.0.0.1");
        env.put("NST_MIRROR", TestMirror.directory().toString());
        env.put("NST_HOME", dir.resolve("nst-home").toString());
        env.put("DJL_OFFLINE", "true");
    }

    private void awaitLine(String name, String text) throws Exception {
        Path log = dir.resolve(name + ".log");
        for (int i = 0; i < 600; i++) {
            if (Files.exists(log)
                    && Files.readString(log, StandardCharsets.UTF_8).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the " + name + " did not say '" + text + "' within a minute:\n"
                + (Files.exists(log) ? Files.readString(log) : "(no log)"));
    }

    /** A Java command with Spark's JDK options, offline, on {@code classPath}. */
    private static List<String> jvm(String classPath, String mainClass, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Arrays.stream(System.getProperty("spark.java.options", "").split(" "))
                .filter(s -> !s.isBlank())
                .forEach(command::add);
        command.addAll(List.of("-Dai.djl.offline=true", "-cp", classPath, mainClass));
        command.addAll(Arrays.asList(args));
        return command;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
