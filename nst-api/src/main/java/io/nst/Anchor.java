package io.nst;

import java.awt.image.BufferedImage;
import java.util.Objects;

/**
 * An image that a Gatys result is held close to, pixel by pixel where a mask says so: the
 * temporal loss of Ruder et al. (2016), which keeps each frame of a video near the previous
 * result carried along the motion, wherever the motion could be followed. The term added to the
 * objective is {@code weight * sum(mask * (x - image)^2) / n}, over the {@code n} values of the
 * result's channels and pixels, in 0 to 1.
 *
 * <p>Immutable: the image and the mask are copied.
 */
public final class Anchor {

    private final BufferedImage image;
    private final float[] mask;
    private final double weight;

    private Anchor(BufferedImage image, float[] mask, double weight) {
        this.image = image;
        this.mask = mask;
        this.weight = weight;
    }

    /**
     * An anchor to {@code image} with one mask value per pixel (row by row, 0 where the pixel is
     * free, 1 where it is held), scaled by {@code weight}. An image of another size than the
     * result is resized to it, and the mask with it.
     *
     * @throws IllegalArgumentException if the mask's length is not the image's pixel count, a
     *     mask value is outside 0 to 1, or {@code weight} is negative or not finite
     * @throws NullPointerException if {@code image} or {@code mask} is null
     */
    public static Anchor of(BufferedImage image, float[] mask, double weight) {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mask, "mask");
        Limits.requireArgument(
                mask.length == image.getWidth() * image.getHeight(),
                "the anchor's mask needs one value per pixel of its %dx%d image, got %d",
                image.getWidth(),
                image.getHeight(),
                mask.length);
        for (float m : mask) {
            Limits.requireArgument(m >= 0 && m <= 1, "anchor mask values must be between 0 and 1, got %s", m);
        }
        Limits.requireArgument(
                weight >= 0 && !Double.isInfinite(weight),
                "anchor weight must be a finite number >= 0, got %s",
                weight);
        return new Anchor(copy(image), mask.clone(), weight);
    }

    /** A copy of the image the result is held near. */
    public BufferedImage image() {
        return copy(image);
    }

    /** An opaque RGB copy that shares nothing with {@code image}. */
    private static BufferedImage copy(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        copy.setData(Images.toRgb(image).getRaster());
        return copy;
    }

    /** A copy of the mask, one value a pixel, row by row. */
    public float[] mask() {
        return mask.clone();
    }

    /** The term's weight. */
    public double weight() {
        return weight;
    }

    /** The image's width in pixels. */
    public int width() {
        return image.getWidth();
    }

    /** The image's height in pixels. */
    public int height() {
        return image.getHeight();
    }
}
