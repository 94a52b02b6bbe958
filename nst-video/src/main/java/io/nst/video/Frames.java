package io.nst.video;

import io.nst.Images;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import org.bytedeco.opencv.opencv_core.Mat;

/** Pixel plumbing between frames as images and as OpenCV buffers. */
final class Frames {

    private Frames() {}

    /** A copy of {@code image} as packed RGB ints, which the filter edits in place. */
    static BufferedImage intRgb(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) copy.getRaster().getDataBuffer()).getData();
        image.getRGB(0, 0, image.getWidth(), image.getHeight(), pixels, 0, image.getWidth());
        return copy;
    }

    /** {@code image} at {@code width} x {@code height}, itself when it already is. */
    static BufferedImage sized(BufferedImage image, int width, int height) {
        return image.getWidth() == width && image.getHeight() == height ? image : Images.resize(image, width, height);
    }

    /** The luma of {@code image} (BT.601, as OpenCV's own conversion) into {@code grey}, 8 bits per pixel. */
    static void greyInto(BufferedImage image, Mat grey) {
        int[] pixels = packed(image);
        ByteBuffer out = grey.createBuffer();
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            out.put(i, (byte) ((299 * ((p >> 16) & 0xff) + 587 * ((p >> 8) & 0xff) + 114 * (p & 0xff) + 500) / 1000));
        }
    }

    /** The pixels of {@code image} as packed RGB ints: its own array when it is {@code TYPE_INT_RGB}. */
    static int[] packed(BufferedImage image) {
        BufferedImage rgb = image.getType() == BufferedImage.TYPE_INT_RGB ? image : intRgb(image);
        return ((DataBufferInt) rgb.getRaster().getDataBuffer()).getData();
    }

    /**
     * The frame size for a {@code width} x {@code height} input at long side {@code longSide} (0:
     * its own), both sides even, as video encoders need for their half-resolution colour.
     */
    static int[] evenSize(int width, int height, int longSide) {
        double scale = longSide <= 0 ? 1 : longSide / (double) Math.max(width, height);
        int w = Math.max(2, (int) Math.round(width * scale) / 2 * 2);
        int h = Math.max(2, (int) Math.round(height * scale) / 2 * 2);
        return new int[] {w, h};
    }
}
