package io.nst.cli;

import io.nst.ImageSource;
import io.nst.Images;
import io.nst.Stylizer;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.FastStylizer;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import io.nst.video.FrameSequence;
import io.nst.video.VideoStylizer;
import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * {@code nst bench video}: flicker, style and speed of the stabilised method against plain
 * per-frame stylization, on a photo panned a few pixels a frame with sensor-like noise; then a
 * 480p clip end to end against real time, and the memory over a long clip.
 */
final class VideoBench {

    /** The pan, in pixels a frame, and the noise's standard deviation in grey levels. */
    private static final int STEP = 2;

    private static final double NOISE = 4;

    /** The statistics carry shown next to the default (none). */
    private static final double CARRY_SHOWN = 0.9;

    private final ModelRepository repository = ModelRepository.fromEnvironment();
    private final Path photo;
    private final Path painting;

    VideoBench() throws java.io.IOException {
        photo = repository.resolve("images/content/tubingen.jpg");
        painting = repository.resolve("images/style/starry_night.jpg");
    }

    /**
     * For each backend, the fast method (wave) and the arbitrary one (Starry Night) on {@code
     * frames} frames {@code width} px wide: frames per second as separate images and stabilised
     * (timed alternately, frame by frame), the temporal error per frame and stabilised, and the
     * style distance to the painting (arbitrary) of both; stabilised as by default, and with the
     * norms' statistics carried from frame to frame too.
     */
    void flicker(BenchTable table, List<Backend> backends, int width, int frames) throws Exception {
        List<BufferedImage> clip = panned(Images.read(photo), width, width * 9 / 16, frames);
        StyleDistance distance =
                new StyleDistance(repository, Images.resizeLongSide(Images.read(painting), 512), clip.get(0));
        try {
            for (Backend engine : backends) {
                Map<String, Supplier<Stylizer>> methods = methods(engine);
                for (var method : methods.entrySet()) {
                    try (Stylizer stylizer = method.getValue().get()) {
                        for (double carry : new double[] {VideoStylizer.DEFAULT_STATISTICS_CARRY, CARRY_SHOWN}) {
                            row(
                                    table,
                                    engine.name(),
                                    method.getKey() + (carry == 0 ? "" : ", norms carried " + carry),
                                    stylizer,
                                    clip,
                                    method.getKey().startsWith("arbitrary") ? distance : null,
                                    carry);
                        }
                    }
                }
            }
        } finally {
            distance.close();
        }
    }

    private static void row(
            BenchTable table,
            String backend,
            String method,
            Stylizer stylizer,
            List<BufferedImage> clip,
            StyleDistance distance,
            double carry) {
        VideoStylizer plain =
                VideoStylizer.builder().stylizer(stylizer).stability(0).build();
        VideoStylizer steady = VideoStylizer.builder()
                .stylizer(stylizer)
                .statisticsCarry(carry)
                .build();
        for (int i = 0; i < 2; i++) {
            stylizer.stylize(clip.get(i));
        }
        long separate = 0;
        long stabilised = 0;
        double plainStyle = 0;
        double steadyStyle = 0;
        try (FrameSequence perFrame = plain.sequence();
                FrameSequence stable = steady.sequence()) {
            for (BufferedImage frame : clip) {
                long t0 = System.nanoTime();
                stylizer.stylize(frame);
                long t1 = System.nanoTime();
                BufferedImage steadied = stable.next(frame);
                long t2 = System.nanoTime();
                BufferedImage alone = perFrame.next(frame);
                separate += t1 - t0;
                stabilised += t2 - t1;
                if (distance != null) {
                    plainStyle += distance.of(alone);
                    steadyStyle += distance.of(steadied);
                }
            }
            int n = clip.size();
            table.add(
                    backend,
                    method,
                    String.format(Locale.ROOT, "%.2f", n / (separate / 1e9)),
                    String.format(Locale.ROOT, "%.2f", n / (stabilised / 1e9)),
                    String.format(Locale.ROOT, "%.0f%%", 100.0 * separate / stabilised),
                    String.format(Locale.ROOT, "%.2f", perFrame.temporalError()),
                    String.format(Locale.ROOT, "%.2f", stable.temporalError()),
                    String.format(Locale.ROOT, "%.2f", stable.temporalError() / perFrame.temporalError()),
                    distance == null ? "-" : String.format(Locale.ROOT, "%.4g", plainStyle / n),
                    distance == null ? "-" : String.format(Locale.ROOT, "%.4g", steadyStyle / n),
                    distance == null
                            ? "-"
                            : String.format(Locale.ROOT, "%+.1f%%", 100 * (steadyStyle / plainStyle - 1)));
        }
    }

    /**
     * A clip of {@code seconds} at 25 frames per second and {@code height} lines (16:9, with
     * audio) written and stylized end to end, stabilised, with the fast method (wave) and the
     * arbitrary one (Starry Night) on {@code engine}: the run's time against the clip's.
     */
    void realTime(BenchTable table, Backend engine, int height, double seconds) throws Exception {
        int frames = (int) Math.round(seconds * 25);
        Path dir = Files.createTempDirectory("nst-bench-video");
        try {
            Path in = dir.resolve("in.mp4");
            write(in, panned(Images.read(photo), height * 16 / 9 / 2 * 2, height, frames), 25);
            Map<String, Supplier<Stylizer>> methods = methods(engine);
            for (var method : methods.entrySet()) {
                try (Stylizer stylizer = method.getValue().get()) {
                    var report =
                            VideoStylizer.builder().stylizer(stylizer).build().stylize(in, dir.resolve("out.mp4"));
                    table.add(
                            engine.name(),
                            method.getKey(),
                            String.format(Locale.ROOT, "%dp, %.0f s (%d frames)", height, seconds, frames),
                            String.format(Locale.ROOT, "%.1f", report.seconds()),
                            String.format(Locale.ROOT, "%.2f", report.framesPerSecond()),
                            String.format(Locale.ROOT, "%.1fx", report.seconds() / seconds));
                }
            }
        } finally {
            io.nst.internal.AtomicFiles.deleteRecursively(dir);
        }
    }

    /** The fast method's wave network on {@code backend}: every video benchmark's first method. */
    private Stylizer wave(String backend) {
        return FastStylizer.builder()
                .model("wave")
                .backend(backend)
                .repository(repository)
                .build();
    }

    /** The two one-pass methods the video benchmarks run, by the name their rows give. */
    private Map<String, Supplier<Stylizer>> methods(Backend engine) {
        Map<String, Supplier<Stylizer>> methods = new java.util.LinkedHashMap<>();
        methods.put("fast (wave)", () -> wave(engine.name()));
        methods.put("arbitrary (Starry Night)", () -> ArbitraryStylizer.builder()
                .style(ImageSource.of(painting), 1)
                .backend(engine.name())
                .repository(repository)
                .build());
        return methods;
    }

    /**
     * A clip of {@code frames} frames {@code width} px wide stylized end to end (wave, {@code
     * engine}) in a JVM of its own whose heap is fixed and touched at start, so that its resident
     * memory after frame 100, halfway and after the last is the clip's and not the heap's growth
     * (which a JVM sizes as it likes).
     */
    void memory(BenchTable table, Backend engine, int width, int frames) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xms768m",
                "-Xmx768m",
                "-XX:+AlwaysPreTouch",
                "-Dai.djl.offline=" + System.getProperty("ai.djl.offline", "true"),
                "-cp",
                System.getProperty("java.class.path"),
                MemoryRun.class.getName(),
                engine.name(),
                Integer.toString(width),
                Integer.toString(frames)));
        Process child = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String printed = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (child.waitFor() != 0) {
            throw new IllegalStateException("the memory run failed: " + printed.strip());
        }
        long[] rss = java.util.Arrays.stream(printed.strip().split(" "))
                .mapToLong(Long::parseLong)
                .toArray();
        table.add(
                engine.name(),
                String.format(Locale.ROOT, "%dx%d, %d frames", width, width * 9 / 16 / 2 * 2, frames),
                rss[0] / 1024,
                rss[1] / 1024,
                rss[2] / 1024,
                String.format(Locale.ROOT, "%+.1f%%", 100.0 * (rss[2] - rss[0]) / rss[0]));
    }

    /** The memory run's own JVM: prints the resident kB after frame 100, halfway and the last. */
    static final class MemoryRun {
        public static void main(String[] args) throws Exception {
            String backend = args[0];
            int width = Integer.parseInt(args[1]);
            int frames = Integer.parseInt(args[2]);
            VideoBench bench = new VideoBench();
            Path dir = Files.createTempDirectory("nst-bench-video");
            try (Stylizer stylizer = bench.wave(backend)) {
                Path in = dir.resolve("long.mp4");
                write(in, panned(Images.read(bench.photo), width, width * 9 / 16, frames), 25);
                long[] rss = new long[3];
                VideoStylizer.builder()
                        .stylizer(stylizer)
                        .progress(p -> {
                            int at = p.frame() == 100
                                    ? 0
                                    : p.frame() == (frames + 100) / 2 ? 1 : p.frame() == frames ? 2 : -1;
                            if (at >= 0) {
                                rss[at] = residentKilobytes();
                            }
                        })
                        .build()
                        .stylize(in, dir.resolve("out.mp4"));
                System.out.println(rss[0] + " " + rss[1] + " " + rss[2]);
            } finally {
                io.nst.internal.AtomicFiles.deleteRecursively(dir);
            }
        }
    }

    /**
     * The before-and-after strip of the docs: two consecutive frames of the panned photo, as
     * input, stylized each alone and stabilised (wave on {@code engine}), each row with the change
     * between its two frames (pan undone, amplified four times), written to {@code file}.
     */
    void strip(Path file, Backend engine) throws Exception {
        int w = 320;
        int h = 180;
        List<BufferedImage> clip = panned(Images.read(photo), w, h, 12);
        try (Stylizer wave = wave(engine.name())) {
            List<List<BufferedImage>> rows = List.of(
                    clip,
                    stylized(VideoStylizer.builder().stylizer(wave).stability(0).build(), clip),
                    stylized(VideoStylizer.builder().stylizer(wave).build(), clip));
            String[] names = {"input", "each frame alone", "stabilised (" + VideoStylizer.DEFAULT_STABILITY + ")"};
            int left = 150;
            int gap = 6;
            int label = 22;
            int t = clip.size() - 2;
            BufferedImage strip =
                    new BufferedImage(left + 3 * w + 2 * gap, 3 * (h + label), BufferedImage.TYPE_INT_RGB);
            java.awt.Graphics2D g = strip.createGraphics();
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, strip.getWidth(), strip.getHeight());
            g.setRenderingHint(
                    java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 14));
            g.setColor(java.awt.Color.BLACK);
            g.drawString("frame " + t, left, 16);
            g.drawString("frame " + (t + 1), left + w + gap, 16);
            g.drawString("change (x4), pan undone", left + 2 * (w + gap), 16);
            for (int r = 0; r < rows.size(); r++) {
                int y = r * (h + label) + label;
                BufferedImage before = rows.get(r).get(t - 1);
                BufferedImage after = rows.get(r).get(t);
                g.drawString(names[r], 8, y + h / 2);
                g.drawImage(before, left, y, null);
                g.drawImage(after, left + w + gap, y, null);
                g.drawImage(change(before, after), left + 2 * (w + gap), y, null);
            }
            g.dispose();
            Images.write(strip, file, 88);
        }
    }

    private static List<BufferedImage> stylized(VideoStylizer video, List<BufferedImage> clip) {
        List<BufferedImage> out = new ArrayList<>();
        try (FrameSequence frames = video.sequence()) {
            for (BufferedImage frame : clip) {
                out.add(frames.next(frame));
            }
        }
        return out;
    }

    /** The grey-level change from {@code before} to {@code after}, the pan undone, times four. */
    private static BufferedImage change(BufferedImage before, BufferedImage after) {
        BufferedImage change = new BufferedImage(after.getWidth(), after.getHeight(), BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < after.getHeight(); y++) {
            for (int x = 0; x < after.getWidth(); x++) {
                int p = before.getRGB(Math.min(after.getWidth() - 1, x + STEP), y);
                int c = after.getRGB(x, y);
                int sum = 0;
                for (int shift = 0; shift < 24; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((c >> shift) & 0xff));
                }
                int v = Math.min(255, sum / 3 * 4);
                change.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        return change;
    }

    /** This process's resident set in kB, from /proc (0 where there is none). */
    static long residentKilobytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (java.io.IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    /**
     * {@code frames} views {@code width} x {@code height} of {@code photo} (scaled to a quarter
     * more than the height), panned {@link #STEP} pixels right a frame, with Gaussian noise.
     */
    static List<BufferedImage> panned(BufferedImage photo, int width, int height, int frames) {
        BufferedImage scene = Images.resize(
                photo,
                Math.max(width + STEP * frames, photo.getWidth() * height * 5 / 4 / photo.getHeight()),
                height * 5 / 4);
        Random random = new Random(1);
        List<BufferedImage> views = new ArrayList<>();
        int[] row = new int[width];
        for (int f = 0; f < frames; f++) {
            BufferedImage view = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                scene.getRGB(STEP * f, y, width, 1, row, 0, width);
                for (int x = 0; x < width; x++) {
                    int p = row[x];
                    row[x] = (noisy(p >> 16, random) << 16) | (noisy(p >> 8, random) << 8) | noisy(p, random);
                }
                view.setRGB(0, y, width, 1, row, 0, width);
            }
            views.add(view);
        }
        return views;
    }

    private static int noisy(int channel, Random random) {
        return (int) Math.max(0, Math.min(255, Math.round((channel & 0xff) + random.nextGaussian() * NOISE)));
    }

    /** {@code frames} as an H.264 MP4 at {@code rate} with a tone as its AAC audio. */
    static void write(Path clip, List<BufferedImage> frames, double rate) throws Exception {
        BufferedImage first = frames.get(0);
        int sampleRate = 48_000;
        try (FFmpegFrameRecorder recorder =
                        new FFmpegFrameRecorder(clip.toFile(), first.getWidth(), first.getHeight(), 1);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            avutil.av_log_set_level(avutil.AV_LOG_QUIET);
            recorder.setFormat("mp4");
            recorder.setFrameRate(rate);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setVideoCodecName("libopenh264");
            recorder.setVideoBitrate(first.getWidth() * first.getHeight() * 8);
            recorder.setAudioCodec(avcodec.AV_CODEC_ID_AAC);
            recorder.setSampleRate(sampleRate);
            recorder.start();
            int samples = (int) Math.round(sampleRate / rate);
            for (int f = 0; f < frames.size(); f++) {
                BufferedImage bgr =
                        new BufferedImage(first.getWidth(), first.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                bgr.getGraphics().drawImage(frames.get(f), 0, 0, null);
                recorder.record(converter.convert(bgr));
                short[] tone = new short[samples];
                for (int i = 0; i < samples; i++) {
                    tone[i] = (short) (6000 * Math.sin(2 * Math.PI * 330 * (f * samples + i) / sampleRate));
                }
                recorder.recordSamples(sampleRate, 1, ShortBuffer.wrap(tone));
            }
            recorder.stop();
        }
    }
}
