package io.nst.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.bytedeco.opencv.global.opencv_core;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoStylizerTest {

    private static final int FRAMES = 12;
    private static List<BufferedImage> views;

    @TempDir
    Path dir;

    @BeforeAll
    static void makeViews() {
        views = TestClips.panned(TestClips.scene(400, 200, 1), FRAMES, 160, 96, 3, 4, FRAMES);
    }

    private static VideoStylizer.Builder video() {
        return VideoStylizer.builder().stylizer(new TestClips.Posterizer());
    }

    @ParameterizedTest
    @ValueSource(strings = {"mp4", "mov", "webm", "mkv"})
    void aClipKeepsItsFramesRateRotationAndAudio(String format) throws Exception {
        Path in = dir.resolve("in." + format);
        TestClips.write(in, views, 15, true, 90);
        Path out = dir.resolve("out." + format);

        VideoReport report = video().build().stylize(in, out);

        TestClips.Probe source = TestClips.probe(in);
        TestClips.Probe result = TestClips.probe(out);
        assertEquals(FRAMES, report.frames());
        assertEquals(FRAMES, result.frames());
        assertEquals(source.frameRate(), result.frameRate(), 1e-6);
        assertEquals(source.rotation(), result.rotation(), 1e-6);
        assertEquals(160, result.width());
        assertEquals(96, result.height());
        assertEquals("webm".equals(format) ? "vp9" : "h264", result.videoCodec());
        assertTrue(report.audioKept());
        assertFalse(source.audio().isEmpty());
        assertTrue(TestClips.samePackets(source.audio(), result.audio()), "audio packets copied as they were");
        assertTrue(report.complete());
        assertEquals(List.of(), report.warnings());
        assertNoPartsLeft();
    }

    /**
     * A clip of variable rate (frames missing from the 25 a second grid, as a phone drops them in
     * low light) keeps each frame at its time, to within half a frame of its average rate: frames
     * written one after another would run ahead of the audio by the gaps.
     */
    @Test
    void aClipOfVariableRateKeepsEachFrameAtItsTime() throws Exception {
        int[] slots = new int[views.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = i < 4 ? i : i + 3 + (i - 4) / 2;
        }
        Path in = dir.resolve("vfr.mp4");
        TestClips.write(in, views, 25, true, 0, slots);

        VideoReport report = video().build().stylize(in, dir.resolve("out.mp4"));

        List<Double> source = TestClips.frameTimes(in);
        List<Double> result = TestClips.frameTimes(dir.resolve("out.mp4"));
        assertEquals(FRAMES, report.frames());
        assertEquals(source.size(), result.size());
        double frame = source.get(source.size() - 1) / (source.size() - 1);
        for (int i = 0; i < source.size(); i++) {
            assertEquals(
                    source.get(i), result.get(i), frame / 2 + 1e-3, "frame " + i + " of " + source + " at " + result);
        }
        assertTrue(report.audioKept());
    }

    @Test
    void audioThatTheContainerCannotHoldIsReencodedInPlaceWithAWarning() throws Exception {
        Path in = dir.resolve("in.mp4");
        TestClips.write(in, views, 15, true, 0);

        VideoReport report = video().build().stylize(in, dir.resolve("out.webm"));

        assertTrue(report.audioKept());
        assertEquals(
                List.of(in + ": the audio track was re-encoded as opus (the webm container cannot hold aac)"),
                report.warnings());
        assertEquals(FRAMES, TestClips.probe(dir.resolve("out.webm")).frames());
        TestClips.Sound source = TestClips.sound(in);
        TestClips.Sound result = TestClips.sound(dir.resolve("out.webm"));
        assertEquals("opus", result.codec());
        assertEquals(source.start(), result.start(), 0.03, "the sound starts where it did against the frames");
        assertEquals(source.seconds(), result.seconds(), 0.05);
        assertEquals(source.rms(), result.rms(), source.rms() * 0.1, "the tone, not silence");
        assertNoPartsLeft();
    }

    @Test
    void folderToFolderIsTheSameBytesEveryRunAndOrdersFramesByNumber() throws Exception {
        // frame_9 before frame_10: numbers, not letters, order the frames.
        Path in = framesFolder("frame_%d.png");
        VideoStylizer video = video().size(128).build();

        VideoReport first = video.stylize(in, dir.resolve("a"));
        video.stylize(in, dir.resolve("b"));

        assertEquals(FRAMES, first.frames());
        try (Stream<Path> names = Files.list(dir.resolve("a"))) {
            assertEquals(FRAMES, names.count());
        }
        for (int i = 1; i <= FRAMES; i++) {
            String name = String.format("frame_%05d.png", i);
            assertArrayEquals(
                    Files.readAllBytes(dir.resolve("a").resolve(name)),
                    Files.readAllBytes(dir.resolve("b").resolve(name)));
        }
        BufferedImage frame = ImageIO.read(dir.resolve("a/frame_00001.png").toFile());
        assertEquals(128, frame.getWidth());
        assertEquals(76, frame.getHeight());
        TestClips.Probe clip;
        VideoReport toClip = video().folderFrameRate(12).build().stylize(in, dir.resolve("c.mp4"));
        clip = TestClips.probe(dir.resolve("c.mp4"));
        assertEquals(FRAMES, clip.frames());
        assertEquals(12, clip.frameRate(), 1e-6);
        assertFalse(toClip.audioKept());
        assertEquals(List.of(), toClip.warnings());
    }

    @Test
    void decodingAndEncodingOnThreadsOfTheirOwnGiveTheFramesOneThreadGives() throws Exception {
        Path in = framesFolder("frame_%d.png");
        VideoStylizer video = video().size(128).build();

        video.stylize(in, dir.resolve("out"));

        try (FrameSequence frames = video.sequence()) {
            for (int i = 0; i < FRAMES; i++) {
                BufferedImage one = frames.next(
                        ImageIO.read(in.resolve("frame_" + (i + 1) + ".png").toFile()));
                BufferedImage piped = ImageIO.read(
                        dir.resolve(String.format("out/frame_%05d.png", i + 1)).toFile());
                assertArrayEquals(Frames.packed(one), Frames.packed(piped), "frame " + i);
            }
        }
    }

    @Test
    void aClipCutShortGivesTheFramesItCouldAndSaysSo() throws Exception {
        Path whole = dir.resolve("whole.webm");
        TestClips.write(whole, views, 15, false, 0);
        byte[] bytes = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.webm");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length * 2 / 3));

        VideoReport report = video().build().stylize(cut, dir.resolve("out.webm"));

        assertFalse(report.complete());
        assertTrue(report.frames() > 0 && report.frames() < FRAMES, "frames: " + report.frames());
        assertEquals(report.frames(), TestClips.probe(dir.resolve("out.webm")).frames());
        assertTrue(report.warnings().get(0).contains("cut.webm: cut short after " + report.frames() + " frames"));
    }

    @Test
    void aFolderGivesItsFramesUpToADamagedOneAndNamesWhatItLeftOut() throws Exception {
        Path in = framesFolder("frame_%05d.png");
        Files.writeString(in.resolve("notes.txt"), "shot on a phone");
        Files.writeString(in.resolve(".DS_Store"), "");
        Files.copy(in.resolve("frame_00002.png"), in.resolve("frame_2.png"));
        byte[] eighth = Files.readAllBytes(in.resolve("frame_00008.png"));
        Files.write(in.resolve("frame_00008.png"), Arrays.copyOf(eighth, eighth.length / 3));

        VideoReport report = video().build().stylize(in, dir.resolve("out"));

        // frame_2.png after frame_00002.png: eight frames come before the damaged one.
        assertEquals(8, report.frames());
        try (Stream<Path> names = Files.list(dir.resolve("out"))) {
            assertEquals(8, names.count());
        }
        assertFalse(report.complete());
        assertEquals(
                List.of(
                        in + ": 1 file was left out, not being JPEG, PNG, BMP, GIF, TIFF or WebP images: notes.txt",
                        in + ": frame_00002.png and frame_2.png carry the same numbers; they were taken in that order",
                        in + ": cut short after 8 frames: " + in.resolve("frame_00008.png")
                                + ": damaged or truncated image (Error reading PNG image data)"),
                report.warnings());
    }

    @Test
    void aFolderWhoseFirstImageIsDamagedIsRefusedNamingIt() throws Exception {
        Path in = Files.createDirectory(dir.resolve("frames"));
        Files.write(in.resolve("frame_00001.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G'});
        ImageIO.write(views.get(0), "png", in.resolve("frame_00002.png").toFile());

        StyleTransferException e =
                assertThrows(StyleTransferException.class, () -> video().build().stylize(in, dir.resolve("out")));

        assertEquals(Kind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().startsWith(in + ": " + in.resolve("frame_00001.png")), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out")));
    }

    @Test
    void aFileThatIsNoClipIsRefusedInOneLineNamingIt() throws Exception {
        Path notClip = Files.write(dir.resolve("holiday.mp4"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Path whole = dir.resolve("whole.mp4");
        TestClips.write(whole, views, 15, false, 0);
        byte[] bytes = Files.readAllBytes(whole);
        Path truncated = Files.write(dir.resolve("truncated.mp4"), Arrays.copyOf(bytes, bytes.length / 2));

        for (Path bad : List.of(notClip, truncated)) {
            StyleTransferException e = assertThrows(
                    StyleTransferException.class, () -> video().build().stylize(bad, dir.resolve("out.mp4")));
            assertEquals(Kind.BAD_INPUT, e.kind());
            assertTrue(e.getMessage().startsWith(bad.toString()), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
        assertFalse(Files.exists(dir.resolve("out.mp4")));
        assertNoPartsLeft();
    }

    @Test
    void anInterruptStopsBeforeTheNextFrameLeavingNoOutput() throws Exception {
        Path in = dir.resolve("in.mp4");
        TestClips.write(in, views, 15, true, 0);
        VideoStylizer video = video().progress(p -> {
                    if (p.frame() == 3) {
                        Thread.currentThread().interrupt();
                    }
                })
                .build();

        StyleTransferException e =
                assertThrows(StyleTransferException.class, () -> video.stylize(in, dir.resolve("out.mp4")));

        assertEquals(Kind.CANCELLED, e.kind());
        assertTrue(Thread.interrupted(), "the interrupt is kept");
        assertFalse(Files.exists(dir.resolve("out.mp4")));
        assertNoPartsLeft();
    }

    @Test
    void outputsThatWouldLoseSomethingAreRefused() throws Exception {
        Path in = dir.resolve("in.mp4");
        TestClips.write(in, views, 15, false, 0);
        Path busy = Files.createDirectory(dir.resolve("busy"));
        Files.writeString(busy.resolve("notes.txt"), "mine");

        assertEquals(
                Kind.BAD_INPUT,
                assertThrows(StyleTransferException.class, () -> video().build().stylize(in, in))
                        .kind());
        assertEquals(
                Kind.BAD_INPUT,
                assertThrows(StyleTransferException.class, () -> video().build().stylize(in, busy))
                        .kind());
        assertEquals("mine", Files.readString(busy.resolve("notes.txt")));
        for (String name : List.of("out.avi", "OUT.M4V", "out.gif")) {
            StyleTransferException e = assertThrows(
                    StyleTransferException.class, () -> video().build().stylize(in, dir.resolve(name)));
            assertEquals(Kind.BAD_INPUT, e.kind());
            assertTrue(
                    e.getMessage().contains("clips are not written; name a .mp4, .mov, .webm or .mkv clip"),
                    e.getMessage());
            assertFalse(Files.exists(dir.resolve(name)), name + " is not made a folder of frames");
        }
        assertEquals(
                Kind.NOT_FOUND,
                assertThrows(StyleTransferException.class, () -> video().build()
                                .stylize(dir.resolve("none.mp4"), dir.resolve("o.mp4")))
                        .kind());
    }

    @Test
    void aServerBoundsTheFramesAndTheirPixels() throws Exception {
        Path clip = dir.resolve("in.webm");
        TestClips.write(clip, views, 15, false, 0);
        Path frames = framesFolder("f%d.png");

        for (Path input : List.of(clip, frames)) {
            StyleTransferException tooLong = assertThrows(
                    StyleTransferException.class,
                    () -> video().maxFrames(5).build().stylize(input, dir.resolve("long.mp4")));
            assertEquals(Kind.LIMIT, tooLong.kind());
            assertTrue(tooLong.getMessage().contains("more than 5 frames"), tooLong.getMessage());
            StyleTransferException tooLarge = assertThrows(
                    StyleTransferException.class,
                    () -> video().maxFramePixels(100 * 90).build().stylize(input, dir.resolve("large.mp4")));
            assertEquals(input == clip ? Kind.LIMIT : Kind.BAD_INPUT, tooLarge.kind(), tooLarge.getMessage());
        }
        assertEquals(
                FRAMES,
                video().maxFrames(FRAMES)
                        .build()
                        .stylize(clip, dir.resolve("ok.mp4"))
                        .frames());
        assertNoPartsLeft();
    }

    @Test
    void settingsAreCheckedAtOnce() {
        assertThrows(
                IllegalArgumentException.class, () -> VideoStylizer.builder().stability(1.5));
        assertThrows(
                IllegalArgumentException.class, () -> VideoStylizer.builder().size(3));
        assertThrows(
                IllegalArgumentException.class, () -> VideoStylizer.builder().folderFrameRate(0));
        assertThrows(IllegalStateException.class, () -> VideoStylizer.builder().build());
        assertThrows(
                IllegalArgumentException.class, () -> VideoStylizer.builder().maxFrames(0));
        assertThrows(
                IllegalArgumentException.class, () -> VideoStylizer.builder().maxFramePixels(0));
        assertThrows(
                IllegalArgumentException.class, () -> VideoStylizer.builder().statisticsCarry(1));
        assertThrows(
                IllegalArgumentException.class, () -> VideoStylizer.builder().statisticsCarry(-0.1));
    }

    @Test
    void aStylizerWhoseNormsTheSdkCannotSeeRunsEachFrameOnItsOwnAndTheReportSaysSo() throws Exception {
        Path in = dir.resolve("in.mp4");
        TestClips.write(in, views, 15, false, 0);

        VideoReport report = video().statisticsCarry(0.9).build().stylize(in, dir.resolve("out.mp4"));

        assertEquals(FRAMES, report.frames());
        assertEquals(1, report.warnings().size(), report.warnings().toString());
        assertTrue(
                report.warnings().get(0).contains("statistics were not carried from frame to frame"),
                report.warnings().get(0));
        assertTrue(
                report.warnings().get(0).startsWith(in.toString()),
                report.warnings().get(0));
    }

    @Test
    void stabilityAtLeastHalvesTheFlickerOfAnAmplifyingStylizer() {
        double perFrame = temporalError(0);
        double steadied = temporalError(VideoStylizer.DEFAULT_STABILITY);
        assertTrue(steadied <= perFrame / 2, "steadied " + steadied + " against per frame " + perFrame);
    }

    @Test
    void theSameFramesGiveTheSameOutputInAnyOpenCvThreadCount() {
        List<Integer> first = outputHashes();
        try {
            for (int threads : new int[] {1, 8}) {
                opencv_core.setNumThreads(threads);
                assertEquals(first, outputHashes(), threads + " threads");
            }
        } finally {
            opencv_core.setNumThreads(-1);
        }
    }

    private static List<Integer> outputHashes() {
        List<Integer> hashes = new ArrayList<>();
        try (FrameSequence frames = video().build().sequence()) {
            for (BufferedImage view : views) {
                BufferedImage out = frames.next(view);
                hashes.add(Arrays.hashCode(out.getRGB(0, 0, out.getWidth(), out.getHeight(), null, 0, out.getWidth())));
            }
        }
        return hashes;
    }

    @Test
    void aCutCarriesNothingOver() {
        List<BufferedImage> withCut = TestClips.panned(TestClips.scene(400, 200, 1), 8, 160, 96, 3, 4, 5);
        try (FrameSequence frames = video().build().sequence()) {
            for (BufferedImage view : withCut) {
                frames.next(view);
            }
            assertEquals(1, frames.cuts());
        }
        try (FrameSequence frames = video().build().sequence()) {
            frames.next(TestClips.scene(160, 96, 1));
            frames.next(TestClips.scene(160, 96, 2));
            assertEquals(1, frames.cuts());
            assertTrue(Double.isNaN(frames.temporalError()), "a change of scene is no flicker");
        }
    }

    private static double temporalError(double stability) {
        try (FrameSequence frames = video().stability(stability).build().sequence()) {
            for (BufferedImage view : views) {
                frames.next(view);
            }
            return frames.temporalError();
        }
    }

    /** The views as PNG images in a new folder {@code frames}, named by {@code format} from 1 on. */
    private Path framesFolder(String format) throws Exception {
        Path folder = Files.createDirectory(dir.resolve("frames"));
        for (int i = 0; i < FRAMES; i++) {
            ImageIO.write(
                    views.get(i),
                    "png",
                    folder.resolve(String.format(Locale.ROOT, format, i + 1)).toFile());
        }
        return folder;
    }

    private void assertNoPartsLeft() throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> parts = files.filter(p -> p.getFileName().toString().contains(".part-"))
                    .toList();
            assertEquals(List.of(), parts);
        }
    }
}
