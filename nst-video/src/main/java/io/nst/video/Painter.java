package io.nst.video;

import io.nst.Anchor;
import io.nst.GatysOptions;
import io.nst.ImageSource;
import io.nst.StyleTransfer;
import io.nst.Stylizer;
import io.nst.fast.ClipStylizer;
import io.nst.fast.NativeStylizer;
import java.awt.image.BufferedImage;
import java.util.function.Supplier;

/** How a method repaints one frame, given the motion from the frame before. */
interface Painter extends AutoCloseable {

    /**
     * {@code input} repainted. {@code continues}: whether it follows on from the frame before
     * (no cut, not the first); {@code motion}: what the motion carries over from the previous
     * output, asked for only by a painter that {@linkplain #readsCarriedOutput() reads it}.
     */
    BufferedImage paint(BufferedImage input, boolean continues, Supplier<TemporalFilter.Motion> motion);

    /**
     * {@code input} painted as {@link #paint} paints it, by a painter that does not {@linkplain
     * #readsCarriedOutput() read the carried output}, perhaps on another thread while the caller
     * goes on: the supplier gives the painting, waiting for it if need be, and throws what painting
     * it threw. Called in frame order, from one thread; each supplier called once.
     */
    default Supplier<BufferedImage> paintAhead(BufferedImage input, boolean continues) {
        BufferedImage painted = paint(input, continues, () -> {
            throw new IllegalStateException("painted ahead: the carried output is not known yet");
        });
        return () -> painted;
    }

    /**
     * Whether {@link #paint} asks for the carried output, so that a frame can be painted only
     * once the one before is settled; a painter that does not can paint a frame while the one
     * before is settled.
     */
    default boolean readsCarriedOutput() {
        return false;
    }

    /** How much of the carried output to blend into the painted frame where it is reliable. */
    double keep();

    /** Why the norms' statistics are not carried from frame to frame though asked, else empty. */
    default String statisticsNote() {
        return "";
    }

    /** Frees what the painter holds for the clip. */
    @Override
    default void close() {}

    /**
     * A one-pass stylizer's frames, blended with the carried output by {@code stability}; with
     * {@code clip} (when the stylizer is one of the SDK's), its norms' statistics carried from frame
     * to frame, from a cut on afresh.
     */
    record OnePass(Stylizer stylizer, ClipStylizer clip, double stability, String statisticsNote) implements Painter {

        /** {@code stylizer}'s frames with {@code carry} of its norms' statistics carried, when it can. */
        static OnePass of(Stylizer stylizer, double stability, double carry) {
            if (carry == 0) {
                return new OnePass(stylizer, null, stability, "");
            }
            if (!(stylizer instanceof NativeStylizer sdk)) {
                return new OnePass(
                        stylizer,
                        null,
                        stability,
                        "the norms' statistics were not carried from frame to frame: " + stylizer
                                + " does not show its networks to the SDK (a stylizer of your own, or a view"
                                + " from ArbitraryStylizer.withStyle: build an ArbitraryStylizer with the style"
                                + " instead)");
            }
            ClipStylizer clip = sdk.clip(carry);
            return new OnePass(
                    stylizer,
                    clip,
                    stability,
                    clip.carriesStatistics()
                            ? ""
                            : "the norms' statistics were not carried from frame to frame: " + stylizer
                                    + " runs an engine's saved model, whose norms the SDK cannot see");
        }

        @Override
        public BufferedImage paint(BufferedImage input, boolean continues, Supplier<TemporalFilter.Motion> motion) {
            if (clip == null) {
                return stylizer.stylize(input);
            }
            if (!continues) {
                clip.cut();
            }
            return clip.stylize(input);
        }

        @Override
        public double keep() {
            return stability;
        }

        @Override
        public void close() {
            if (clip != null) {
                clip.close();
            }
        }
    }

    /**
     * Gatys per frame, after Ruder et al.: the first frame (and each after a cut) optimised from
     * the template's start, every other one from the previous result carried along the motion
     * (the new frame where it cannot be followed), held near it there by an {@link Anchor}, in a
     * quarter of the iterations.
     */
    record Gatys(StyleTransfer template, double stability) implements Painter {

        /**
         * The anchor's weight at stability 1; the style term weighs 30 by default. 1200 at the
         * default stability, as measured (docs/video.md).
         */
        static final double ANCHOR_WEIGHT = 1600;

        /** The fewest iterations a followed frame gets. */
        static final int MIN_FOLLOWING_ITERATIONS = 10;

        @Override
        public BufferedImage paint(BufferedImage input, boolean continues, Supplier<TemporalFilter.Motion> carried) {
            GatysOptions options =
                    template.options(GatysOptions.class).withSize(Math.max(input.getWidth(), input.getHeight()));
            if (continues && stability > 0) {
                TemporalFilter.Motion motion = carried.get();
                options = options.withInitImage(ImageSource.of(motion.carriedOver(input)))
                        .withIterations(followingIterations(options.iterations()))
                        .withAnchor(Anchor.of(
                                motion.carriedImage(input.getWidth(), input.getHeight()),
                                motion.mask(),
                                ANCHOR_WEIGHT * stability));
            }
            return template.toBuilder()
                    .content(input)
                    .options(options)
                    .build()
                    .run()
                    .image();
        }

        @Override
        public boolean readsCarriedOutput() {
            return true;
        }

        static int followingIterations(int iterations) {
            return Math.min(iterations, Math.max(MIN_FOLLOWING_ITERATIONS, iterations / 4));
        }

        @Override
        public double keep() {
            return 0;
        }
    }
}
