package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nst.testing.TestFiles;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI as a user runs it: a separate JVM, its exit code, its stderr, the files it leaves. */
class NstCliTest {

    @TempDir
    Path dir;

    private final Path photo = TestMirror.file("images/content/golden_gate.jpg");
    private final Path painting = TestMirror.file("images/style/picasso_selfport1907.jpg");

    record Run(int exit, List<String> stderr) {
        String error() {
            return String.join("\n", stderr);
        }
    }

    @Test
    void stylizesAndWritesAReport() throws Exception {
        Path out = dir.resolve("out.png");
        Path report = dir.resolve("r.json");
        Run run = nst(
                Map.of(),
                "gatys",
                "--content",
                photo.toString(),
                "--style",
                painting.toString(),
                "--out",
                out.toString(),
                "--size",
                "48",
                "--iterations",
                "8",
                "--seed",
                "1",
                "--report",
                report.toString());
        assertEquals(0, run.exit(), run.error());
        assertTrue(Files.size(out) > 0);
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertEquals(1, json.get("schemaVersion").getAsInt());
        for (String key : List.of(
                "method",
                "backend",
                "device",
                "width",
                "height",
                "iterations",
                "initialLoss",
                "finalLoss",
                "contentLoss",
                "styleLoss",
                "tvLoss",
                "seconds",
                "secondsPerIteration")) {
            assertTrue(json.has(key), key);
        }
        assertEquals(48, json.get("width").getAsInt());
        assertTrue(json.get("finalLoss").getAsDouble() < json.get("initialLoss").getAsDouble());
    }

    @Test
    void aTruncatedJpegIsRefused() throws Exception {
        byte[] jpeg = Files.readAllBytes(photo);
        Path truncated = dir.resolve("truncated.jpg");
        Files.write(truncated, Arrays.copyOf(jpeg, jpeg.length / 3));
        assertFailsCleanly(List.of("--content", truncated.toString()), 1, truncated + ": damaged");
    }

    @Test
    void textNamedPngIsRefused() throws Exception {
        Path text = dir.resolve("photo.png");
        Files.writeString(text, "hello");
        assertFailsCleanly(List.of("--content", text.toString()), 1, text + ": not a supported image");
    }

    @Test
    void aHugePngIsRefusedBeforeDecoding() throws Exception {
        Path huge = dir.resolve("huge.png");
        Files.write(huge, TestFiles.pngHeader(100_000, 100_000));
        assertFailsCleanly(List.of("--style", huge.toString()), 1, "100000x100000 pixels is larger than the limit");
    }

    @Test
    void aMissingFileIsNamed() throws Exception {
        Path missing = dir.resolve("nowhere.jpg");
        assertFailsCleanly(List.of("--content", missing.toString()), 1, missing + ": no such file");
    }

    @Test
    void badNumbersAreRefused() throws Exception {
        assertFailsCleanly(List.of("--iterations", "-5"), 2, "iterations must be at least 1, got -5");
        assertFailsCleanly(List.of("--size", "0"), 2, "size must be between 16 and 4096 pixels, got 0");
    }

    @Test
    void anUnknownBackendIsNamed() throws Exception {
        assertFailsCleanly(List.of("--backend", "quantum"), 1, "no backend 'quantum' on the class path");
    }

    @Test
    void aMirrorFileWithAWrongChecksumIsRefused() throws Exception {
        Path mirror = dir.resolve("mirror");
        Path models = mirror.resolve("models/darknet-tiny");
        Files.createDirectories(models);
        try (var files = Files.list(TestMirror.file("models/darknet-tiny"))) {
            for (Path f : files.toList()) {
                Files.copy(f, models.resolve(f.getFileName()));
            }
        }
        byte[] bytes = Files.readAllBytes(models.resolve("group1-shard1of1"));
        bytes[3] ^= 0x10;
        Files.write(models.resolve("group1-shard1of1"), bytes);
        Path out = dir.resolve("out.png");
        Run run = nst(
                Map.of("NST_MIRROR", mirror.toString()),
                "gatys",
                "--content",
                photo.toString(),
                "--style",
                painting.toString(),
                "--out",
                out.toString(),
                "--size",
                "32",
                "--iterations",
                "2");
        assertEquals(1, run.exit(), run.error());
        assertEquals(1, run.stderr().size(), run.error());
        assertTrue(run.error().contains("models/darknet-tiny/group1-shard1of1"), run.error());
        assertTrue(run.error().contains("checksum mismatch"), run.error());
        assertFalse(Files.exists(out));
    }

    @Test
    void fastStylizesAFolderAndReportsWhatItSkipped() throws Exception {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Files.copy(photo, in.resolve("a.jpg"));
        Files.copy(painting, in.resolve("b.jpg"));
        Files.writeString(in.resolve("c.jpg"), "not a photo");
        Path out = dir.resolve("styled");
        Path report = dir.resolve("fast.json");
        Run run = nst(
                Map.of(),
                "fast",
                "--model",
                "wave",
                "--content",
                in.toString(),
                "--out",
                out.toString(),
                "--mkdirs",
                "--report",
                report.toString(),
                "--timings");
        assertEquals(1, run.exit(), run.error());
        assertEquals(2, run.stderr().size(), run.error());
        assertTrue(run.error().contains("skipped " + in.resolve("c.jpg")), run.error());
        assertTrue(
                run.stderr()
                        .get(1)
                        .matches("timings: start [0-9.]+ s \\(JVM and tool\\), load [0-9.]+ s, read [0-9.]+ s,"
                                + " stylize [0-9.]+ s, write [0-9.]+ s"),
                run.error());
        assertTrue(Files.size(out.resolve("a.jpg")) > 0);
        assertTrue(Files.size(out.resolve("b.jpg")) > 0);
        assertFalse(Files.exists(out.resolve("c.jpg")));
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertEquals(2, json.get("images").getAsInt());
        for (String phase : List.of("startSeconds", "loadSeconds", "readSeconds", "stylizeSeconds", "writeSeconds")) {
            assertTrue(json.get(phase).getAsDouble() > 0, phase + " in " + json);
        }
    }

    @Test
    void arbitraryStylizesWithABlendOfPaintingsAndReports() throws Exception {
        Path out = dir.resolve("arbitrary.png");
        Path report = dir.resolve("arbitrary.json");
        Run run = nst(
                Map.of(),
                "arbitrary",
                "--content",
                photo.toString(),
                "--style",
                painting + "," + TestMirror.file("images/style/seated-nude.jpg"),
                "--style-blend",
                "3,1",
                "--strength",
                "0.8",
                "--size",
                "70",
                "--out",
                out.toString(),
                "--report",
                report.toString());
        assertEquals(0, run.exit(), run.error());
        assertEquals(70, javax.imageio.ImageIO.read(out.toFile()).getWidth());
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertEquals("arbitrary", json.get("method").getAsString());
        assertEquals(70, json.get("width").getAsInt());
        for (String key : List.of("backend", "device", "height", "seconds", "secondsPerImage", "loadSeconds")) {
            assertTrue(json.has(key), key);
        }

        Run bad = nst(
                Map.of(),
                "arbitrary",
                "--content",
                photo.toString(),
                "--style",
                painting.toString(),
                "--style-blend",
                "1,2",
                "--out",
                dir.resolve("never.png").toString());
        assertEquals(2, bad.exit(), bad.error());
        assertTrue(bad.error().contains("--style-blend needs one weight per style"), bad.error());
        assertFalse(Files.exists(dir.resolve("never.png")));
    }

    @Test
    void fastNamesAnUnknownModel() throws Exception {
        Path out = dir.resolve("o.png");
        Run run = nst(Map.of(), "fast", "--model", "monet", "--content", photo.toString(), "--out", out.toString());
        assertEquals(1, run.exit(), run.error());
        assertEquals(1, run.stderr().size(), run.error());
        assertTrue(run.error().contains("unknown model 'monet'"), run.error());
        assertFalse(Files.exists(out));
    }

    @Test
    void aTrainedModelRunsOnEveryBackendAndExports() throws Exception {
        Path photos = Files.createDirectories(dir.resolve("photos"));
        try (var files = Files.list(TestMirror.file("datasets/bsds500/val"))) {
            for (Path p : files.sorted().limit(3).toList()) {
                Files.copy(p, photos.resolve(p.getFileName()));
            }
        }
        Path model = dir.resolve("model");
        Path report = dir.resolve("train.json");
        Run train = nst(
                Map.of(),
                "train",
                "--style",
                painting.toString(),
                "--dataset",
                photos.toString(),
                "--out",
                model.toString(),
                "--size",
                "32",
                "--batch",
                "1",
                "--iterations",
                "3",
                "--width",
                "slim",
                "--report",
                report.toString());
        assertEquals(0, train.exit(), train.error());
        assertTrue(Files.exists(model.resolve("nst-model.json")));
        assertEquals(
                3,
                JsonParser.parseString(Files.readString(report))
                        .getAsJsonObject()
                        .get("iterations")
                        .getAsInt());
        for (String backend : List.of("onnxruntime", "tensorflow", "pytorch")) {
            Path out = dir.resolve(backend + ".png");
            Run fast = nst(
                    Map.of("TF_CPP_MIN_LOG_LEVEL", "3"),
                    "fast",
                    "--model",
                    model.toString(),
                    "--backend",
                    backend,
                    "--content",
                    photo.toString(),
                    "--out",
                    out.toString());
            assertEquals(0, fast.exit(), backend + ": " + fast.error());
            assertTrue(Files.size(out) > 0, backend);
        }
        Run export = nst(
                Map.of(),
                "export",
                "--model",
                model.toString(),
                "--format",
                "onnx",
                "--out",
                dir.resolve("trained.onnx").toString());
        assertEquals(0, export.exit(), export.error());
    }

    @Test
    void sparkStylizesAFolderAsTheFastMethodDoesAndReportsTheBrokenFile() throws Exception {
        Path in = Files.createDirectories(dir.resolve("spark-in"));
        try (var files = Files.list(TestMirror.file("datasets/bsds500/val"))) {
            for (Path p : files.sorted().limit(3).toList()) {
                Files.copy(p, in.resolve(p.getFileName()));
            }
        }
        Files.writeString(in.resolve("broken.jpg"), "not a photo");
        Path sparkOut = dir.resolve("spark-out");
        Path fastOut = dir.resolve("fast-out");
        Run spark = nst(
                Map.of(),
                "spark",
                "--master",
                "local[2]",
                "--model",
                "wave",
                "--content",
                in.toString(),
                "--out",
                sparkOut.toString(),
                "--mkdirs");
        assertEquals(1, spark.exit(), spark.error());
        assertEquals(
                List.of("nst: failed broken.jpg: not a supported image (JPEG, PNG, BMP, GIF, TIFF or WebP)"),
                spark.stderr().stream().filter(l -> l.startsWith("nst:")).toList());
        nst(Map.of(), "fast", "--model", "wave", "--content", in.toString(), "--out", fastOut.toString(), "--mkdirs");
        try (var files = Files.list(fastOut)) {
            List<Path> written = files.sorted().toList();
            assertEquals(3, written.size());
            for (Path file : written) {
                assertTrue(
                        Arrays.equals(
                                Files.readAllBytes(file), Files.readAllBytes(sparkOut.resolve(file.getFileName()))),
                        file.getFileName() + " differs from ./nst fast");
            }
        }
    }

    /**
     * What the README promises of repeating a run, in fresh JVMs: the one-pass methods give the
     * same bytes whatever the engine thread count, on every backend; Gatys gives the same bytes
     * for one count (the engine splits its sums by thread, so only the count is held fixed).
     */
    @Test
    void runsRepeatByteForByteInFreshJvmsAsTheReadmeSays() throws Exception {
        for (String backend : List.of("onnxruntime", "tensorflow", "pytorch")) {
            assertSameBytes(
                    List.of("1", "2"),
                    "fast",
                    "--model",
                    "wave",
                    "--backend",
                    backend,
                    "--size",
                    "96",
                    "--content",
                    photo.toString());
        }
        assertSameBytes(
                List.of("1", "2"),
                "arbitrary",
                "--style",
                painting.toString(),
                "--size",
                "96",
                "--content",
                photo.toString());
        assertSameBytes(
                List.of("2", "2"),
                "gatys",
                "--style",
                painting.toString(),
                "--size",
                "48",
                "--iterations",
                "8",
                "--content",
                photo.toString());
    }

    /** Runs {@code args} once per engine thread count in {@code threads}, each in a fresh JVM, and compares the outputs. */
    private void assertSameBytes(List<String> threads, String... args) throws Exception {
        List<byte[]> outputs = new ArrayList<>();
        for (String count : threads) {
            Path out = dir.resolve("repeat-" + Math.abs(List.of(args).hashCode()) + "-" + outputs.size() + ".png");
            List<String> command = new ArrayList<>(List.of(args));
            command.addAll(List.of("--out", out.toString()));
            Run run = nst(Map.of("NST_THREADS", count), command.toArray(String[]::new));
            assertEquals(0, run.exit(), run.error());
            outputs.add(Files.readAllBytes(out));
        }
        for (int i = 1; i < outputs.size(); i++) {
            assertArrayEquals(
                    outputs.get(0),
                    outputs.get(i),
                    String.join(" ", args) + ": NST_THREADS " + threads.get(0) + " and " + threads.get(i));
        }
    }

    private void assertFailsCleanly(List<String> overrides, int exit, String message) throws Exception {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        options.put("--content", photo.toString());
        options.put("--style", painting.toString());
        options.put("--size", "32");
        options.put("--iterations", "2");
        for (int i = 0; i < overrides.size(); i += 2) {
            options.put(overrides.get(i), overrides.get(i + 1));
        }
        Path out = dir.resolve("out-" + exit + "-" + Math.abs(message.hashCode()) + ".png");
        List<String> args = new ArrayList<>(List.of("gatys", "--out", out.toString()));
        options.forEach((k, v) -> {
            args.add(k);
            args.add(v);
        });
        Run run = nst(Map.of(), args.toArray(String[]::new));
        assertEquals(exit, run.exit(), run.error());
        assertNotEquals(0, run.exit());
        assertEquals(1, run.stderr().size(), "one line: " + run.error());
        assertTrue(run.error().startsWith("nst: "), run.error());
        assertTrue(run.error().contains(message), run.error());
        assertFalse(Files.exists(out), "no output file is left");
    }

    private Run nst(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Dai.djl.offline=true"));
        Arrays.stream(System.getProperty("spark.java.options", "").split(" "))
                .filter(option -> !option.isBlank())
                .forEach(command::add);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), NstCli.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("NST_MIRROR", TestMirror.directory().toString());
        pb.environment().put("NST_HOME", dir.resolve("home").toString());
        pb.environment().putAll(env);
        Process process = pb.start();
        byte[] err = process.getErrorStream().readAllBytes();
        assertTrue(process.waitFor(5, TimeUnit.MINUTES));
        List<String> lines = new String(err, StandardCharsets.UTF_8)
                .lines()
                .filter(l -> !l.isBlank() && !l.matches("^\\d+/\\d+ .*"))
                .filter(l -> !l.startsWith("wrote "))
                .toList();
        return new Run(process.exitValue(), lines);
    }
}
