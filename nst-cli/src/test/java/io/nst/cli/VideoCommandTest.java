package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nst.Images;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nst video} as a user types it: exit codes, the lines on stderr, the clip and the report. */
class VideoCommandTest {

    @TempDir
    Path dir;

    private Path frames;

    private record Printed(int exit, List<String> err) {
        String all() {
            return String.join("\n", err);
        }
    }

    /** Six frames of a photo panned four pixels a frame. */
    @BeforeEach
    void frames() throws Exception {
        BufferedImage photo =
                Images.resizeLongSide(Images.read(TestMirror.file("images/content/golden_gate.jpg")), 200);
        frames = Files.createDirectory(dir.resolve("frames"));
        for (int f = 0; f < 6; f++) {
            Images.write(photo.getSubimage(4 * f, 0, 160, 96), frames.resolve("shot-" + (f + 1) + ".png"));
        }
    }

    private static Printed nst(String... args) {
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            int exit = NstCli.execute(args);
            return new Printed(
                    exit, captured.toString(StandardCharsets.UTF_8).lines().toList());
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void aFolderOfFramesBecomesAClipWithAReport() throws Exception {
        Path clip = dir.resolve("out.mp4");
        Path report = dir.resolve("r.json");

        Printed run = nst(
                "video",
                "--in",
                frames.toString(),
                "--out",
                clip.toString(),
                "--model",
                "wave",
                "--frame-rate",
                "12",
                "--report",
                report.toString());

        assertEquals(0, run.exit(), run.all());
        assertFalse(run.all().contains("is now"), "--in is video's own name: " + run.all());
        assertTrue(run.err().get(run.err().size() - 1).startsWith("wrote 6 frames to " + clip), run.all());
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertEquals(6, json.get("frames").getAsInt());
        assertTrue(json.get("complete").getAsBoolean());
        assertTrue(json.get("temporalError").getAsDouble() > 0);
        assertEquals("fast", json.get("method").getAsString());
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            assertEquals(12, grabber.getFrameRate(), 1e-6);
            assertEquals(160, grabber.getImageWidth());
            int count = 0;
            while (grabber.grabImage() != null) {
                count++;
            }
            assertEquals(6, count);
        }
    }

    @Test
    void aSingleFrameHasNoTemporalErrorAndTheReportSaysNull() throws Exception {
        Path one = Files.createDirectory(dir.resolve("one"));
        Files.copy(
                frames.resolve(
                        Files.list(frames).sorted().findFirst().orElseThrow().getFileName()),
                one.resolve("f1.png"));
        Path report = dir.resolve("one.json");

        Printed run = nst(
                "video",
                "--in",
                one.toString(),
                "--out",
                dir.resolve("one-out").toString(),
                "--model",
                "wave",
                "--report",
                report.toString());

        assertEquals(0, run.exit(), run.all());
        assertTrue(
                run.err().get(run.err().size() - 1).startsWith("wrote 1 frame to ")
                        && run.err()
                                .get(run.err().size() - 1)
                                .contains("no temporal error: no two frames of one scene"),
                run.all());
        String text = Files.readString(report);
        assertFalse(text.contains("NaN"), "standard JSON: " + text);
        assertTrue(
                JsonParser.parseString(text)
                        .getAsJsonObject()
                        .get("temporalError")
                        .isJsonNull(),
                text);
    }

    @Test
    void aTrainedStyleRunsAtTheReducedPrecisionAsked() throws Exception {
        Path report = dir.resolve("int8.json");
        Printed run = nst(
                "video",
                "--in",
                frames.toString(),
                "--out",
                dir.resolve("int8").toString(),
                "--model",
                "wave",
                "--precision",
                "int8",
                "--report",
                report.toString());

        assertEquals(0, run.exit(), run.all());
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertEquals("int8", json.get("precision").getAsString());
        assertEquals("onnxruntime", json.get("backend").getAsString());
    }

    @Test
    void aPaintingStylizesFramesWithTheArbitraryNetworksCarryingTheirNormsStatistics() throws Exception {
        Path out = dir.resolve("painted");
        Path report = dir.resolve("painted.json");
        Printed run = nst(
                "video",
                "--in",
                frames.toString(),
                "--out",
                out.toString(),
                "--style",
                TestMirror.file("images/style/starry_night.jpg").toString(),
                "--size",
                "96",
                "--statistics-carry",
                "0.8",
                "--report",
                report.toString());

        assertEquals(0, run.exit(), run.all());
        assertFalse(run.all().contains("nst: "), "no warning: " + run.all());
        assertEquals(96, Images.read(out.resolve("frame_00006.png")).getWidth());
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertEquals(0.8, json.get("statisticsCarry").getAsDouble());
        assertEquals(0, json.get("warnings").getAsJsonArray().size());
    }

    @Test
    void gatysFollowsEachFrameFromTheLast() throws Exception {
        Path out = dir.resolve("gatys");
        Path report = dir.resolve("g.json");
        Printed run = nst(
                "video",
                "--in",
                frames.toString(),
                "--out",
                out.toString(),
                "--style",
                TestMirror.file("images/style/starry_night.jpg").toString(),
                "--method",
                "gatys",
                "--size",
                "48",
                "--iterations",
                "8",
                "--report",
                report.toString());

        assertEquals(0, run.exit(), run.all());
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertEquals("gatys", json.get("method").getAsString());
        assertEquals(6, json.get("frames").getAsInt());
        assertEquals(48, Images.read(out.resolve("frame_00006.png")).getWidth());
    }

    @Test
    void aFolderCutShortByADamagedFrameWritesTheFramesBeforeItAndExitsOne() throws Exception {
        byte[] fifth = Files.readAllBytes(frames.resolve("shot-5.png"));
        Files.write(frames.resolve("shot-5.png"), Arrays.copyOf(fifth, fifth.length / 2));
        Path out = dir.resolve("out");
        Path report = dir.resolve("r.json");

        Printed run = nst(
                "video",
                "--in",
                frames.toString(),
                "--out",
                out.toString(),
                "--style",
                TestMirror.file("images/style/starry_night.jpg").toString(),
                "--report",
                report.toString());

        assertEquals(1, run.exit(), run.all());
        try (Stream<Path> written = Files.list(out)) {
            assertEquals(4, written.count());
        }
        assertTrue(
                run.err()
                        .contains("nst: " + frames + ": cut short after 4 frames: " + frames.resolve("shot-5.png")
                                + ": damaged or truncated image (Error reading PNG image data)"),
                run.all());
        JsonObject json = JsonParser.parseString(Files.readString(report)).getAsJsonObject();
        assertFalse(json.get("complete").getAsBoolean());
        assertEquals(4, json.get("frames").getAsInt());
    }

    @Test
    void badInputsAreRefusedInOneLineNamingThem() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.mp4"), "not a clip");
        Path missing = dir.resolve("missing.webm");

        Printed damaged = nst(
                "video", "--in", text.toString(), "--out", dir.resolve("a.mp4").toString(), "--model", "wave");
        Printed absent = nst(
                "video",
                "--in",
                missing.toString(),
                "--out",
                dir.resolve("b.mp4").toString(),
                "--model",
                "wave");
        Printed folderMissing = nst(
                "video",
                "--in",
                frames.toString(),
                "--out",
                dir.resolve("no/c.mp4").toString(),
                "--model",
                "wave");
        Printed oil = nst(
                "video",
                "--in",
                frames.toString(),
                "--out",
                dir.resolve("d.mp4").toString(),
                "--style",
                TestMirror.file("images/style/starry_night.jpg").toString(),
                "--method",
                "oil");

        assertEquals(1, damaged.exit());
        assertEquals(
                List.of("nst: " + text + ": cannot be decoded as a clip"),
                damaged.err().stream().map(l -> l.replaceAll(" \\(.*", "")).toList());
        assertEquals(1, absent.exit());
        assertEquals(1, absent.err().size(), absent.all());
        assertTrue(absent.all().contains(missing.toString()), absent.all());
        assertEquals(2, folderMissing.exit());
        assertTrue(folderMissing.all().contains("--mkdirs"), folderMissing.all());
        assertEquals(2, oil.exit());
        assertTrue(oil.all().contains("--method oil is not a video method; use arbitrary or gatys"), oil.all());
        Printed paintingInInt8 = nst(
                "video",
                "--in",
                frames.toString(),
                "--out",
                dir.resolve("e.mp4").toString(),
                "--style",
                TestMirror.file("images/style/starry_night.jpg").toString(),
                "--precision",
                "int8");
        assertEquals(2, paintingInInt8.exit());
        assertTrue(paintingInInt8.all().contains("--precision int8 is for --model"), paintingInInt8.all());
        Printed fullCarry = nst(
                "video",
                "--in",
                frames.toString(),
                "--out",
                dir.resolve("f.mp4").toString(),
                "--model",
                "wave",
                "--statistics-carry",
                "1");
        assertEquals(2, fullCarry.exit());
        assertTrue(fullCarry.all().contains("--statistics-carry must be between 0 and 0.99, got 1.0"), fullCarry.all());
        assertFalse(Files.exists(dir.resolve("a.mp4")));
    }
}
