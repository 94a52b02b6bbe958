package io.nst.internal;

import io.nst.net.FloatTensor;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;

/** Images as the networks see them: RGB in {@code [0, 1]}, channels first, and back. */
public final class ImageTensors {

    private ImageTensors() {}

    /** RGB values in {@code [0, 1]}, channels first. */
    public static FloatTensor toTensor(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] argb = opaqueRgb(image).getRGB(0, 0, w, h, null, 0, w);
        float[] data = new float[3 * w * h];
        int plane = w * h;
        for (int i = 0; i < plane; i++) {
            int p = argb[i];
            data[i] = ((p >> 16) & 0xff) / 255f;
            data[plane + i] = ((p >> 8) & 0xff) / 255f;
            data[2 * plane + i] = (p & 0xff) / 255f;
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
        image.setRGB(0, 0, w, h, rgb, 0, w);
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
