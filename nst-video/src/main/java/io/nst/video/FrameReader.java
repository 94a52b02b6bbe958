package io.nst.video;

import io.nst.Images;
import io.nst.Limits;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionaryEntry;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;

/** The frames of a clip or a folder of images, one at a time, in order. */
interface FrameReader extends AutoCloseable {

    /** The container extensions read and written through FFmpeg. */
    List<String> CLIP_EXTENSIONS = List.of("mp4", "mov", "webm", "mkv");

    /**
     * Extensions of other video files, neither read nor written: an output so named is refused
     * rather than made a folder of frames that the user would take for a clip.
     */
    Set<String> OTHER_VIDEO_EXTENSIONS = Set.of(
            "avi", "m4v", "flv", "wmv", "mpg", "mpeg", "ts", "m2ts", "mts", "3gp", "ogv", "vob", "asf", "f4v", "mxf",
            "gif");

    /** The next frame, or null after the last; a frame that cannot be decoded ends the clip (see {@link #cutShort()}). */
    BufferedImage next();

    /** Frames per second: the grid the clip's frames are timed on (see {@link Clip#frameRate()}), or the rate given for a folder. */
    double frameRate();

    /**
     * When the frame last returned is shown, in seconds after the first frame: its timestamp for a
     * clip (frames of a variable-rate clip come unevenly), its number over the rate for a folder.
     */
    double seconds();

    /** How many frames the clip says it has, or -1 when it does not say. */
    long expectedFrames();

    /** Why the frames ended before the clip did, or empty when they did not. */
    String cutShort();

    /** What the input holds that is not taken as it is, one line each (files of a folder left out). */
    default List<String> notes() {
        return List.of();
    }

    /** The clip's display rotation in degrees, counterclockwise; 0 (a folder's) unless told otherwise. */
    default double rotation() {
        return 0;
    }

    /** Whether the input has an audio track to carry over; a folder has none. */
    default boolean hasAudio() {
        return false;
    }

    /** The file or folder read. */
    Path path();

    @Override
    void close();

    /** Whether {@code path} names a clip (by its extension) rather than a folder of frames. */
    static boolean isClip(Path path) {
        return CLIP_EXTENSIONS.contains(extension(path));
    }

    /** How to name a clip, for messages: {@code .mp4, .mov, .webm or .mkv}. */
    static String clipNames() {
        List<String> names = CLIP_EXTENSIONS.stream().map(e -> "." + e).toList();
        return String.join(", ", names.subList(0, names.size() - 1)) + " or " + names.get(names.size() - 1);
    }

    /** FFmpeg's name of the container a clip named {@code path} is written in. */
    static String format(Path path) {
        String extension = extension(path);
        return extension.equals("mkv") ? "matroska" : extension;
    }

    /** The extension of {@code path}'s name in lower case, without its dot; empty when it has none. */
    static String extension(Path path) {
        String name = path.getFileName() == null ? "" : path.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    /**
     * A reader of {@code input}: a folder of images (frames in the order of the numbers in their
     * names) at {@code folderRate}, or a clip.
     *
     * @throws StyleTransferException of kind {@code NOT_FOUND} for a missing input, {@code
     *     BAD_INPUT} for a file that is no clip or a folder without images, {@code LIMIT} for a
     *     clip whose frames have more than {@code maxPixels}, in one line naming it
     */
    static FrameReader open(Path input, double folderRate, long maxPixels) {
        if (Files.isDirectory(input)) {
            return new Folder(input, folderRate, maxPixels);
        }
        if (!Files.isRegularFile(input)) {
            throw new StyleTransferException(Kind.NOT_FOUND, input + ": no such clip or folder of frames");
        }
        if (!isClip(input)) {
            throw new StyleTransferException(
                    Kind.BAD_INPUT, input + ": not a clip; give a " + clipNames() + " file or a folder of frames");
        }
        return new Clip(input, maxPixels);
    }

    /** A clip decoded by FFmpeg. */
    final class Clip implements FrameReader {
        private final Path path;
        private final FFmpegFrameGrabber grabber;
        private String cutShort = "";
        private boolean ended;
        private long decoded;
        private long firstMicros;
        private long lastMicros;
        private final double averageRate;
        private final double frameRate;
        /** Read at the start, as the writer asks for it on a thread of its own while frames are decoded. */
        private final double rotation;

        private final boolean hasAudio;

        Clip(Path path, long maxPixels) {
            this.path = path;
            Ffmpeg.quiet();
            this.grabber = new FFmpegFrameGrabber(path.toFile());
            try {
                grabber.start();
            } catch (FrameGrabber.Exception | RuntimeException e) {
                Ffmpeg.release(grabber);
                throw new StyleTransferException(
                        Kind.BAD_INPUT, path + ": cannot be decoded as a clip (" + Ffmpeg.reason(e) + ")", e);
            }
            if (grabber.getVideoStream() < 0 || grabber.getImageWidth() <= 0) {
                Ffmpeg.release(grabber);
                throw new StyleTransferException(Kind.BAD_INPUT, path + ": has no video track");
            }
            long pixels = (long) grabber.getImageWidth() * grabber.getImageHeight();
            if (pixels > maxPixels) {
                Ffmpeg.release(grabber);
                throw new StyleTransferException(
                        Kind.LIMIT,
                        path + ": its " + grabber.getImageWidth() + "x" + grabber.getImageHeight()
                                + " frames have more pixels than the limit of " + maxPixels);
            }
            double average = grabber.getFrameRate();
            this.averageRate = average > 0 && Double.isFinite(average) ? average : 25;
            this.frameRate = gridRate();
            this.rotation = grabber.getDisplayRotation();
            this.hasAudio = grabber.getAudioStream() >= 0;
        }

        @Override
        public BufferedImage next() {
            if (ended) {
                return null;
            }
            try {
                Frame frame = grabber.grabImage();
                if (frame == null) {
                    ended = true;
                    checkLength();
                    return null;
                }
                if (decoded++ == 0) {
                    firstMicros = frame.timestamp;
                }
                lastMicros = frame.timestamp;
                return Frames.fromBgr(frame);
            } catch (FrameGrabber.Exception | RuntimeException e) {
                ended = true;
                cutShort = "the clip cannot be decoded past this point (" + Ffmpeg.reason(e) + ")";
                return null;
            }
        }

        /**
         * A clip whose data stops early (a copy cut off) ends without an error: what it announces
         * tells. Its duration gives the frame count to within a frame or so, hence the slack.
         */
        private void checkLength() {
            long expected = expectedFrames();
            if (expected > 0 && decoded < expected - 1 - expected / 100) {
                cutShort = "the clip ends after " + decoded + " of the " + expected + " frames it announces";
            }
        }

        /**
         * The rate the clip's timestamps lie on (its "real" rate, FFmpeg's {@code r_frame_rate}):
         * the average for a clip of constant rate; for a variable one, the grid its frames were
         * timed on, so that each keeps its time. The average where that rate is not a plausible
         * one (a time base of 90,000 a second).
         */
        @Override
        public double frameRate() {
            return frameRate;
        }

        private double gridRate() {
            AVStream video = grabber.getFormatContext().streams(grabber.getVideoStream());
            double grid = avutil.av_q2d(video.r_frame_rate());
            return Double.isFinite(grid) && grid >= averageRate * 0.999 && grid <= Limits.MAX_FRAME_RATE
                    ? grid
                    : averageRate;
        }

        @Override
        public double seconds() {
            return (lastMicros - firstMicros) / 1e6;
        }

        /**
         * The video track's own frame count where the container keeps one (MP4, MOV), else its own
         * duration (as a stream value, or Matroska's DURATION tag) times the frame rate; the whole
         * file's duration, which the grabber goes by, runs on to the end of the audio, so it
         * counts only for a clip without any.
         */
        @Override
        public long expectedFrames() {
            AVStream video = grabber.getFormatContext().streams(grabber.getVideoStream());
            if (video.nb_frames() > 0) {
                return video.nb_frames();
            }
            double seconds = -1;
            if (video.duration() > 0 && video.duration() != avutil.AV_NOPTS_VALUE) {
                seconds = video.duration() * avutil.av_q2d(video.time_base());
            } else {
                AVDictionaryEntry tag = avutil.av_dict_get(video.metadata(), "DURATION", null, 0);
                seconds = tag == null ? -1 : clockSeconds(tag.value().getString());
            }
            if (seconds > 0) {
                return Math.round(seconds * averageRate);
            }
            int frames = grabber.getLengthInVideoFrames();
            return frames > 0 && !hasAudio() ? frames : -1;
        }

        /** {@code 00:01:02.500000000} in seconds, or -1 when it is not such a time. */
        static double clockSeconds(String clock) {
            String[] parts = clock.split(":");
            if (parts.length != 3) {
                return -1;
            }
            try {
                return Integer.parseInt(parts[0]) * 3600.0
                        + Integer.parseInt(parts[1]) * 60.0
                        + Double.parseDouble(parts[2]);
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        @Override
        public String cutShort() {
            return cutShort;
        }

        @Override
        public double rotation() {
            return rotation;
        }

        @Override
        public boolean hasAudio() {
            return hasAudio;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public void close() {
            Ffmpeg.release(grabber);
        }
    }

    /**
     * The images of a folder, ordered by the numbers in their names. Other files are left out, and
     * said so, apart from hidden ones (a name starting with a dot, as {@code .DS_Store}); an image
     * that cannot be read ends the frames as a damaged clip's do.
     */
    final class Folder implements FrameReader {
        private static final Pattern NUMBER = Pattern.compile("\\d+");

        /** How many names a note lists before it counts the rest. */
        private static final int NAMES_SHOWN = 5;

        private final Path path;
        private final List<Path> files;
        private final List<String> notes;
        private final double rate;
        private final long maxPixels;
        private String cutShort = "";
        private int index;

        Folder(Path path, double rate, long maxPixels) {
            this.path = path;
            this.rate = rate;
            this.maxPixels = maxPixels;
            List<String> others = new ArrayList<>();
            List<FrameFile> images = new ArrayList<>();
            try (Stream<Path> list = Files.list(path)) {
                list.forEach(p -> {
                    String name = p.getFileName().toString();
                    boolean image = Images.isImageName(name);
                    if ((image || !name.startsWith(".")) && Files.isRegularFile(p)) {
                        if (image) {
                            images.add(new FrameFile(p, name, naturalKey(name)));
                        } else {
                            others.add(name);
                        }
                    }
                });
            } catch (IOException | UncheckedIOException e) {
                throw new StyleTransferException(Kind.IO, path + ": cannot be listed: " + e.getMessage(), e);
            }
            if (images.isEmpty()) {
                throw new StyleTransferException(
                        Kind.BAD_INPUT, path + ": holds no frames (" + Images.READABLE_FORMATS + " images)");
            }
            images.sort(Comparator.comparing(FrameFile::key).thenComparing(FrameFile::name));
            files = images.stream().map(FrameFile::path).toList();
            List<String> said = new ArrayList<>();
            if (!others.isEmpty()) {
                others.sort(null);
                said.add(others.size() + (others.size() == 1 ? " file was" : " files were") + " left out, not being "
                        + Images.READABLE_FORMATS + " images: " + named(others));
            }
            for (int i = 1; i < images.size(); i++) {
                FrameFile before = images.get(i - 1);
                FrameFile file = images.get(i);
                if (before.key().equals(file.key())) {
                    said.add(before.name() + " and " + file.name()
                            + " carry the same numbers; they were taken in that order");
                }
            }
            notes = List.copyOf(said);
        }

        /** An image of the folder, with the key it is ordered by (worked out once, not per comparison). */
        private record FrameFile(Path path, String name, String key) {}

        /** The name with every number zero-padded to 20 digits, so that frame_9 comes before frame_10. */
        private static String naturalKey(String name) {
            Matcher m = NUMBER.matcher(name);
            StringBuilder key = new StringBuilder();
            while (m.find()) {
                String digits = m.group();
                m.appendReplacement(key, "0".repeat(Math.max(0, 20 - digits.length())) + digits);
            }
            m.appendTail(key);
            return key.toString();
        }

        private static String named(List<String> names) {
            String shown = String.join(", ", names.subList(0, Math.min(NAMES_SHOWN, names.size())));
            return names.size() > NAMES_SHOWN ? shown + " and " + (names.size() - NAMES_SHOWN) + " more" : shown;
        }

        @Override
        public BufferedImage next() {
            if (index >= files.size() || !cutShort.isEmpty()) {
                return null;
            }
            Path file = files.get(index++);
            try {
                return Images.read(file, maxPixels);
            } catch (StyleTransferException e) {
                // A frame over the size limit refuses the job; a damaged or vanished one ends the
                // frames here, as a damaged clip's do.
                if (e.kind() != Kind.BAD_INPUT && e.kind() != Kind.NOT_FOUND) {
                    throw e;
                }
                cutShort = e.getMessage();
                return null;
            }
        }

        @Override
        public List<String> notes() {
            return notes;
        }

        @Override
        public double frameRate() {
            return rate;
        }

        @Override
        public double seconds() {
            return (index - 1) / rate;
        }

        @Override
        public long expectedFrames() {
            return files.size();
        }

        @Override
        public String cutShort() {
            return cutShort;
        }

        @Override
        public Path path() {
            return path;
        }

        @Override
        public void close() {}
    }
}
