package io.nst.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.StyleTransferException;
import io.nst.fast.internal.TransferModels;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short real training on photos of the BSDS500 set. */
class StyleTrainerTest {

    @TempDir
    Path dir;

    private Path photos;
    private final Path starry = TestMirror.file("images/style/starry_night.jpg");

    @BeforeEach
    void photos() throws IOException {
        photos = Files.createDirectories(dir.resolve("photos/nested"));
        try (Stream<Path> files = Files.list(TestMirror.file("datasets/bsds500/train"))) {
            for (Path p : files.sorted().limit(5).toList()) {
                Files.copy(p, photos.resolve(p.getFileName()));
            }
        }
        Files.writeString(photos.resolve("broken.jpg"), "not a photo");
    }

    private StyleTrainer.Builder trainer(Path out) {
        return TrainingRun.trainer(photos.getParent(), out);
    }

    @Test
    void theLossFallsAndAResumedRunEndsWithTheSameWeights() throws IOException {
        List<Double> losses = new ArrayList<>();
        Path straight = dir.resolve("straight");
        StyleTrainer.Result result = trainer(straight)
                .iterations(12)
                .progressEvery(1)
                .listener(p -> losses.add(p.losses().total()))
                .build()
                .train();
        assertEquals(12, result.iterations());
        assertEquals(1, result.skippedPhotos());
        double first = (losses.get(0) + losses.get(1)) / 2;
        double last = (losses.get(10) + losses.get(11)) / 2;
        assertTrue(last < 0.8 * first, "loss " + first + " -> " + last);

        Path interrupted = dir.resolve("interrupted");
        trainer(interrupted).iterations(6).checkpointEvery(3).build().train();
        trainer(interrupted).iterations(12).resume(true).build().train();
        assertSameWeights(straight, interrupted, "resumed");
        try (FastStylizer stylizer = FastStylizer.builder()
                .model(straight.toString())
                .repository(TestMirror.repository())
                .build()) {
            assertEquals(
                    40,
                    stylizer.stylize(
                                    new java.awt.image.BufferedImage(40, 30, java.awt.image.BufferedImage.TYPE_INT_RGB))
                            .getWidth());
        }
    }

    @Test
    void freshJvmsUnderDifferentCollectorsWriteByteIdenticalModels() throws Exception {
        Path here = dir.resolve("here");
        trainer(here).iterations(8).build().train();
        List<String> jvms =
                List.of("-Xmx96m -XX:+UseSerialGC", "-Xmx2g -XX:+UseParallelGC", "-Xmx256m -XX:+UseG1GC -Xshare:off");
        for (int i = 0; i < jvms.size(); i++) {
            Path there = dir.resolve("jvm" + i);
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(List.of(jvms.get(i).split(" ")));
            command.addAll(List.of(
                    "-Dai.djl.offline=true",
                    "-cp",
                    System.getProperty("java.class.path"),
                    TrainingRun.class.getName(),
                    photos.getParent().toString(),
                    there.toString(),
                    "8"));
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertEquals(0, process.waitFor(), output);
            assertSameWeights(here, there, jvms.get(i));
            assertArrayEquals(
                    Files.readAllBytes(SavedFiles.checkpoint(here, "parameters.f32")),
                    Files.readAllBytes(SavedFiles.checkpoint(there, "parameters.f32")),
                    jvms.get(i));
        }
    }

    @Test
    void aDivergingRunSaysWhereAndWhyAndKeepsTheLastGoodCheckpoint() throws IOException {
        Path out = dir.resolve("diverging");
        // Adam moves every weight by about the learning rate: 1e30 overflows the network's activations at step 2.
        StyleTransferException e = assertThrows(StyleTransferException.class, () -> trainer(out)
                .learningRate(1e30)
                .iterations(5)
                .checkpointEvery(1)
                .build()
                .train());
        assertTrue(e.getMessage().startsWith("training stopped at step 2: the loss is not finite"), e.getMessage());
        assertTrue(e.getMessage().contains("the checkpoint of step 1 is kept"), e.getMessage());
        assertTrue(e.getMessage().contains("Try a lower learning rate (now 1.0E30)"), e.getMessage());
        assertTrue(Files.readString(out.resolve("checkpoint.json")).contains("\"step\":1"));
        assertTrue(Files.notExists(out.resolve(TransferModels.METADATA)), "no model is written");
        java.nio.FloatBuffer weights = java.nio.ByteBuffer.wrap(
                        Files.readAllBytes(SavedFiles.checkpoint(out, "parameters.f32")))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
        while (weights.hasRemaining()) {
            float w = weights.get();
            assertTrue(Float.isFinite(w), "checkpointed weight " + w);
        }
    }

    @Test
    void epochsCountWholePassesOverThePhotos() {
        // 5 readable photos (and 1 broken one, counted as a file), batch 2: 2 epochs are 6 steps.
        StyleTrainer.Result result =
                trainer(dir.resolve("epochs")).epochs(2).build().train();
        assertEquals(6, result.iterations());
    }

    @Test
    void badInputsAreNamedAndNoCheckpointIsOverwritten() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        StyleTransferException noPhotos = assertThrows(StyleTransferException.class, () -> trainer(dir.resolve("a"))
                .dataset(empty)
                .iterations(1)
                .build()
                .train());
        assertTrue(
                noPhotos.getMessage().contains("no JPEG, PNG, BMP, GIF, TIFF or WebP photos"), noPhotos.getMessage());

        Path text = dir.resolve("style.jpg");
        Files.writeString(text, "no painting");
        StyleTransferException badStyle = assertThrows(StyleTransferException.class, () -> trainer(dir.resolve("b"))
                .style(text)
                .iterations(1)
                .build()
                .train());
        assertTrue(badStyle.getMessage().contains(text + ": "), badStyle.getMessage());

        Path out = dir.resolve("c");
        trainer(out).iterations(2).build().train();
        byte[] before = Files.readAllBytes(SavedFiles.checkpoint(out, "parameters.f32"));
        StyleTransferException otherWidth = assertThrows(StyleTransferException.class, () -> trainer(out)
                .width(StyleTrainer.Width.FULL)
                .iterations(4)
                .resume(true)
                .build()
                .train());
        assertTrue(
                otherWidth.getMessage().contains("different training: its width is \"slim\""), otherWidth.getMessage());
        assertArrayEquals(before, Files.readAllBytes(SavedFiles.checkpoint(out, "parameters.f32")));
    }

    @Test
    void buildNamesEachInputThatIsMissingOrNotWhatItMustBe() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        Path missing = dir.resolve("missing.jpg");
        assertEquals(
                "output " + file + " is a file; a model needs a directory",
                assertThrows(IllegalArgumentException.class, () -> trainer(file).build())
                        .getMessage());
        assertEquals(
                "style " + missing + ": no such file",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> trainer(dir.resolve("d")).style(missing).build())
                        .getMessage());
        assertEquals(
                "dataset " + file + " is not a folder",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> trainer(dir.resolve("d")).dataset(file).build())
                        .getMessage());
        assertEquals(
                "a style image, a dataset folder and an output directory are required",
                assertThrows(IllegalArgumentException.class, () -> StyleTrainer.builder()
                                .build())
                        .getMessage());
        assertEquals(
                "training size must be between 16 and 1024 pixels, got 2048",
                assertThrows(IllegalArgumentException.class, () -> StyleTrainer.builder()
                                .size(2048))
                        .getMessage());
    }

    /** The two model directories hold the same weights, file by file. */
    static void assertSameWeights(Path expected, Path actual, String what) throws IOException {
        Path a = SavedFiles.weights(expected);
        Path b = SavedFiles.weights(actual);
        try (Stream<Path> files = Files.list(a)) {
            for (Path file : files.toList()) {
                assertArrayEquals(
                        Files.readAllBytes(file),
                        Files.readAllBytes(b.resolve(file.getFileName())),
                        what + ": " + file.getFileName());
            }
        }
    }
}
