package io.nst.video;

import io.nst.GatysOptions;
import io.nst.Limits;
import io.nst.Method;
import io.nst.StyleTransfer;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.Stylizer;
import io.nst.fast.ClipStylizer;
import io.nst.fast.NativeStylizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stylizes clips and folders of frames with a one-pass {@link Stylizer} or with Gatys, frame by
 * frame, without flicker: each output of a one-pass stylizer is blended with the previous output
 * carried along the input's optical flow wherever that flow is reliable, and Gatys starts each
 * frame from that carried output and is held near it by a temporal loss ({@link
 * Builder#stability(double)}). The instance norms of the SDK's one-pass stylizers can also take
 * running means of their statistics over the frames ({@link Builder#statisticsCarry(double)}).
 *
 * <pre>{@code
 * try (Stylizer wave = FastStylizer.builder().model("wave").build()) {
 *     VideoStylizer video = VideoStylizer.builder().stylizer(wave).size(512).build();
 *     VideoReport report = video.stylize(Path.of("walk.mp4"), Path.of("walk-wave.mp4"));
 * }
 * }</pre>
 *
 * <p><b>Inputs and outputs.</b> MP4, MOV, WebM and Matroska clips through FFmpeg (H.264 in MP4,
 * MOV and Matroska, VP9 in WebM), keeping the frame rate, the display rotation and the audio
 * track, which is copied packet for packet (re-encoded only where the container cannot hold its
 * codec); or folders of images in and {@code frame_00001.png}... out. Frames stream
 * through: memory holds a few frames whatever the clip's length.
 *
 * <p><b>Threads.</b> Immutable and thread-safe; the stylizer it was given runs one call at a
 * time. A call to {@link #stylize(Path, Path)} decodes and follows the motion ahead of the
 * stylizer, and steadies and encodes behind it, on two threads of its own that end before it
 * returns; the output is the same bytes as one thread's. It holds no native memory of its own
 * between calls and needs no closing; the stylizer stays the caller's to close. An interrupted
 * run stops before the next frame with kind {@code CANCELLED}, the interrupt kept set, and
 * leaves no output behind.
 */
public final class VideoStylizer {

    private static final Logger LOG = LoggerFactory.getLogger(VideoStylizer.class);

    /**
     * The default weight of the previous output where the flow is reliable: it leaves 0.19-0.20 of
     * a network's flicker on a pan and 0.30 on a zoom (10 frames at 512x288 with sensor noise,
     * arbitrary method, eight photo and painting pairs), and 0.48 of the flicker of strokes that
     * come for a frame and go; with the blended frames' fine texture restored, their style distance
     * to the painting stays within 6 % of each frame alone's (docs/video.md).
     */
    public static final double DEFAULT_STABILITY = 0.75;

    /**
     * The default weight of the frames before in each instance norm's statistics: none. On the
     * benchmark's clips a carry of 0.9 changed the temporal error by -2 % (a pan), +3 % (a zoom)
     * and +3 % (a zoom with the exposure flickering), costing a tenth to a third of the frame rate: the transfer
     * networks' flicker is local, and a frame's own statistics take out its exposure, which a
     * running mean brings back.
     */
    public static final double DEFAULT_STATISTICS_CARRY = 0;

    /**
     * How many frames of a clip are painted at once: two, each on half the engine's threads (on the
     * project's two cores one each: the arbitrary method 10.5 frames a second of 854x480 against
     * 8.6 one frame at a time on both, in docs/performance.md's hours).
     */
    static final int CLIPS_ALONGSIDE = 2;

    /**
     * The fewest frames a clip has for them to be painted side by side: making the clips alongside
     * (their networks loaded and compiled anew) took half a second here, which a hundred frames of
     * 854x480 repay four times over (at 256 px about once).
     */
    static final long FRAMES_ALONGSIDE = 100;

    /** The largest weight of the frames before in each instance norm's statistics. */
    public static final double MAX_STATISTICS_CARRY = 0.99;

    /** The frame rate given to a folder of frames unless set. */
    public static final double DEFAULT_FOLDER_FRAME_RATE = 25;

    private static final VideoProgress.Listener SILENT = progress -> {};

    private final Stylizer stylizer;
    private final StyleTransfer gatys;
    private final double stability;
    private final double statisticsCarry;
    private final int size;
    private final double folderFrameRate;
    private final VideoProgress.Listener progress;
    private final long maxFrames;
    private final long maxFramePixels;

    private VideoStylizer(Builder b) {
        this.stylizer = b.stylizer;
        this.gatys = b.gatys;
        this.stability = b.stability;
        this.statisticsCarry = b.statisticsCarry;
        this.size = b.size;
        this.folderFrameRate = b.folderFrameRate;
        this.progress = b.progress;
        this.maxFrames = b.maxFrames;
        this.maxFramePixels = b.maxFramePixels;
    }

    /** A builder with the defaults: stability {@value #DEFAULT_STABILITY}, each clip's own size. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Stylizes the clip or folder of frames {@code input} into {@code output}: a clip when its
     * name ends in .mp4, .mov, .webm or .mkv, else a new (or empty) folder of PNG frames. The output
     * appears whole when the run ends, replacing a clip of that name; a run that fails or is
     * cancelled leaves none. A clip that cannot be decoded to its end gives the frames it could,
     * and so does a folder up to an image that cannot be read; the report says so. A folder's
     * files that are not images (hidden ones apart) are left out with a warning naming them.
     *
     * @throws StyleTransferException of kind {@code NOT_FOUND} for a missing input, {@code
     *     BAD_INPUT} for an input that is no clip or holds no frame, an output that is the input,
     *     a folder with files in it or named as a kind of clip not written (.avi), {@code CANCELLED} when the thread is interrupted, {@code
     *     IO} when the output cannot be written, and the stylizer's own kinds
     * @throws NullPointerException if an argument is null
     */
    public VideoReport stylize(Path input, Path output) {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
        if (input.toAbsolutePath().normalize().equals(output.toAbsolutePath().normalize())) {
            throw new StyleTransferException(Kind.BAD_INPUT, output + ": is the input; name another output");
        }
        long start = System.nanoTime();
        try (FrameReader reader = FrameReader.open(input, folderFrameRate, maxFramePixels);
                FrameWriter writer = FrameWriter.open(output, reader);
                FrameSequence frames = sequence(alongside(input, reader.expectedFrames()))) {
            long expectedFrames = reader.expectedFrames();
            int painted = 0;
            try (FramePipeline pipeline = new FramePipeline(reader, frames, writer)) {
                FramePipeline.Timed<FrameSequence.Tracked> frame;
                while ((frame = pipeline.next()) != null) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw cancelled(input, painted, null);
                    }
                    if (painted >= maxFrames) {
                        throw tooLong(input);
                    }
                    try {
                        pipeline.write(frames.paintAhead(frame.frame()), frame.seconds());
                    } catch (StyleTransferException e) {
                        // The stylizer speaks of a photo; the caller gave a clip.
                        throw e.kind() == Kind.CANCELLED ? cancelled(input, painted, e) : e;
                    }
                    painted++;
                    progress.onFrame(new VideoProgress(painted, expectedFrames, seconds(start)));
                }
                pipeline.finish();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw cancelled(input, painted, e);
            }
            List<String> warnings = new ArrayList<>();
            reader.notes().forEach(note -> warnings.add(input + ": " + note));
            if (!reader.cutShort().isEmpty()) {
                if (frames.frames() == 0) {
                    throw new StyleTransferException(Kind.BAD_INPUT, input + ": " + reader.cutShort());
                }
                warnings.add(input + ": cut short after " + frames.frames() + " frames: " + reader.cutShort());
            }
            writer.finish();
            if (!frames.statisticsNote().isEmpty()) {
                warnings.add(input + ": " + frames.statisticsNote());
            }
            if (reader.hasAudio() && !writer.audio().note().isEmpty()) {
                warnings.add(input + ": the audio track was " + writer.audio().note());
            }
            double seconds = seconds(start);
            return new VideoReport(
                    frames.frames(),
                    seconds,
                    frames.frames() / seconds,
                    frames.temporalError(),
                    frames.cuts(),
                    reader.hasAudio() && writer.audio().kept(),
                    reader.cutShort().isEmpty(),
                    warnings);
        }
    }

    /**
     * Whether {@link #stylize(Path, Path)} takes {@code path} for a clip (its name ends in .mp4,
     * .mov, .webm or .mkv, in any case) rather than a folder of frames.
     *
     * @throws NullPointerException if {@code path} is null
     */
    public static boolean isClip(Path path) {
        return FrameReader.isClip(Objects.requireNonNull(path, "path"));
    }

    /**
     * A sequence for frames the caller decodes itself, stylized with this configuration; the
     * caller closes it.
     */
    public FrameSequence sequence() {
        return sequence(false);
    }

    /**
     * @param alongside whether frames may be painted side by side ({@link FramesAlongside}), as
     *     they are when the pipeline paints ahead
     */
    private FrameSequence sequence(boolean alongside) {
        if (stylizer != null) {
            return new FrameSequence(
                    alongside ? paintersAlongside() : Painter.OnePass.of(stylizer, stability, statisticsCarry), size);
        }
        int longSide = size != 0 ? size : gatys.options(GatysOptions.class).size();
        return new FrameSequence(new Painter.Gatys(gatys, stability), longSide);
    }

    /**
     * Whether a clip of {@code expectedFrames} frames is long enough to be painted side by side.
     *
     * @throws StyleTransferException of kind {@code LIMIT} for a clip longer than allowed, before
     *     anything is made for it
     */
    private boolean alongside(Path input, long expectedFrames) {
        if (expectedFrames > maxFrames) {
            throw tooLong(input);
        }
        return expectedFrames >= FRAMES_ALONGSIDE;
    }

    /**
     * {@value #CLIPS_ALONGSIDE} clips of the stylizer painting every other frame, each on its share
     * of the engine's threads, when the stylizer can make them and each frame's norms are its own;
     * else the stylizer one frame at a time.
     */
    private Painter paintersAlongside() {
        if (statisticsCarry == 0 && stylizer instanceof NativeStylizer sdk) {
            List<ClipStylizer> clips = clipsAlongside(sdk);
            if (!clips.isEmpty()) {
                return new FramesAlongside(clips, stability);
            }
        }
        return Painter.OnePass.of(stylizer, stability, statisticsCarry);
    }

    /** {@code sdk}'s clips alongside, or none where they cannot be made or its networks loaded again. */
    private static List<ClipStylizer> clipsAlongside(NativeStylizer sdk) {
        try {
            return sdk.clipsAlongside(0, CLIPS_ALONGSIDE);
        } catch (StyleTransferException e) {
            if (e.kind() == Kind.CANCELLED || e.kind() == Kind.CLOSED) {
                throw e;
            }
            // A network in memory alone (a model being trained) cannot be loaded again; the frames
            // are the same one at a time.
            LOG.debug("{}: frames painted one at a time, as {}", sdk, e.getMessage());
            return List.of();
        }
    }

    private static StyleTransferException cancelled(Path input, int frames, Throwable cause) {
        return new StyleTransferException(
                Kind.CANCELLED, input + ": cancelled after " + frames + " frames; nothing was written", cause);
    }

    private StyleTransferException tooLong(Path input) {
        return new StyleTransferException(
                Kind.LIMIT,
                input + ": has more than " + maxFrames + " frames, the most this stylizer takes; send a shorter clip");
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    /** Settings of a {@link VideoStylizer}; not thread-safe, copied by {@link #build()}. */
    public static final class Builder {
        private Stylizer stylizer;
        private StyleTransfer gatys;
        private double stability = DEFAULT_STABILITY;
        private double statisticsCarry = DEFAULT_STATISTICS_CARRY;
        private int size;
        private double folderFrameRate = DEFAULT_FOLDER_FRAME_RATE;
        private VideoProgress.Listener progress = SILENT;
        private long maxFrames = Long.MAX_VALUE;
        private long maxFramePixels = Limits.DEFAULT_MAX_PIXELS;

        private Builder() {}

        /**
         * Refuse a clip of more frames (kind {@code LIMIT}): before any work when the clip says how
         * long it is, else when the frame after the last allowed is read; for a server that bounds
         * each job's cost. Default: no limit.
         *
         * @throws IllegalArgumentException unless {@code frames} is positive
         */
        public Builder maxFrames(long frames) {
            if (frames < 1) {
                throw new IllegalArgumentException("max frames must be at least 1, got " + frames);
            }
            this.maxFrames = frames;
            return this;
        }

        /**
         * Refuse a clip whose frames have more pixels than this, from its header before decoding
         * any (kind {@code LIMIT}), and likewise each image of a folder; default {@link
         * Limits#DEFAULT_MAX_PIXELS}.
         *
         * @throws IllegalArgumentException unless {@code pixels} is positive
         */
        public Builder maxFramePixels(long pixels) {
            this.maxFramePixels = Limits.maxPixels("max frame pixels", pixels);
            return this;
        }

        /**
         * The one-pass stylizer that repaints each frame ({@code FastStylizer}, {@code
         * ArbitraryStylizer}); it stays the caller's to close.
         *
         * @throws NullPointerException if {@code stylizer} is null
         */
        public Builder stylizer(Stylizer stylizer) {
            this.stylizer = Objects.requireNonNull(stylizer, "stylizer");
            this.gatys = null;
            return this;
        }

        /**
         * Gatys on every frame instead of a one-pass stylizer, after Ruder et al. (2016): {@code
         * template}'s paintings, weights, layers, optimiser and backend apply to each frame, whose
         * picture replaces the template's content. The first frame (and the first after a cut)
         * takes the template's iterations from its start; each other frame starts from the
         * previous result carried along the motion and is held near it there by a temporal term
         * ({@link io.nst.Anchor}, weighed by {@link #stability(double)}), in a quarter of the
         * iterations (at least 10). Frames are the template's size unless {@link #size(int)} says.
         *
         * @throws IllegalArgumentException if {@code template} is not a Gatys transfer
         * @throws NullPointerException if {@code template} is null
         */
        public Builder gatys(StyleTransfer template) {
            Objects.requireNonNull(template, "template");
            if (template.method() != Method.GATYS) {
                throw new IllegalArgumentException("a video's Gatys template must use the Gatys method, got "
                        + template.method().id() + "; give a one-pass method as a stylizer(..)");
            }
            this.gatys = template;
            this.stylizer = null;
            return this;
        }

        /**
         * How much of the previous output each frame keeps where the optical flow follows it, 0
         * (each frame on its own: flickers) to 1 (strokes stay as the first frame laid them);
         * default {@value #DEFAULT_STABILITY}. Uncovered areas and cuts always take the new frame.
         *
         * @throws IllegalArgumentException if {@code stability} is not between 0 and 1
         */
        public Builder stability(double stability) {
            this.stability = Limits.strength("stability", stability);
            return this;
        }

        /**
         * How much of the frames before each instance norm of a one-pass stylizer keeps in its
         * statistics, 0 (each frame its own, as a photo) to {@value #MAX_STATISTICS_CARRY}; default
         * {@value #DEFAULT_STATISTICS_CARRY} (see there why). The norms then take a running mean of
         * their statistics over the frames so far, from the last cut on, so that a clip's colours
         * and contrast change slowly; it costs a tenth to a third of the frame rate (the networks
         * run from norm to norm). A stylizer of an engine's saved model, or of the caller's own,
         * whose norms the SDK cannot see, stylizes each frame on its own, and the report says so.
         * Gatys has no norms to carry.
         *
         * @throws IllegalArgumentException if {@code carry} is not between 0 and {@value
         *     #MAX_STATISTICS_CARRY}
         */
        public Builder statisticsCarry(double carry) {
            if (!(carry >= 0 && carry <= MAX_STATISTICS_CARRY)) {
                throw new IllegalArgumentException(
                        "statistics carry must be between 0 and " + MAX_STATISTICS_CARRY + ", got " + carry);
            }
            this.statisticsCarry = carry;
            return this;
        }

        /**
         * The long side of the output frames in pixels, {@value Limits#MIN_SIZE} to {@value
         * Limits#MAX_SIZE}; by default the input's. Sides are rounded to even numbers, as encoders need.
         *
         * @throws IllegalArgumentException if {@code pixels} is out of range
         */
        public Builder size(int pixels) {
            this.size = Limits.size("size", pixels);
            return this;
        }

        /**
         * The frame rate of a clip written from a folder of frames; default {@value
         * #DEFAULT_FOLDER_FRAME_RATE}. A clip keeps its own.
         *
         * @throws IllegalArgumentException if {@code framesPerSecond} is not above 0 and at most
         *     {@link Limits#MAX_FRAME_RATE}
         */
        public Builder folderFrameRate(double framesPerSecond) {
            this.folderFrameRate = Limits.frameRate("folderFrameRate", framesPerSecond);
            return this;
        }

        /**
         * Told of each frame written.
         *
         * @throws NullPointerException if {@code listener} is null
         */
        public Builder progress(VideoProgress.Listener listener) {
            this.progress = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The configured video stylizer.
         *
         * @throws IllegalStateException if no stylizer was given
         */
        public VideoStylizer build() {
            if (stylizer == null && gatys == null) {
                throw new IllegalStateException(
                        "a video stylizer needs a method: call stylizer(..) or gatys(..) first");
            }
            return new VideoStylizer(this);
        }
    }
}
