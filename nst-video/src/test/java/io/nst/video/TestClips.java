package io.nst.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_AAC;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;

import io.nst.Stylizer;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.ShortBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/** Clips made for the tests: a scene panned a few pixels a frame, with sensor-like noise, audio and rotation. */
final class TestClips {

    static final int SAMPLE_RATE = 48_000;

    private TestClips() {}

    /** A scene with detail at every scale: gradients, discs and stripes, deterministic. */
    static BufferedImage scene(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(40, 90, 160), width, height, new Color(220, 180, 90)));
        g.fillRect(0, 0, width, height);
        Random random = new Random(seed);
        for (int i = 0; i < 60; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            int d = 8 + random.nextInt(width / 6);
            g.fillOval(random.nextInt(width), random.nextInt(height), d, d);
        }
        for (int x = 0; x < width; x += 23) {
            g.setColor(new Color(255, 255, 255, 60));
            g.fillRect(x, 0, 4, height);
        }
        g.dispose();
        return image;
    }

    /**
     * {@code frames} views of {@code scene}, {@code width} x {@code height}, panned {@code step}
     * pixels right a frame, each with Gaussian noise of {@code noise} grey levels; from frame
     * {@code cutAt} on (if below {@code frames}) the view jumps to the scene turned upside down.
     */
    static List<BufferedImage> panned(
            BufferedImage scene, int frames, int width, int height, int step, double noise, int cutAt) {
        Random random = new Random(7);
        List<BufferedImage> views = new ArrayList<>();
        for (int f = 0; f < frames; f++) {
            BufferedImage view = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int sx = x + f * step;
                    int sy = f >= cutAt ? scene.getHeight() - 1 - y : y;
                    int p = scene.getRGB(sx, sy);
                    int r = clamp(((p >> 16) & 0xff) + random.nextGaussian() * noise);
                    int g = clamp(((p >> 8) & 0xff) + random.nextGaussian() * noise);
                    int b = clamp((p & 0xff) + random.nextGaussian() * noise);
                    view.setRGB(x, y, (r << 16) | (g << 8) | b);
                }
            }
            views.add(view);
        }
        return views;
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }

    /**
     * Writes {@code frames} to {@code clip} (mp4, mov, webm or mkv by its name) at {@code rate}, with
     * a tone as audio when {@code audio} (AAC, or Opus in WebM) and the display rotation {@code rotation}.
     */
    static void write(Path clip, List<BufferedImage> frames, double rate, boolean audio, double rotation)
            throws Exception {
        write(clip, frames, rate, audio, rotation, null);
    }

    /**
     * The same, frame {@code i} in slot {@code slots[i]} of the rate's grid (a clip of variable
     * rate, as phones record in low light), or one after the other when {@code slots} is null.
     */
    static void write(Path clip, List<BufferedImage> frames, double rate, boolean audio, double rotation, int[] slots)
            throws Exception {
        String name = clip.getFileName().toString();
        String format = name.substring(name.lastIndexOf('.') + 1);
        BufferedImage first = frames.get(0);
        try (FFmpegFrameRecorder recorder =
                        new FFmpegFrameRecorder(clip.toFile(), first.getWidth(), first.getHeight(), audio ? 1 : 0);
                Java2DFrameConverter converter = new Java2DFrameConverter()) {
            recorder.setFormat(FrameReader.format(clip));
            recorder.setFrameRate(rate);
            recorder.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            recorder.setVideoCodecName("webm".equals(format) ? "libvpx" : "mpeg4");
            if (!"webm".equals(format)) {
                recorder.setVideoQuality(2);
            }
            if (audio) {
                recorder.setAudioCodec("webm".equals(format) ? AV_CODEC_ID_OPUS : AV_CODEC_ID_AAC);
                recorder.setSampleRate(SAMPLE_RATE);
                recorder.setAudioBitrate(64_000);
            }
            if (rotation != 0) {
                recorder.setDisplayRotation(rotation);
            }
            recorder.start();
            int samplesPerFrame = (int) Math.round(SAMPLE_RATE / rate);
            for (int f = 0; f < frames.size(); f++) {
                BufferedImage bgr =
                        new BufferedImage(first.getWidth(), first.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
                bgr.getGraphics().drawImage(frames.get(f), 0, 0, null);
                if (slots != null) {
                    recorder.setFrameNumber(slots[f]);
                }
                recorder.record(converter.convert(bgr));
                if (audio) {
                    short[] tone = new short[samplesPerFrame];
                    for (int i = 0; i < tone.length; i++) {
                        tone[i] =
                                (short) (8000 * Math.sin(2 * Math.PI * 440 * (f * samplesPerFrame + i) / SAMPLE_RATE));
                    }
                    recorder.recordSamples(SAMPLE_RATE, 1, ShortBuffer.wrap(tone));
                }
            }
            recorder.stop();
        }
    }

    /** What a player sees of a clip: frames, rate, rotation, video codec and the audio packets' bytes. */
    record Probe(
            int frames,
            double frameRate,
            double rotation,
            String videoCodec,
            int width,
            int height,
            List<byte[]> audio) {}

    static Probe probe(Path clip) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            double rate = grabber.getFrameRate();
            double rotation = grabber.getDisplayRotation();
            String codec = grabber.getVideoCodecName();
            int width = grabber.getImageWidth();
            int height = grabber.getImageHeight();
            int audioStream = grabber.getAudioStream();
            int videoStream = grabber.getVideoStream();
            List<byte[]> audio = new ArrayList<>();
            int frames = 0;
            AVPacket packet;
            while ((packet = grabber.grabPacket()) != null) {
                if (packet.stream_index() == audioStream) {
                    byte[] bytes = new byte[packet.size()];
                    packet.data().get(bytes);
                    audio.add(bytes);
                } else if (packet.stream_index() == videoStream) {
                    frames++;
                }
            }
            return new Probe(frames, rate, rotation, codec, width, height, audio);
        }
    }

    /**
     * What a listener hears of a clip's audio: its codec, when its first samples play (seconds,
     * from the clip's start), how long it lasts and its loudness (RMS, 16-bit scale).
     */
    record Sound(String codec, double start, double seconds, double rms) {}

    static Sound sound(Path clip) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.setSampleFormat(avutil.AV_SAMPLE_FMT_S16);
            grabber.start();
            double start = -1;
            long samples = 0;
            double squares = 0;
            Frame frame;
            while ((frame = grabber.grabSamples()) != null) {
                if (start < 0) {
                    start = frame.timestamp / 1e6;
                }
                ShortBuffer pcm = (ShortBuffer) frame.samples[0];
                for (int i = pcm.position(); i < pcm.limit(); i += frame.audioChannels) {
                    squares += pcm.get(i) * (double) pcm.get(i);
                    samples++;
                }
            }
            return new Sound(
                    grabber.getAudioCodecName(),
                    start,
                    samples / (double) grabber.getSampleRate(),
                    Math.sqrt(squares / Math.max(1, samples)));
        }
    }

    /** When each frame of {@code clip} is shown, in seconds after the first. */
    static List<Double> frameTimes(Path clip) throws Exception {
        try (FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(clip.toFile())) {
            grabber.start();
            List<Double> times = new ArrayList<>();
            Frame frame;
            while ((frame = grabber.grabImage()) != null) {
                times.add(frame.timestamp / 1e6);
            }
            double first = times.get(0);
            return times.stream().map(t -> t - first).toList();
        }
    }

    /** Whether two lists of packets hold the same bytes. */
    /** The mean absolute difference of two images of one size, in grey levels over the three channels. */
    static double meanDifference(BufferedImage a, BufferedImage b) {
        double sum = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                int p = a.getRGB(x, y);
                int q = b.getRGB(x, y);
                for (int shift = 0; shift < 24; shift += 8) {
                    sum += Math.abs(((p >> shift) & 0xff) - ((q >> shift) & 0xff));
                }
            }
        }
        return sum / (3.0 * a.getWidth() * a.getHeight());
    }

    static boolean samePackets(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * A stand-in for a network that, like them, turns small input changes into large output
     * ones: colours quantised to four levels a channel and swapped around.
     */
    static final class Posterizer implements Stylizer {
        @Override
        public BufferedImage stylize(BufferedImage photo) {
            BufferedImage out = new BufferedImage(photo.getWidth(), photo.getHeight(), BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < photo.getHeight(); y++) {
                for (int x = 0; x < photo.getWidth(); x++) {
                    int p = photo.getRGB(x, y);
                    int r = level((p >> 16) & 0xff);
                    int g = level((p >> 8) & 0xff);
                    int b = level(p & 0xff);
                    out.setRGB(x, y, (b << 16) | (r << 8) | g);
                }
            }
            return out;
        }

        private static int level(int v) {
            return Math.min(3, v / 64) * 85;
        }

        @Override
        public String backend() {
            return "test";
        }

        @Override
        public String device() {
            return "cpu";
        }

        @Override
        public void close() {}
    }
}
