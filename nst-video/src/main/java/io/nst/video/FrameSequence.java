package io.nst.video;

import io.nst.StyleTransferException;
import io.nst.Stylizer;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * One clip's frames stylized in order, for a program with frames of its own (a camera, a
 * decoder): each call stylizes a frame and steadies it against the one before.
 *
 * <p><b>Resources.</b> Holds the optical flow's native buffers, and for a one-pass stylizer of
 * the SDK the parts of its networks compiled for the clip, until {@link #close()}; the stylizer
 * stays the caller's. <b>Threads.</b> One thread at a time: a clip's frames come in order.
 */
public final class FrameSequence implements AutoCloseable {

    private final Painter painter;
    private final int longSide;
    private final MotionTracker tracker = new MotionTracker();
    private final TemporalFilter filter;
    /** The frames' size, set by the first one (0 before). */
    private int width;

    private int height;
    /**
     * Frames settled, by the thread that settles them; a clip's report reads it after that thread
     * is joined.
     */
    private int frames;

    private boolean closed;

    FrameSequence(Painter painter, int longSide) {
        this.painter = painter;
        this.longSide = longSide;
        this.filter = new TemporalFilter(painter.keep());
    }

    /**
     * {@code frame} stylized, steadied against the previous frame's result. Every frame is
     * brought to the first one's size (its long side the sequence's {@code size}, both sides even).
     *
     * @throws StyleTransferException as {@link Stylizer#stylize(BufferedImage)} or a Gatys run, and of kind
     *     {@code CLOSED} after {@link #close()}
     * @throws NullPointerException if {@code frame} is null
     */
    public BufferedImage next(BufferedImage frame) {
        Objects.requireNonNull(frame, "frame");
        checkOpen();
        return next(track(frame));
    }

    /** A frame brought to the sequence's size, and the motion into it from the frame tracked before. */
    record Tracked(BufferedImage input, MotionTracker.Track track) {}

    /**
     * The first half of {@link #next(BufferedImage)}, which reads the inputs alone: {@code frame}
     * sized and tracked from the frame tracked before. It may run ahead of {@link
     * #next(Tracked)}, on another thread, one frame at a time and in order.
     */
    Tracked track(BufferedImage frame) {
        if (width == 0) {
            int[] size = Frames.evenSize(frame.getWidth(), frame.getHeight(), longSide);
            width = size[0];
            height = size[1];
        }
        BufferedImage input = Frames.sized(frame, width, height);
        return new Tracked(input, tracker.track(input));
    }

    /** The rest of {@link #next(BufferedImage)}: the tracked frame stylized and steadied. */
    BufferedImage next(Tracked frame) {
        checkOpen();
        TemporalFilter.Motion motion = carried(frame);
        return settled(motion, painter.paint(frame.input(), continues(frame), () -> motion));
    }

    /**
     * {@link #next(Tracked)} in two steps: {@code frame} stylized now, and steadied when the
     * supplier returned is called, which may happen on another thread while the next frame is
     * stylized; the suppliers are called in frame order, each once, one thread at a time. A
     * method that starts from the carried output (Gatys) cannot be ahead of it and steadies at
     * once.
     */
    Supplier<BufferedImage> paintAhead(Tracked frame) {
        if (painter.readsCarriedOutput()) {
            BufferedImage result = next(frame);
            return () -> result;
        }
        checkOpen();
        Supplier<BufferedImage> painted = painter.paintAhead(frame.input(), continues(frame));
        return () -> settled(carried(frame), painted.get());
    }

    /** The previous output carried along the motion into {@code frame}. */
    private TemporalFilter.Motion carried(Tracked frame) {
        BufferedImage input = frame.input();
        return filter.carry(frame.track(), input.getWidth(), input.getHeight());
    }

    private BufferedImage settled(TemporalFilter.Motion motion, BufferedImage painted) {
        BufferedImage result = filter.settle(motion, painted);
        frames++;
        return result;
    }

    private static boolean continues(Tracked frame) {
        return !frame.track().cut();
    }

    private void checkOpen() {
        if (closed) {
            throw new StyleTransferException(StyleTransferException.Kind.CLOSED, "the frame sequence is closed");
        }
    }

    /** Frames stylized and steadied so far. */
    public int frames() {
        return frames;
    }

    /**
     * The flicker left so far: the mean absolute difference, in grey levels, between each output
     * and the previous output carried along the input's optical flow, on the pixels the flow marks
     * reliable, cuts left out; NaN before two frames of one scene.
     */
    public double temporalError() {
        return filter.temporalError();
    }

    /** Frames taken as scene cuts so far: too little of the previous frame could be followed into them. */
    public int cuts() {
        return filter.cuts();
    }

    /** Why the norms' statistics were not carried from frame to frame though asked, else empty. */
    String statisticsNote() {
        return painter.statisticsNote();
    }

    /** Frees the flow's buffers and what the method holds for the clip; a second call does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            try (Painter held = painter;
                    MotionTracker flow = tracker) {
                filter.close();
            }
        }
    }
}
