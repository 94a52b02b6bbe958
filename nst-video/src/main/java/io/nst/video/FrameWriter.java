package io.nst.video;

import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.internal.AtomicFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameRecorder;

/**
 * Where the stylized frames go: a clip or a folder, written aside and put in place whole by
 * {@link #finish()}; {@link #close()} without it leaves nothing behind.
 */
interface FrameWriter extends AutoCloseable {

    /**
     * Adds the next frame, shown {@code seconds} after the first: a clip keeps the time, on the
     * grid of its frame rate, a folder the order.
     */
    void write(BufferedImage frame, double seconds);

    /** Completes the output and puts it in place, replacing a clip of the same name whole. */
    void finish();

    /** What became of the input's audio track; for a clip, known once {@link #finish()} returned. */
    AudioMux.Outcome audio();

    /** Removes what was written unless {@link #finish()} completed. */
    @Override
    void close();

    /**
     * A writer of {@code output}: a clip when its extension names one, else a folder of {@code
     * frame_00001.png}...
     *
     * @throws StyleTransferException of kind {@code BAD_INPUT} for a folder that already holds files
     *     or a name of a kind of clip that is not written
     */
    static FrameWriter open(Path output, FrameReader source) {
        if (FrameReader.isClip(output)) {
            return new Clip(output, source);
        }
        String extension = FrameReader.extension(output);
        if (FrameReader.OTHER_VIDEO_EXTENSIONS.contains(extension)) {
            throw new StyleTransferException(
                    Kind.BAD_INPUT,
                    output + ": ." + extension + " clips are not written; name a " + FrameReader.clipNames()
                            + " clip, or a folder for the frames");
        }
        return new Folder(output);
    }

    /** A name beside {@code target} for a file or folder on its way there. */
    static Path partBeside(Path target, String suffix) {
        Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + ".part-"
                + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 1) + suffix);
    }

    /** Deletes {@code path} if it is there, without throwing: it is a part being discarded. */
    static void discard(Path path) {
        try {
            AtomicFiles.deleteRecursively(path);
        } catch (IOException e) {
            // A leftover part file is harmless, named as one, and the failure that led here matters more.
        }
    }

    /** A folder of PNG frames, numbered from 1. */
    final class Folder implements FrameWriter {
        private static final AudioMux.Outcome NO_AUDIO =
                new AudioMux.Outcome(false, "left out (a folder of frames has no audio)");

        private final Path target;
        private final Path part;
        private int frames;
        private boolean finished;

        Folder(Path target) {
            this.target = target;
            if (Files.exists(target) && !isEmptyFolder(target)) {
                throw new StyleTransferException(
                        Kind.BAD_INPUT,
                        target + ": exists and is not an empty folder; name a new folder for the frames");
            }
            this.part = partBeside(target, "");
            try {
                Files.createDirectory(part);
            } catch (IOException e) {
                throw new StyleTransferException(Kind.IO, target + ": cannot be written: " + e.getMessage(), e);
            }
        }

        private static boolean isEmptyFolder(Path path) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(path)) {
                return !entries.iterator().hasNext();
            } catch (IOException e) {
                return false;
            }
        }

        @Override
        public void write(BufferedImage frame, double seconds) {
            frames++;
            Images.write(frame, part.resolve(String.format(Locale.ROOT, "frame_%05d.png", frames)));
        }

        @Override
        public void finish() {
            try {
                Files.deleteIfExists(target);
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new StyleTransferException(Kind.IO, target + ": cannot be written: " + e.getMessage(), e);
            }
            finished = true;
        }

        @Override
        public AudioMux.Outcome audio() {
            return NO_AUDIO;
        }

        @Override
        public void close() {
            if (!finished) {
                discard(part);
            }
        }
    }

    /** A clip encoded by FFmpeg: H.264 in MP4, MOV and Matroska, VP9 in WebM; the source's audio copied in as it was. */
    final class Clip implements FrameWriter {
        private final Path target;
        private final FrameReader source;
        private final String format;
        private final Path videoPart;
        private FFmpegFrameRecorder recorder;
        /** The frame handed to the encoder, BGR bytes, written over by each image. */
        private Frame bgr;

        private int width;
        private int height;
        private boolean finished;
        private long slot = -1;
        private AudioMux.Outcome audio = AudioMux.Outcome.NONE;

        Clip(Path target, FrameReader source) {
            this.target = target;
            this.source = source;
            this.format = FrameReader.format(target);
            this.videoPart = partBeside(target, "." + FrameReader.extension(target));
            Ffmpeg.quiet();
        }

        @Override
        public void write(BufferedImage frame, double seconds) {
            if (recorder == null) {
                start(frame.getWidth() / 2 * 2, frame.getHeight() / 2 * 2);
                bgr = new Frame(width, height, Frame.DEPTH_UBYTE, 3);
            }
            // A frame goes in the slot of the rate's grid nearest its time, after the last one's: a
            // variable-rate clip keeps its gaps, and its frames stay where the audio expects them.
            slot = Math.max(slot + 1, Math.round(seconds * source.frameRate()));
            try {
                recorder.setFrameNumber(Math.toIntExact(slot));
                Frames.intoBgr(frame, bgr);
                recorder.record(bgr);
            } catch (FrameRecorder.Exception | RuntimeException e) {
                throw new StyleTransferException(Kind.IO, target + ": cannot be encoded: " + Ffmpeg.reason(e), e);
            }
        }

        private void start(int w, int h) {
            width = w;
            height = h;
            FFmpegFrameRecorder r = new FFmpegFrameRecorder(videoPart.toFile(), w, h, 0);
            r.setFormat(format);
            r.setFrameRate(source.frameRate());
            r.setPixelFormat(avutil.AV_PIX_FMT_YUV420P);
            r.setVideoCodecName("webm".equals(format) ? "libvpx-vp9" : "libopenh264");
            r.setVideoBitrate(
                    (int) Math.min(Integer.MAX_VALUE, Math.max(500_000, w * (long) h * source.frameRate() / 4)));
            r.setGopSize((int) Math.max(1, Math.round(2 * source.frameRate())));
            if (source.rotation() != 0) {
                r.setDisplayRotation(source.rotation());
            }
            try {
                r.start();
            } catch (FrameRecorder.Exception | RuntimeException e) {
                Ffmpeg.release(r);
                throw new StyleTransferException(Kind.IO, target + ": cannot be written: " + Ffmpeg.reason(e), e);
            }
            recorder = r;
        }

        @Override
        public void finish() {
            if (recorder == null) {
                throw new StyleTransferException(Kind.BAD_INPUT, source.path() + ": no frame to write");
            }
            try {
                recorder.stop();
            } catch (FrameRecorder.Exception | RuntimeException e) {
                throw new StyleTransferException(Kind.IO, target + ": cannot be written: " + Ffmpeg.reason(e), e);
            } finally {
                Ffmpeg.release(recorder);
            }
            try {
                // The video alone, or with the source's audio muxed in, goes into place whole.
                AtomicFiles.write(target, part -> {
                    if (source.hasAudio()) {
                        audio = AudioMux.mux(videoPart, source.path(), part, format);
                    }
                    if (!audio.kept()) {
                        Files.move(videoPart, part, StandardCopyOption.REPLACE_EXISTING);
                    }
                });
            } catch (IOException e) {
                throw new StyleTransferException(Kind.IO, target + ": cannot be written: " + e.getMessage(), e);
            }
            finished = true;
            close();
        }

        @Override
        public AudioMux.Outcome audio() {
            return audio;
        }

        @Override
        public void close() {
            if (recorder != null && !finished) {
                Ffmpeg.release(recorder);
            }
            if (bgr != null) {
                bgr.close();
            }
            discard(videoPart);
        }
    }
}
