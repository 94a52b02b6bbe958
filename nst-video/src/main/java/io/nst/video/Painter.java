package io.nst.video;

import io.nst.Anchor;
import io.nst.GatysOptions;
import io.nst.ImageSource;
import io.nst.StyleTransfer;
import io.nst.Stylizer;
import java.awt.image.BufferedImage;

/** How a method repaints one frame, given the motion from the frame before. */
interface Painter {

    /** {@code input} repainted, with what {@code motion} carries over from the previous output. */
    BufferedImage paint(BufferedImage input, TemporalFilter.Motion motion);

    /** How much of the carried output to blend into the painted frame where it is reliable. */
    double keep();

    /** A one-pass stylizer's frames, blended with the carried output by {@code stability}. */
    record OnePass(Stylizer stylizer, double stability) implements Painter {
        @Override
        public BufferedImage paint(BufferedImage input, TemporalFilter.Motion motion) {
            return stylizer.stylize(input);
        }

        @Override
        public double keep() {
            return stability;
        }
    }

    /**
     * Gatys per frame, after Ruder et al.: the first frame (and each after a cut) optimised from
     * the template's start, every other one from the previous result carried along the motion
     * (the new frame where it cannot be followed), held near it there by an {@link Anchor}, in a
     * quarter of the iterations.
     */
    record Gatys(StyleTransfer template, double stability) implements Painter {

        /** The anchor's weight at stability 1; the style term weighs 30 by default. */
        static final double ANCHOR_WEIGHT = 2000;

        /** The fewest iterations a followed frame gets. */
        static final int MIN_FOLLOWING_ITERATIONS = 10;

        @Override
        public BufferedImage paint(BufferedImage input, TemporalFilter.Motion motion) {
            GatysOptions options =
                    template.options(GatysOptions.class).withSize(Math.max(input.getWidth(), input.getHeight()));
            if (motion.carries() && stability > 0) {
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

        static int followingIterations(int iterations) {
            return Math.min(iterations, Math.max(MIN_FOLLOWING_ITERATIONS, iterations / 4));
        }

        @Override
        public double keep() {
            return 0;
        }
    }
}
