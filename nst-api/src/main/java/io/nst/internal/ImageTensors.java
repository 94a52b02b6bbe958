package io.nst.internal;

import io.nst.net.FloatTensor;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.WritableRaster;
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
        return toTensor(image, scale, height, width, null);
    }

    /**
     * The same, written into {@code reuse} when it holds exactly the tensor's values (its contents
     * are then overwritten): a caller converting one photo after another keeps one array instead
     * of touching fresh memory for each, which costs more than the conversion on a virtual machine
     * that maps the pages in on first touch.
     *
     * @throws IllegalArgumentException if {@code height} or {@code width} is smaller than the
     *     image's
     */
    public static FloatTensor toTensor(BufferedImage image, float scale, int height, int width, float[] reuse) {
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
        float[] data = reuse != null && reuse.length == 3 * plane ? reuse : new float[3 * plane];
        WritableRaster raster = rgb.getRaster();
        boolean packed = type != BufferedImage.TYPE_3BYTE_BGR;
        // Read a row at a time into one buffer per band of rows: a copy of the whole raster would
        // be as large as the photo again.
        bands(height, width, (from, to) -> {
            int[] ints = packed ? new int[w] : null;
            byte[] bytes = packed ? null : new byte[3 * w];
            for (int y = from; y < to; y++) {
                int row = y * width;
                if (y < h || y == from) {
                    raster.getDataElements(0, Math.min(y, h - 1), w, 1, packed ? ints : bytes);
                }
                if (packed) {
                    for (int x = 0; x < width; x++) {
                        int p = ints[Math.min(x, w - 1)];
                        data[row + x] = table[(p >> 16) & 0xff];
                        data[plane + row + x] = table[(p >> 8) & 0xff];
                        data[2 * plane + row + x] = table[p & 0xff];
                    }
                } else {
                    // A raster hands its data elements in band order, red first, whatever the bytes' order.
                    for (int x = 0; x < width; x++) {
                        int i = 3 * Math.min(x, w - 1);
                        data[row + x] = table[bytes[i] & 0xff];
                        data[plane + row + x] = table[bytes[i + 1] & 0xff];
                        data[2 * plane + row + x] = table[bytes[i + 2] & 0xff];
                    }
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
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        // The new image's own pixels, written in place: its raster is one packed array, row after row.
        int[] rgb = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        float[] d = tensor.data();
        bands(height, width, (from, to) -> {
            for (int y = from; y < to; y++) {
                for (int x = 0, i = y * stride; x < width; x++, i++) {
                    rgb[y * width + x] = (toByte(d[i] / divisor) << 16)
                            | (toByte(d[plane + i] / divisor) << 8)
                            | toByte(d[2 * plane + i] / divisor);
                }
            }
        });
        return image;
    }

    /** Works on the rows from one index (inclusive) to another (exclusive). */
    private interface RowBand {
        void rows(int from, int to);
    }

    /**
     * {@code band} over every row, in one band for a small image and in a band per core for a large
     * one; each pixel is its own, so the result is the same.
     */
    private static void bands(int height, int width, RowBand band) {
        int count = height * (long) width >= PARALLEL_PIXELS
                ? Math.min(height, Runtime.getRuntime().availableProcessors())
                : 1;
        IntStream indices = IntStream.range(0, count);
        (count > 1 ? indices.parallel() : indices)
                .forEach(i -> band.rows(height * i / count, height * (i + 1) / count));
    }

    private static int toByte(float v) {
        float clamped = Float.isNaN(v) ? 0 : Math.min(1f, Math.max(0f, v));
        // Math.round's floor(x + 1/2), exact in double for any float and cheaper than its general case.
        return (int) (clamped * 255f + 0.5);
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
