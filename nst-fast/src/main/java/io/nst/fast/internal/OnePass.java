package io.nst.fast.internal;

import io.nst.Images;
import io.nst.Method;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.internal.ImageTensors;
import io.nst.net.FloatTensor;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What both one-pass methods do around their networks: the photo scaled to the requested size and
 * checked, padded to the multiple of 4 the networks need, and the output cropped back. Public for
 * the stylizers and the DJL model zoo ({@code io.nst.djl}), whose translators must give the same
 * pixels; stateless.
 */
public final class OnePass {

    /** The transfer networks' pixel range: RGB in {@code 0..255}. */
    public static final float TRANSFER_PIXEL_SCALE = 255f;

    private OnePass() {}

    /**
     * {@code photo} at the requested long side (its own when none), at least 4x4.
     *
     * @throws StyleTransferException of kind {@code BAD_INPUT} for a smaller image
     */
    public static BufferedImage sized(BufferedImage photo, OptionalInt size, Method method) {
        Objects.requireNonNull(photo, "photo");
        BufferedImage sized = size.isPresent() && size.getAsInt() != Math.max(photo.getWidth(), photo.getHeight())
                ? Images.resizeLongSide(photo, size.getAsInt())
                : photo;
        if (sized.getWidth() < 4 || sized.getHeight() < 4) {
            throw new StyleTransferException(
                    Kind.BAD_INPUT,
                    sized.getWidth() + "x" + sized.getHeight() + " is too small for the " + method.id()
                            + " method (at least 4x4)");
        }
        return sized;
    }

    /** {@code side} rounded up to a multiple of 4: the transfer networks halve the size twice and double it twice. */
    public static int paddedSide(int side) {
        return (side + 3) / 4 * 4;
    }

    /**
     * {@code photo} as a network takes it: a tensor times {@code scale}, padded to sides that are
     * multiples of 4 by repeating its last row and column, made in one pass.
     */
    public static FloatTensor networkInput(BufferedImage photo, float scale) {
        return networkInput(photo, scale, null);
    }

    /**
     * The same, written into {@code reuse} when it is of the input's size; see {@link
     * ImageTensors#toTensor(BufferedImage, float, int, int, float[])}.
     */
    public static FloatTensor networkInput(BufferedImage photo, float scale, float[] reuse) {
        return ImageTensors.toTensor(photo, scale, paddedSide(photo.getHeight()), paddedSide(photo.getWidth()), reuse);
    }

    /** The same for an image already a tensor (RGB in {@code [0, 1]}, channels first). */
    public static FloatTensor padToMultipleOf4(FloatTensor image, float scale) {
        int h = image.height();
        int w = image.width();
        int ph = paddedSide(h);
        int pw = paddedSide(w);
        float[] padded = new float[3 * ph * pw];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < ph; y++) {
                int sy = Math.min(y, h - 1);
                for (int x = 0; x < pw; x++) {
                    padded[(c * ph + y) * pw + x] = scale * image.data()[(c * h + sy) * w + Math.min(x, w - 1)];
                }
            }
        }
        return new FloatTensor(3, ph, pw, padded);
    }

    /**
     * Checks that a network's output for {@code padded} is RGB of at least the photo's size,
     * {@code h x w}.
     *
     * @throws StyleTransferException of kind {@code BAD_INPUT} otherwise (a saved model that is
     *     not a style network)
     */
    private static void checkShape(FloatTensor out, FloatTensor padded, int h, int w) {
        if (out.channels() != 3 || out.height() < h || out.width() < w) {
            throw new StyleTransferException(
                    Kind.BAD_INPUT,
                    "the model turned a 3x" + padded.height() + "x" + padded.width() + " image into "
                            + out.channels() + "x" + out.height() + "x" + out.width()
                            + "; a style network keeps RGB and the size");
        }
    }

    /**
     * The photo's {@code h x w} part of a network's output for {@code padded}, divided by {@code
     * scale}, as an image: rounded and clamped to 8 bits.
     *
     * @throws StyleTransferException of kind {@code BAD_INPUT} if the output is not RGB of at
     *     least that size
     */
    public static BufferedImage image(FloatTensor out, FloatTensor padded, int h, int w, float scale) {
        checkShape(out, padded, h, w);
        return ImageTensors.toImage(out, h, w, scale);
    }

    /** The top-left {@code h x w} of a network's output for {@code padded}, divided by {@code divisor}. */
    public static FloatTensor crop(FloatTensor out, FloatTensor padded, int h, int w, float divisor) {
        checkShape(out, padded, h, w);
        int oh = out.height();
        int ow = out.width();
        float[] cropped = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    cropped[(c * h + y) * w + x] = out.data()[(c * oh + y) * ow + x] / divisor;
                }
            }
        }
        return new FloatTensor(3, h, w, cropped);
    }
}
