package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.testing.TestFiles;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad inputs as users send them, through the CLI in its own JVM: each is refused with the exit
 * code (1 failed, 2 bad arguments) and one line that names the file or option and the problem,
 * and nothing is written or changed: no output appears, and every input and existing file keeps
 * its bytes.
 */
class BadInputCatalogueTest {

    @TempDir
    static Path root;

    private static Path fixtures;

    /**
     * One case: the command line ({@code {name}} is a fixture, {@code @work} the case's own empty
     * folder), the exit code, a fragment of the one line, and extra environment.
     */
    record Case(String args, int exit, String message, Map<String, String> env) {
        Case(String args, int exit, String message) {
            this(args, exit, message, Map.of());
        }

        @Override
        public String toString() {
            return args;
        }
    }

    static Stream<Case> cases() {
        String gatys = "gatys --style {painting.jpg} --size 32 --iterations 2 ";
        String gatysOut = gatys + "--out @work/out.png ";
        return Stream.of(
                // photos and paintings
                new Case(gatysOut + "--content {missing.jpg}", 1, "missing.jpg: no such file"),
                new Case(gatysOut + "--content {truncated.jpg}", 1, "truncated.jpg: damaged"),
                new Case(gatysOut + "--content {text.png}", 1, "text.png: not a supported image"),
                new Case(gatysOut + "--content {empty.jpg}", 1, "empty.jpg: not a supported image"),
                new Case(gatysOut + "--content {fifo.jpg}", 1, "fifo.jpg: not a regular file"),
                new Case(gatysOut + "--content {folder}", 1, "folder: not a regular file"),
                new Case(gatysOut + "--content {huge.png}", 1, "100000x100000 pixels is larger than the limit"),
                new Case(
                        "gatys --content {photo.jpg} --style {truncated.jpg} --out @work/out.png --size 32",
                        1,
                        "truncated.jpg: damaged"),
                new Case(gatysOut + "--content {photo.jpg} --init {text.png}", 1, "text.png: not a supported image"),
                // outputs
                new Case(gatys + "--content {photo.jpg} --out {photo.jpg}", 2, "is the same as --content"),
                new Case(gatys + "--content {photo.jpg} --out {painting.jpg}", 2, "is the same as --style"),
                new Case(gatys + "--content {photo.jpg} --out @work/out.gif", 2, "must end in .png, .jpg"),
                new Case(gatys + "--content {photo.jpg} --out {folder}", 2, "is a folder"),
                new Case(gatys + "--content {photo.jpg} --out /proc/out.png", 2, "cannot create files in /proc"),
                new Case(gatys + "--content {photo.jpg} --out {existing.png}/x.png", 2, "is not a folder"),
                new Case(gatysOut + "--content {photo.jpg} --report /proc/r.json", 2, "--report /proc/r.json"),
                new Case(gatysOut + "--content {photo.jpg} --report {photo.jpg}", 2, "--report"),
                new Case(gatysOut + "--content {photo.jpg} --report {folder}", 2, "is a folder"),
                // numbers and names
                new Case(
                        "gatys --style {painting.jpg} --out @work/out.png --content {photo.jpg} --size 8",
                        2,
                        "size must be between 16 and 4096"),
                new Case(
                        "gatys --style {painting.jpg} --out @work/out.png --content {photo.jpg} --size big",
                        2,
                        "'big' is not an int"),
                new Case(
                        "gatys --style {painting.jpg} --out @work/out.png --content {photo.jpg} --iterations 0",
                        2,
                        "iterations must be at least 1"),
                new Case(gatysOut + "--content {photo.jpg} --optimizer sgd", 2, "unknown optimizer 'sgd'"),
                new Case(gatysOut + "--content {photo.jpg} --learning-rate -1", 2, "learning rate"),
                new Case(gatysOut + "--content {photo.jpg} --style-scale 10", 2, "style scale"),
                new Case(gatysOut + "--content {photo.jpg} --tv-weight -1", 2, "weight"),
                new Case(
                        gatysOut + "--content {photo.jpg} --style-layers l1:abc",
                        2,
                        "--style-layers l1:abc: the weight after ':' must be a number, got 'abc'"),
                new Case(gatysOut + "--content {photo.jpg} --style-layers nope", 1, "no layer named 'nope'"),
                new Case(gatysOut + "--content {photo.jpg} --content-layer nope", 1, "no layer named 'nope'"),
                new Case(gatysOut + "--content {photo.jpg} --style-blend 1,2", 2, "--style-blend needs one weight"),
                new Case(gatysOut + "--content {photo.jpg} --init {missing.jpg}", 2, "--init must be"),
                new Case(gatysOut + "--content {photo.jpg} --features resnet", 2, "resnet"),
                new Case(gatysOut + "--content {photo.jpg} --backend quantum", 1, "no backend 'quantum'"),
                new Case(gatysOut + "--content {photo.jpg} --backend onnxruntime", 1, "onnxruntime"),
                new Case(gatysOut + "--content {photo.jpg} --device gpu", 1, "device gpu requested"),
                new Case(gatysOut + "--content {photo.jpg} --device tpu", 2, "tpu"),
                new Case(
                        gatysOut + "--content {photo.jpg}",
                        2,
                        "NST_THREADS must be a whole number",
                        Map.of("NST_THREADS", "many")),
                new Case("gatys --content {photo.jpg} --out @work/out.png", 2, "--style"),
                // the fast method
                new Case("fast --model monet --content {photo.jpg} --out @work/out.png", 1, "unknown model 'monet'"),
                new Case("fast --model {damaged-model} --content {photo.jpg} --out @work/out.png", 1, "Variable_3"),
                new Case("fast --model wave --content {missing.jpg} --out @work/out.png", 1, "no such file or folder"),
                new Case("fast --model wave --content {fifo.jpg} --out @work/out.png", 1, "not a regular file"),
                new Case("fast --model wave --content {folder} --out {folder}", 2, "is the same as --content"),
                new Case(
                        "fast --model wave --content {folder} --out {existing.png}", 2, "is a file; it needs a folder"),
                new Case("fast --model wave --content {photo.jpg} --out {photo.jpg}", 2, "is the same as --content"),
                new Case("fast --model wave --content {photo.jpg} --out @work/out.png --max-tile 10", 2, "max tile"),
                // the arbitrary method
                new Case(
                        "arbitrary --content {photo.jpg} --style {text.png} --out @work/out.png",
                        1,
                        "text.png: not a supported image"),
                new Case(
                        "arbitrary --content {photo.jpg} --style {painting.jpg} --out @work/out.png --strength 2",
                        2,
                        "strength must be between 0 and 1"),
                new Case(
                        "arbitrary --content {photo.jpg} --style {painting.jpg} --out {painting.jpg}",
                        2,
                        "is the same as --style"),
                new Case(
                        "arbitrary --content {photo.jpg} --style {painting.jpg} --out @work/out.png --size 5",
                        2,
                        "--size must be between 16 and 4096"),
                // training and export
                new Case(
                        "train --style {painting.jpg} --dataset {folder} --out {existing.png}",
                        2,
                        "is a file; it needs a folder"),
                new Case(
                        "train --style {painting.jpg} --dataset {missing.jpg} --out @work/model", 2, "is not a folder"),
                new Case(
                        "train --style {truncated.jpg} --dataset {folder} --out @work/model",
                        1,
                        "truncated.jpg: damaged"),
                new Case("train --style {painting.jpg} --dataset {folder} --out @work/model --batch 0", 2, "batch"),
                new Case(
                        "train --style {painting.jpg} --dataset {folder} --out @work/model --width huge",
                        2,
                        "unknown width 'huge'"),
                new Case(
                        "train --style {painting.jpg} --dataset {folder} --out {damaged-training} --resume"
                                + " --iterations 2 --size 32",
                        1,
                        "checkpoint.json is damaged: not the JSON record this SDK writes; nothing was deleted"),
                new Case("export --model wave --format tflite --out @work/w.tflite", 2, "exports 'tflite'"),
                new Case("export --model monet --format onnx --out @work/m.onnx", 1, "unknown model 'monet'"),
                new Case("bench nothing", 2, "nothing"),
                // the command line itself
                new Case("paint --content {photo.jpg}", 2, "unknown command paint (see nst --help)"),
                new Case("fats --model wave", 2, "unknown command fats; did you mean fast?"),
                new Case(
                        "fast --modle wave --content {photo.jpg} --out @work/out.png",
                        2,
                        "unknown option --modle; did you mean --model? (see nst fast --help)"),
                new Case(
                        "gatys --content {photo.jpg} --style {painting.jpg} --out @work/out.png --iteration 3",
                        2,
                        "unknown option --iteration; did you mean --iterations?"),
                new Case(
                        "fast --model wave --content {photo.jpg} --out @work/out.png --zzz",
                        2,
                        "unknown option --zzz (see"),
                // where outputs go
                new Case(
                        "fast --model wave --content {photo.jpg} --out @work/missing/out.png",
                        2,
                        "the folder @work/missing does not exist; create it, or add --mkdirs"),
                new Case(
                        "fast --model wave --content {folder} --out @work/missing",
                        2,
                        "the folder @work/missing does not exist"),
                new Case(
                        "train --style {painting.jpg} --dataset {folder} --out @work/missing/model",
                        2,
                        "the folder @work/missing does not exist"),
                new Case(
                        "export --model wave --format onnx --out @work/missing/w.onnx",
                        2,
                        "the folder @work/missing does not exist"),
                new Case(
                        "spark --model wave --content {folder} --out @work/missing",
                        2,
                        "the folder @work/missing does not exist"),
                new Case(
                        "spark --model wave --content {folder} --out @work/out --jpeg-quality 0",
                        2,
                        "--jpeg-quality must be from 1 to 100, got 0"),
                new Case(
                        "fast --model wave --content {photo.jpg} --out @work/out.jpg --jpeg-quality 101",
                        2,
                        "--jpeg-quality must be from 1 to 100, got 101"),
                new Case(
                        gatys + "--content {photo.jpg} --out @work/out.jpg --jpeg-quality 0",
                        2,
                        "--jpeg-quality must be from 1 to 100, got 0"));
    }

    @BeforeAll
    static void fixtures() throws Exception {
        fixtures = Files.createDirectories(root.resolve("fixtures"));
        byte[] photo = Files.readAllBytes(TestMirror.file("images/content/golden_gate.jpg"));
        Files.write(fixtures.resolve("photo.jpg"), photo);
        Files.copy(TestMirror.file("images/style/picasso_selfport1907.jpg"), fixtures.resolve("painting.jpg"));
        Files.write(fixtures.resolve("truncated.jpg"), Arrays.copyOf(photo, photo.length / 3));
        Files.writeString(fixtures.resolve("text.png"), "hello");
        Files.write(fixtures.resolve("empty.jpg"), new byte[0]);
        Files.write(fixtures.resolve("huge.png"), TestFiles.pngHeader(100_000, 100_000));
        Files.write(fixtures.resolve("existing.png"), photo);
        Path folder = Files.createDirectories(fixtures.resolve("folder"));
        Files.write(folder.resolve("inside.jpg"), photo);
        Process mkfifo =
                new ProcessBuilder("mkfifo", fixtures.resolve("fifo.jpg").toString()).start();
        assertEquals(0, mkfifo.waitFor());
        Path model = Files.createDirectories(fixtures.resolve("damaged-model"));
        try (Stream<Path> files = Files.list(TestMirror.file("models/fast/wave"))) {
            for (Path file : files.toList()) {
                Files.copy(file, model.resolve(file.getFileName()));
            }
        }
        Files.write(model.resolve("Variable_3"), new byte[12]);
        Path training = Files.createDirectories(fixtures.resolve("damaged-training"));
        Files.writeString(training.resolve("checkpoint.json"), "{\"step\": 4, \"snapshot\": {\"fol");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void isRefusedInOneLineAndNothingIsWritten(Case c) throws Exception {
        Path work =
                Files.createDirectories(root.resolve("work-" + Math.abs(c.args().hashCode())));
        Map<String, String> before = contents(fixtures);
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                "-Dai.djl.offline=true",
                "-cp",
                System.getProperty("java.class.path"),
                NstCli.class.getName()));
        for (String arg : c.args().split(" ")) {
            command.add(arg.replace("@work", work.toString())
                    .replaceAll("\\{([^}]+)}", fixtures.toString().replace("\\", "\\\\") + "/$1"));
        }
        ProcessBuilder pb =
                new ProcessBuilder(command).directory(work.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("NST_MIRROR", TestMirror.directory().toString());
        pb.environment().put("NST_HOME", root.resolve("home").toString());
        pb.environment().putAll(c.env());
        Process process = pb.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(3, TimeUnit.MINUTES));
        List<String> lines = err.lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), "one line, got:\n" + err);
        assertTrue(lines.get(0).startsWith("nst: "), lines.get(0));
        String expected = c.message().replace("@work", work.toString());
        assertTrue(lines.get(0).contains(expected), "expected '" + expected + "' in: " + lines.get(0));
        assertEquals(c.exit(), process.exitValue(), lines.get(0));
        assertEquals(before, contents(fixtures), "the inputs are unchanged");
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "nothing is written");
        }
    }

    /** Every file below {@code dir} (pipes aside) with the SHA-256 of its bytes. */
    private static Map<String, String> contents(Path dir) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    out.put(
                            dir.relativize(file).toString(),
                            HexFormat.of()
                                    .formatHex(
                                            MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file))));
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return out;
    }
}
