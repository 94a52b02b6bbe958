package io.nst.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.fast.FastStylizer;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark in local mode over a folder of the mirror's photos with one broken file. */
class SparkStylizerTest {

    @TempDir
    static Path photos;

    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        try (Stream<Path> files = Files.list(TestMirror.file("datasets/bsds500/val"))) {
            for (Path p : files.sorted().limit(4).toList()) {
                Files.copy(p, photos.resolve(p.getFileName()));
            }
        }
        Files.writeString(photos.resolve("broken.jpg"), "not a photo");
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("nst-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void everyGoodPhotoIsStylizedAsAloneAndTheBrokenOneFailsItsRow() throws Exception {
        List<Row> rows = SparkStylizer.fast("wave")
                .size(96)
                .apply(SparkStylizer.readImages(spark, photos.toString()).repartition(2))
                .collectAsList();
        assertEquals(5, rows.size());
        Map<String, Row> byName = rows.stream()
                .collect(Collectors.toMap(
                        r -> Path.of(java.net.URI.create(r.getString(0)))
                                .getFileName()
                                .toString(),
                        r -> r));
        Row broken = byName.get("broken.jpg");
        assertNull(broken.get(1));
        assertTrue(
                broken.getString(2).contains("broken.jpg")
                        && broken.getString(2).contains("not a supported image"),
                broken.getString(2));
        try (FastStylizer alone = FastStylizer.builder().model("wave").build()) {
            for (var entry : byName.entrySet()) {
                if (entry.getKey().equals("broken.jpg")) {
                    continue;
                }
                assertNull(entry.getValue().get(2), entry.getKey());
                BufferedImage fromSpark = ImageIO.read(
                        new ByteArrayInputStream((byte[]) entry.getValue().get(1)));
                BufferedImage expected =
                        alone.stylize(Images.resizeLongSide(Images.read(photos.resolve(entry.getKey())), 96));
                assertEquals(96, Math.max(fromSpark.getWidth(), fromSpark.getHeight()));
                assertArrayEquals(pixels(expected), pixels(fromSpark), entry.getKey());
            }
        }
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    @Test
    void aFolderKeepsItsTreeAndAccountsForEveryFileWhateverItsName() throws Exception {
        Path in = Files.createDirectories(photos.resolveSibling(photos.getFileName() + "-tree"));
        byte[] photo;
        try (Stream<Path> files = Files.list(TestMirror.file("datasets/bsds500/val"))) {
            photo = Files.readAllBytes(files.sorted().findFirst().orElseThrow());
        }
        List<String> names = List.of(
                "a/photo.jpg",
                "b/photo.jpg",
                "with space/x y.jpg",
                "100% done.jpg",
                "#hash#.jpg",
                "colon:name.jpg",
                ".hidden.jpg",
                "_underscore.jpg",
                "фото.jpg",
                "a/b/c/deep.JPG");
        for (String name : names) {
            Files.createDirectories(in.resolve(name).getParent());
            Files.write(in.resolve(name), photo);
        }
        Files.write(in.resolve("empty.png"), new byte[0]);
        Files.writeString(in.resolve("notes.txt"), "not an image");
        Files.write(in.resolve("same.gif"), photo);
        Files.write(in.resolve("same.png"), photo);
        Files.createSymbolicLink(in.resolve("dangling.jpg"), in.resolve("nowhere.jpg"));
        assertEquals(
                0,
                new ProcessBuilder("mkfifo", in.resolve("pipe.png").toString())
                        .start()
                        .waitFor());
        Path out = photos.resolveSibling(photos.getFileName() + "-styled");
        // Not the default JPEG quality: the outputs must be written at the one asked for.
        SparkStylizer job = SparkStylizer.fast("wave").size(64).jpegQuality(60);

        Map<String, Row> outcomes = job.stylizeFolder(spark, in.toString(), out.toString()).collectAsList().stream()
                .collect(Collectors.toMap(r -> r.getString(0), r -> r));

        assertEquals(names.size() + 6, outcomes.size(), outcomes.keySet().toString());
        try (FastStylizer alone = FastStylizer.builder().model("wave").size(64).build()) {
            for (String name : names) {
                Row row = outcomes.get(name);
                assertEquals("written", row.getString(2), name + ": " + row.getString(3));
                assertEquals(name, row.getString(1));
                Path expected = Files.createTempFile("expected", ".jpg");
                Images.write(alone.stylize(Images.read(in.resolve(name))), expected, 60);
                assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(out.resolve(name)), name);
            }
        }
        assertEquals("failed", outcomes.get("empty.png").getString(2));
        assertEquals("the file is empty", outcomes.get("empty.png").getString(3));
        assertEquals("skipped", outcomes.get("notes.txt").getString(2));
        for (String special : List.of("dangling.jpg", "pipe.png")) {
            assertEquals("skipped", outcomes.get(special).getString(2), special);
            assertEquals(
                    "not a regular file (a pipe, a device or a dangling link)",
                    outcomes.get(special).getString(3));
        }
        // The PNG keeps its own name; the GIF, which would be written as the same PNG, is skipped.
        assertEquals("written", outcomes.get("same.png").getString(2));
        assertEquals("same.png", outcomes.get("same.png").getString(1));
        assertEquals("skipped", outcomes.get("same.gif").getString(2));
        assertTrue(outcomes.get("same.gif").getString(3).contains("same file as same.png"));
        try (Stream<Path> written = Files.walk(out)) {
            assertEquals(
                    names.size() + 1,
                    written.filter(Files::isRegularFile).count(),
                    "one output per image written, no part files left");
        }
    }

    @Test
    void clipsAreStylizedOnePerTaskAndADamagedOneSaysWhy() throws Exception {
        Path in = Files.createDirectories(photos.resolveSibling(photos.getFileName() + "-clips"));
        BufferedImage scene = Images.resizeLongSide(Images.read(TestMirror.file("images/content/tubingen.jpg")), 140);
        writeClip(in.resolve("walk.mp4"), scene, 6);
        writeClip(in.resolve("pan/long.webm"), scene, 9);
        byte[] whole = Files.readAllBytes(in.resolve("pan/long.webm"));
        Files.write(in.resolve("pan/cut.webm"), java.util.Arrays.copyOf(whole, whole.length / 2));
        Files.writeString(in.resolve("notes.mov"), "not a clip");
        Path out = photos.resolveSibling(photos.getFileName() + "-clips-styled");

        Map<String, Row> outcomes =
                SparkStylizer.fast("wave")
                        .size(64)
                        .stylizeFolder(spark, in.toString(), out.toString())
                        .collectAsList()
                        .stream()
                        .collect(Collectors.toMap(r -> r.getString(0), r -> r));

        assertEquals("written", outcomes.get("walk.mp4").getString(2), String.valueOf(outcomes.get("walk.mp4")));
        assertNull(outcomes.get("walk.mp4").getString(3));
        assertEquals(6, frames(out.resolve("walk.mp4")));
        assertEquals("written", outcomes.get("pan/long.webm").getString(2));
        assertEquals(9, frames(out.resolve("pan/long.webm")));
        Row cut = outcomes.get("pan/cut.webm");
        assertEquals("written", cut.getString(2));
        assertTrue(cut.getString(3).contains("cut short after"), cut.getString(3));
        assertEquals("failed", outcomes.get("notes.mov").getString(2));
        assertTrue(
                outcomes.get("notes.mov").getString(3).startsWith("cannot be decoded as a clip"),
                outcomes.get("notes.mov").getString(3));
        try (Stream<Path> written = Files.walk(out)) {
            assertEquals(3, written.filter(Files::isRegularFile).count(), "three clips, no part files left");
        }
    }

    /** {@code frames} views of {@code scene} panned 3 px a frame, 96x64, at 12 frames a second. */
    private static void writeClip(Path clip, BufferedImage scene, int frames) throws Exception {
        Files.createDirectories(clip.getParent());
        String name = clip.getFileName().toString();
        try (FFmpegFrameRecorder recorder = new FFmpegFrameRecorder(clip.toFile(), 96, 64, 0);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat(name.substring(name.lastIndexOf('.') + 1));
            recorder.setFrameRate(12);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setVideoCodecName(name.endsWith(".webm") ? "libvpx" : "mpeg4");
            recorder.start();
            for (int f = 0; f < frames; f++) {
                BufferedImage view = new BufferedImage(96, 64, BufferedImage.TYPE_3BYTE_BGR);
                view.getGraphics().drawImage(scene.getSubimage(3 * f, 0, 96, 64), 0, 0, null);
                recorder.record(converter.convert(view));
            }
            recorder.stop();
        }
    }

    private static int frames(Path clip) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            int count = 0;
            while (grabber.grabImage() != null) {
                count++;
            }
            return count;
        }
    }

    @Test
    void anOutputFolderInsideTheInputIsRefused() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> SparkStylizer.fast("wave")
                        .stylizeFolder(
                                spark, photos.toString(), photos.resolve("out").toString()));
        assertTrue(e.getMessage().contains("is inside the input folder"), e.getMessage());
    }
}
