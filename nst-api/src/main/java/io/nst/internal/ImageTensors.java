package io.nst.internal;

import io.nst.net.FloatTensor;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

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

    /**
     * RGB values in {@code [0, 1]}, channels first. The pixels of the two types decoders give (int
     * RGB, and the byte BGR of JPEGs) are read from the raster at once, without a colour model per
     * pixel; any other type is first drawn over white.
     */
    public static FloatTensor toTensor(BufferedImage image) {
        int type = image.getType();
        BufferedImage rgb =
                type == BufferedImage.TYPE_INT_RGB || type == BufferedImage.TYPE_3BYTE_BGR ? image : opaqueRgb(image);
        int w = rgb.getWidth();
        int h = rgb.getHeight();
        int plane = w * h;
        float[] data = new float[3 * plane];
        Object pixels = rgb.getRaster().getDataElements(0, 0, w, h, null);
        if (pixels instanceof int[] packed) {
            for (int i = 0; i < plane; i++) {
                int p = packed[i];
                data[i] = LEVELS[(p >> 16) & 0xff];
                data[plane + i] = LEVELS[(p >> 8) & 0xff];
                data[2 * plane + i] = LEVELS[p & 0xff];
            }
        } else {
            // A raster hands its data elements in band order, red first, whatever the bytes' order.
            byte[] bands = (byte[]) pixels;
            for (int i = 0; i < plane; i++) {
                data[i] = LEVELS[bands[3 * i] & 0xff];
                data[plane + i] = LEVELS[bands[3 * i + 1] & 0xff];
                data[2 * plane + i] = LEVELS[bands[3 * i + 2] & 0xff];
            }
        }
        return new FloatTensor(3, h, w, data);
    }

    /** An RGB image from a 3-channel tensor, values clamped to {@code [0, 1]} and rounded. */
    public static BufferedImage toImage(FloatTensor tensor) {
        if (tensor.channels() != 3) {
            throw new IllegalArgumentException("an image needs 3 channels, got " + tensor.channels());
        }
        int w = tensor.width();
        int h = tensor.height();
        int plane = w * h;
        int[] rgb = new int[plane];
        float[] d = tensor.data();
        for (int i = 0; i < plane; i++) {
            rgb[i] = (toByte(d[i]) << 16) | (toByte(d[plane + i]) << 8) | toByte(d[2 * plane + i]);
        }
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        image.getRaster().setDataElements(0, 0, w, h, rgb);
        return image;
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
