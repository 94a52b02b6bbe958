package io.nst.internal;

import io.nst.net.FloatTensor;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Images as the networks see them: RGB in {@code [0, 1]}, channels first, and back. */
public final class ImageTensors {

    /** {@code v / 255f} for every byte value {@code v}: the same floats as dividing, without the division. */
    private static final float[] LEVELS = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            LEVELS[v] = v / 255f;
        }
    }

    private ImageTensors() {}

    /** Images of at least this many pixels are converted on all cores; smaller ones on the caller's. */
    static final int PARALLEL_PIXELS = 1 << 18;

    /**
     * RGB values in {@code [0, 1]}, channels first. The pixels of the two types decoders give (int
     * RGB, and the byte BGR of JPEGs) are read from the raster at once, without a colour model per
     * pixel; any other type is first drawn over white.
     */
    public static FloatTensor toTensor(BufferedImage image) {
        return toTensor(image, 1f, image.getHeight(), image.getWidth());
    }

    /**
     * {@link #toTensor(BufferedImage)} times {@code scale}, extended to {@code height x width} by
     * repeating the last row and column, in one pass (the networks' input, made without a copy per
     * step).
     *
     * @throws IllegalArgumentException if {@code height} or {@code width} is smaller than the
     *     image's
     */
    public static FloatTensor toTensor(BufferedImage image, float scale, int height, int width) {
        int w = image.getWidth();
        int h = image.getHeight();
        if (height < h || width < w) {
            throw new IllegalArgumentException("cannot fit a " + w + "x" + h + " image in " + width + "x" + height);
        }
        int type = image.getType();
        BufferedImage rgb =
                type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_3BYTE_BGR ? image : opaqueRgb(image);
        float[] levels = LEVELS;
        if (scale != 1f) {
            levels = new float[256];
            for (int v = 0; v < 256; v++) {
                levels[v] = scale * LEVELS[v];
            }
        }
        float[] table = levels;
        int plane = height * width;
        float[] data = new float[3 * plane];
        Object pixels = rgb.getRaster().getDataElements(0, 0, w, h, null);
        rows(height, width, y -> {
            int source = Math.min(y, h - 1) * w;
            int row = y * width;
            if (pixels instanceof int[] packed) {
                for (int x = 0; x < width; x++) {
                    int p = packed[source + Math.min(x, w - 1)];
                    data[row + x] = table[(p >> 16) & 0xff];
                    data[plane + row + x] = table[(p >> 8) & 0xff];
                    data[2 * plane + row + x] = table[p & 0xff];
                }
            } else {
                // A raster hands its data elements in band order, red first, whatever the bytes' order.
                byte[] bands = (byte[]) pixels;
                for (int x = 0; x < width; x++) {
                    int i = 3 * (source + Math.min(x, w - 1));
                    data[row + x] = table[bands[i] & 0xff];
                    data[plane + row + x] = table[bands[i + 1] & 0xff];
                    data[2 * plane + row + x] = table[bands[i + 2] & 0xff];
                }
            }
        });
        return new FloatTensor(3, height, width, data);
    }

    /** An RGB image from a 3-channel tensor, values clamped to {@code [0, 1]} and rounded. */
    public static BufferedImage toImage(FloatTensor tensor) {
        return toImage(tensor, tensor.height(), tensor.width(), 1f);
    }

    /**
     * The top-left {@code height x width} of a 3-channel tensor divided by {@code divisor}, as
     * {@link #toImage(FloatTensor)} makes it, in one pass.
     *
     * @throws IllegalArgumentException if the tensor has not 3 channels or is smaller
     */
    public static BufferedImage toImage(FloatTensor tensor, int height, int width, float divisor) {
        if (tensor.channels() != 3) {
            throw new IllegalArgumentException("an image needs 3 channels, got " + tensor.channels());
        }
        if (tensor.height() < height || tensor.width() < width) {
            throw new IllegalArgumentException("cannot take " + width + "x" + height + " from a " + tensor.width() + "x"
                    + tensor.height() + " tensor");
        }
        int stride = tensor.width();
        int plane = tensor.height() * stride;
        int[] rgb = new int[height * width];
        float[] d = tensor.data();
        rows(height, width, y -> {
            for (int x = 0, i = y * stride; x < width; x++, i++) {
                rgb[y * width + x] = (toByte(d[i] / divisor) << 16)
                        | (toByte(d[plane + i] / divisor) << 8)
                        | toByte(d[2 * plane + i] / divisor);
            }
        });
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.getRaster().setDataElements(0, 0, width, height, rgb);
        return image;
    }

    /** {@code row} for every row, on all cores for a large image; each pixel is its own, so the result is the same. */
    private static void rows(int height, int width, IntConsumer row) {
        IntStream rows = IntStream.range(0, height);
        (height * (long) width >= PARALLEL_PIXELS ? rows.parallel() : rows).forEach(row);
    }

    private static int toByte(float v) {
        float clamped = Float.isNaN(v) ? 0 : Math.min(1f, Math.max(0f, v));
        return Math.round(clamped * 255f);
    }

    /** The image itself when it is {@code TYPE_INT_RGB}, else a copy drawn over white. */
    public static BufferedImage opaqueRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        return draw(image, image.getWidth(), image.getHeight());
    }

    /** {@code src} drawn at {@code width x height} with bilinear filtering over white. */
    public static BufferedImage draw(BufferedImage src, int width, int height) {
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            g.drawImage(src, 0, 0, width, height, java.awt.Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
