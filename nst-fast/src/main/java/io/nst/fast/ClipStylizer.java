package io.nst.fast;

import io.nst.StyleTransferException;
import io.nst.Stylizer;
import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * A one-pass stylizer's networks used for the frames of one clip, in order ({@link
 * NativeStylizer#clip(double)}): each instance norm takes a running mean of its statistics over the
 * frames so far instead of each frame's own. The norms set the colours and contrast of the
 * strokes; on a frame of its own they follow its noise and small changes, which is part of the
 * flicker of stylized video. A new scene ({@link #cut()}) starts the means again.
 *
 * <p>The layers between two norms run in the engine, compiled once for the clip on the first
 * frame, and the norms between them in Java: a frame costs a little more than a photo of its size.
 * A stylizer of an engine's own saved model, whose norms the SDK cannot see, stylizes each frame
 * on its own ({@link #carriesStatistics()} says so).
 *
 * <p><b>Resources.</b> Holds the compiled parts, and the networks of a clip made to run alongside
 * ({@link NativeStylizer#clipsAlongside}), until {@link #close()}; the stylizer it came from stays
 * its owner's. <b>Threads.</b> Calls run one at a time, and {@link #close()} from any thread
 * waits for the one in flight, as for every {@link Stylizer}; the frames of a clip come in order, so
 * a clip is meant for one thread. Calls fail with kind {@code CLOSED} once either this or its
 * stylizer is closed.
 */
public final class ClipStylizer implements Stylizer {

    private final NativeStylizer stylizer;
    /** The stylizer {@link #stylizer} was rebuilt from, for the clip alone; null when it is that one. */
    private final NativeStylizer origin;

    /**
     * The running means of the norms' statistics; null when each frame's own are taken (nothing
     * carried, or norms the SDK cannot see), as the whole network takes them.
     */
    private final ClipNorms norms;

    private final CallGuard guard;

    /**
     * @param stylizer the networks the frames run on
     * @param origin the stylizer they were rebuilt from, for this clip to close with itself; null
     *     when {@code stylizer} is the caller's
     */
    ClipStylizer(NativeStylizer stylizer, NativeStylizer origin, double carry) {
        this.stylizer = stylizer;
        this.origin = origin;
        this.norms = carry > 0 && stylizer.described() ? new ClipNorms(carry) : null;
        this.guard = new CallGuard(toString(), this::release);
    }

    private void release() {
        try {
            if (norms != null) {
                norms.close();
            }
        } finally {
            if (origin != null) {
                stylizer.close();
            }
        }
    }

    /**
     * {@code frame} repainted as the stylizer repaints a photo, its norms' statistics carried from
     * the frames before (since the last {@link #cut()}).
     *
     * @throws StyleTransferException as {@link Stylizer#stylize(BufferedImage)}
     * @throws NullPointerException if {@code frame} is null
     */
    @Override
    public BufferedImage stylize(BufferedImage frame) {
        Objects.requireNonNull(frame, "frame");
        return guard.call(() -> {
            if (origin != null) {
                origin.guard.checkpoint();
            }
            return stylizer.stylize(frame, norms);
        });
    }

    /**
     * The next frame starts a new scene: its norms take its own statistics.
     *
     * @throws StyleTransferException of kind {@code CLOSED} after {@link #close()}, {@code
     *     CANCELLED} when interrupted while a call runs
     */
    public void cut() {
        guard.call(() -> {
            if (norms != null) {
                norms.cut();
            }
            return null;
        });
    }

    /**
     * Whether the norms' statistics are carried from frame to frame: false for an engine's own saved
     * model, whose frames are each stylized on their own.
     */
    public boolean carriesStatistics() {
        return stylizer.described();
    }

    @Override
    public String backend() {
        return stylizer.backend();
    }

    @Override
    public String device() {
        return stylizer.device();
    }

    /** Frees the compiled parts once no call runs; the stylizer stays open. A second call does nothing. */
    @Override
    public void close() {
        guard.close();
    }

    @Override
    public String toString() {
        return "ClipStylizer[" + (origin != null ? origin : stylizer) + "]";
    }
}
