package io.nst;

import java.util.Locale;

/**
 * The bounds every entry point shares (the builders, the command line, the web server, the Spark
 * job), so that a value one accepts the others accept too, and each refusal reads the same.
 * Every check throws {@link IllegalArgumentException} naming the setting and the value given.
 */
public final class Limits {

    /** The smallest long side, in pixels, an image is stylized at. */
    public static final int MIN_SIZE = 16;

    /** The largest long side, in pixels, an image is stylized at. */
    public static final int MAX_SIZE = 4096;

    /**
     * Images with more pixels than this are refused from their header, before decoding (64
     * megapixels: a decoded image of that size takes 256 MB).
     */
    public static final long DEFAULT_MAX_PIXELS = 64L << 20;

    /** The most frames a second a clip is timed at: phones record at up to 240. */
    public static final double MAX_FRAME_RATE = 240;

    private Limits() {}

    /**
     * {@code framesPerSecond} if it is above 0 and at most {@value #MAX_FRAME_RATE}.
     *
     * @param setting the name the caller knows the setting by ({@code folderFrameRate}, {@code --frame-rate})
     * @throws IllegalArgumentException naming the setting and the value otherwise
     */
    public static double frameRate(String setting, double framesPerSecond) {
        requireArgument(
                framesPerSecond > 0 && framesPerSecond <= MAX_FRAME_RATE,
                "%s must be above 0 and at most %s frames a second, got %s",
                setting,
                MAX_FRAME_RATE,
                framesPerSecond);
        return framesPerSecond;
    }

    /**
     * {@code pixels} if it is a long side from {@value #MIN_SIZE} to {@value #MAX_SIZE}.
     *
     * @param setting the name the caller knows the setting by ({@code size}, {@code --size})
     * @throws IllegalArgumentException naming the setting and the value otherwise
     */
    public static int size(String setting, int pixels) {
        requireArgument(
                pixels >= MIN_SIZE && pixels <= MAX_SIZE,
                "%s must be between %d and %d pixels, got %d",
                setting,
                MIN_SIZE,
                MAX_SIZE,
                pixels);
        return pixels;
    }

    /**
     * {@code strength} if it is from 0 to 1.
     *
     * @param setting the name the caller knows the setting by
     * @throws IllegalArgumentException naming the setting and the value otherwise
     */
    public static double strength(String setting, double strength) {
        requireArgument(strength >= 0 && strength <= 1, "%s must be between 0 and 1, got %s", setting, strength);
        return strength;
    }

    /**
     * {@code weight} if it can weigh a painting in a blend: positive and finite (weights are
     * relative to each other).
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static double blendWeight(double weight) {
        requireArgument(
                weight > 0 && !Double.isInfinite(weight), "style blend weight must be positive, got %s", weight);
        return weight;
    }

    /**
     * {@code pixels} if it is a positive pixel limit.
     *
     * @throws IllegalArgumentException naming the value otherwise
     */
    public static long maxPixels(String setting, long pixels) {
        requireArgument(pixels >= 1, "%s must be a positive number of pixels, got %d", setting, pixels);
        return pixels;
    }

    /**
     * Throws an {@link IllegalArgumentException} with the formatted message unless {@code condition}.
     *
     * @throws IllegalArgumentException if {@code condition} is false
     */
    public static void requireArgument(boolean condition, String format, Object... values) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, format, values));
        }
    }
}
