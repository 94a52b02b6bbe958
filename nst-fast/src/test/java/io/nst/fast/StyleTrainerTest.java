package io.nst.fast;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.StyleTransferException;
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
        return StyleTrainer.builder().style(starry).dataset(photos.getParent()).output(out).size(48).batch(2)
                .width(TransferModels.Width.SLIM).learningRate(0.01).seed(5).repository(TestMirror.repository());
    }

    @Test
    void theLossFallsAndAResumedRunEndsWithTheSameWeights() throws IOException {
        List<Double> losses = new ArrayList<>();
        Path straight = dir.resolve("straight");
        StyleTrainer.Result result = trainer(straight).iterations(12).progressEvery(1)
                .listener(p -> losses.add(p.loss().total())).build().train();
        assertEquals(12, result.iterations());
        assertEquals(1, result.skippedPhotos());
        double first = (losses.get(0) + losses.get(1)) / 2;
        double last = (losses.get(10) + losses.get(11)) / 2;
        assertTrue(last < 0.8 * first, "loss " + first + " -> " + last);

        Path interrupted = dir.resolve("interrupted");
        trainer(interrupted).iterations(6).checkpointEvery(3).build().train();
        trainer(interrupted).iterations(12).resume(true).build().train();
        try (Stream<Path> files = Files.list(straight)) {
            for (Path file : files.filter(p -> p.getFileName().toString().startsWith("Variable")).toList()) {
                assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(interrupted.resolve(file.getFileName())),
                        file.getFileName().toString());
            }
        }
        try (FastStylizer stylizer = FastStylizer.builder().model(straight.toString()).repository(TestMirror.repository())
                .build()) {
            assertEquals(40, stylizer.stylize(new java.awt.image.BufferedImage(40, 30,
                    java.awt.image.BufferedImage.TYPE_INT_RGB)).getWidth());
        }
    }

    @Test
    void epochsCountWholePassesOverThePhotos() {
        // 5 readable photos (and 1 broken one, counted as a file), batch 2: 2 epochs are 6 steps.
        StyleTrainer.Result result = trainer(dir.resolve("epochs")).epochs(2).build().train();
        assertEquals(6, result.iterations());
    }

    @Test
    void badInputsAreNamedAndNoCheckpointIsOverwritten() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        StyleTransferException noPhotos = assertThrows(StyleTransferException.class,
                () -> trainer(dir.resolve("a")).dataset(empty).iterations(1).build().train());
        assertTrue(noPhotos.getMessage().contains("no JPEG or PNG photos"), noPhotos.getMessage());

        Path text = dir.resolve("style.jpg");
        Files.writeString(text, "no painting");
        StyleTransferException badStyle = assertThrows(StyleTransferException.class,
                () -> trainer(dir.resolve("b")).style(text).iterations(1).build().train());
        assertTrue(badStyle.getMessage().contains(text + ": "), badStyle.getMessage());

        Path out = dir.resolve("c");
        trainer(out).iterations(2).build().train();
        byte[] before = Files.readAllBytes(out.resolve("checkpoint/parameters.f32"));
        StyleTransferException otherWidth = assertThrows(StyleTransferException.class,
                () -> trainer(out).width(TransferModels.Width.FULL).iterations(4).resume(true).build().train());
        assertTrue(otherWidth.getMessage().contains("different training: its width is \"slim\""), otherWidth.getMessage());
        assertArrayEquals(before, Files.readAllBytes(out.resolve("checkpoint/parameters.f32")));
    }
}
