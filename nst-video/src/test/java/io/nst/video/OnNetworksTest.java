package io.nst.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.StyleTransfer;
import io.nst.StyleTransferException;
import io.nst.fast.FastStylizer;
import io.nst.internal.AtomicFiles;
import io.nst.repo.ModelRepository;
import io.nst.testing.Concurrently;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stabilised methods on the real networks: a photo panned with sensor-like noise flickers at most half as much. */
class OnNetworksTest {

    private static List<BufferedImage> clip;

    @BeforeAll
    static void clip() {
        BufferedImage photo = Images.resizeLongSide(Images.read(TestMirror.file("images/content/tubingen.jpg")), 180);
        clip = TestClips.panned(photo, 6, 128, 72, 2, 4, 6);
    }

    @Test
    void theFastMethodFlickersAtMostHalfAsMuch() {
        try (FastStylizer wave = FastStylizer.builder()
                .model("wave")
                .backend("onnxruntime")
                .repository(TestMirror.repository())
                .build()) {
            double perFrame =
                    temporalError(VideoStylizer.builder().stylizer(wave).stability(0));
            double steadied = temporalError(VideoStylizer.builder().stylizer(wave));
            System.out.printf("fast: per frame %.2f, stabilised %.2f%n", perFrame, steadied);
            assertTrue(steadied <= perFrame / 2, steadied + " against " + perFrame);
        }
    }

    @Test
    void carriedNormsStartFromTheFirstFramesOwnStatisticsAndThenFollowTheirRunningMeans() {
        try (FastStylizer wave = FastStylizer.builder()
                        .model("wave")
                        .backend("onnxruntime")
                        .repository(TestMirror.repository())
                        .build();
                FrameSequence own = VideoStylizer.builder()
                        .stylizer(wave)
                        .stability(0)
                        .build()
                        .sequence();
                FrameSequence carried = VideoStylizer.builder()
                        .stylizer(wave)
                        .stability(0)
                        .statisticsCarry(0.9)
                        .build()
                        .sequence()) {
            double[] differences = new double[clip.size()];
            for (int f = 0; f < clip.size(); f++) {
                differences[f] = TestClips.meanDifference(own.next(clip.get(f)), carried.next(clip.get(f)));
            }
            assertTrue(differences[0] < 0.5, "the first frame takes its own statistics: " + differences[0]);
            // The pan brings new parts of the photo in, and the noise differs: later frames' own statistics differ.
            assertTrue(differences[clip.size() - 1] > differences[0], java.util.Arrays.toString(differences));
            assertEquals("", carried.statisticsNote());
        }
    }

    @Test
    void gatysFollowsTheMotionAndFlickersAtMostHalfAsMuch() {
        StyleTransfer template = StyleTransfer.builder()
                .content(clip.get(0))
                .style(TestMirror.file("images/style/starry_night.jpg"))
                .size(128)
                .iterations(40)
                .seed(1)
                .repository(TestMirror.repository())
                .build();
        double perFrame = temporalError(VideoStylizer.builder().gatys(template).stability(0));
        double steadied = temporalError(VideoStylizer.builder().gatys(template));
        System.out.printf("gatys: per frame %.2f, stabilised %.2f%n", perFrame, steadied);
        assertTrue(steadied <= perFrame / 2, steadied + " against " + perFrame);
    }

    @Test
    void oneStylizerServesSeveralClipsAtOnceWithTheSameFramesAsAlone(@TempDir Path dir) throws Exception {
        Path frames = frames(dir, clip.size());
        try (FastStylizer wave = FastStylizer.builder()
                .model("wave")
                .backend("onnxruntime")
                .repository(TestMirror.repository())
                .build()) {
            VideoStylizer video = VideoStylizer.builder().stylizer(wave).build();
            video.stylize(frames, dir.resolve("alone"));
            AtomicInteger run = new AtomicInteger();
            List<Path> outputs = Concurrently.run(4, 8, () -> {
                Path out = dir.resolve("run" + run.incrementAndGet());
                video.stylize(frames, out);
                return out;
            });
            for (Path out : outputs) {
                for (int i = 1; i <= clip.size(); i++) {
                    String name = String.format("frame_%05d.png", i);
                    assertArrayEquals(
                            Files.readAllBytes(dir.resolve("alone").resolve(name)),
                            Files.readAllBytes(out.resolve(name)),
                            out + "/" + name);
                }
            }
        }
    }

    @Test
    void aLongClipsFramesPaintedSideBySideAreThoseOfASequencePaintedOneAtATime(@TempDir Path dir) throws Exception {
        int length = (int) VideoStylizer.FRAMES_ALONGSIDE;
        Path frames = frames(dir, length);
        try (FastStylizer wave = FastStylizer.builder()
                .model("wave")
                .backend("onnxruntime")
                .repository(TestMirror.repository())
                .build()) {
            Set<String> painters = ConcurrentHashMap.newKeySet();
            VideoStylizer video = notingPainters(wave, painters);
            video.stylize(frames, dir.resolve("out"));
            if (Runtime.getRuntime().availableProcessors() >= 2) {
                assertEquals(Set.of("nst-video-paint-0", "nst-video-paint-1"), painters, "two clips alongside");
            }
            try (FrameSequence oneAtATime = video.sequence()) {
                for (int i = 0; i < length; i++) {
                    BufferedImage expected = oneAtATime.next(clip.get(i % clip.size()));
                    BufferedImage painted =
                            Images.read(dir.resolve("out").resolve(String.format("frame_%05d.png", i + 1)));
                    assertArrayEquals(pixels(expected), pixels(painted), "frame " + (i + 1));
                }
            }
        }
    }

    @Test
    void aStylizerWhoseNetworkCannotBeLoadedAgainPaintsALongClipOneFrameAtATime(@TempDir Path dir) throws Exception {
        int length = (int) VideoStylizer.FRAMES_ALONGSIDE;
        Path frames = frames(dir, length);
        Path mirror = dir.resolve("mirror");
        Path model = Files.createDirectories(mirror.resolve("models/fast/wave"));
        try (Stream<Path> files = Files.list(TestMirror.file("models/fast/wave"))) {
            for (Path file : files.toList()) {
                Files.copy(file, model.resolve(file.getFileName().toString()));
            }
        }
        ModelRepository gone = ModelRepository.builder()
                .cacheDirectory(dir.resolve("cache"))
                .mirror(mirror.toString())
                .upstream(false)
                .build();
        try (FastStylizer wave = FastStylizer.builder()
                .model("wave")
                .backend("onnxruntime")
                .repository(gone)
                .build()) {
            AtomicFiles.deleteRecursively(mirror);
            AtomicFiles.deleteRecursively(dir.resolve("cache"));
            Set<String> painters = ConcurrentHashMap.newKeySet();
            VideoStylizer video = notingPainters(wave, painters);
            VideoReport report = video.stylize(frames, dir.resolve("out"));
            assertEquals(length, report.frames());
            assertEquals(Set.of(), painters, "one frame at a time");
        }
    }

    /** A stylizer of {@code wave}'s clips that adds the names of the threads painting frames to {@code painters}. */
    private static VideoStylizer notingPainters(FastStylizer wave, Set<String> painters) {
        return VideoStylizer.builder()
                .stylizer(wave)
                .progress(p -> Thread.getAllStackTraces().keySet().stream()
                        .map(Thread::getName)
                        .filter(name -> name.startsWith("nst-video-paint-"))
                        .forEach(painters::add))
                .build();
    }

    /** A folder of {@code length} frames of the clip, from its start again after its end. */
    private static Path frames(Path dir, int length) throws IOException {
        Path frames = Files.createDirectory(dir.resolve("frames"));
        for (int i = 0; i < length; i++) {
            Images.write(clip.get(i % clip.size()), frames.resolve(String.format("f%03d.png", i)));
        }
        return frames;
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    @Test
    void closingTheStylizerFromAnotherThreadStopsTheClipAndLeavesNoOutput(@TempDir Path dir) throws Exception {
        Path frames = frames(dir, (int) VideoStylizer.FRAMES_ALONGSIDE);
        FastStylizer wave = FastStylizer.builder()
                .model("wave")
                .backend("onnxruntime")
                .repository(TestMirror.repository())
                .build();
        Thread[] closer = new Thread[1];
        VideoStylizer video = VideoStylizer.builder()
                .stylizer(wave)
                .progress(p -> {
                    if (p.frame() == 2) {
                        closer[0] = new Thread(wave::close);
                        closer[0].start();
                        try {
                            closer[0].join();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                })
                .build();

        StyleTransferException e =
                assertThrows(StyleTransferException.class, () -> video.stylize(frames, dir.resolve("out.mp4")));

        assertEquals(StyleTransferException.Kind.CLOSED, e.kind());
        wave.close();
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("frames")), left.toList(), "no output, no part file");
        }
    }

    private static double temporalError(VideoStylizer.Builder video) {
        try (FrameSequence frames = video.build().sequence()) {
            for (BufferedImage frame : clip) {
                BufferedImage out = frames.next(frame);
                assertEquals(128, out.getWidth());
            }
            return frames.temporalError();
        }
    }
}
