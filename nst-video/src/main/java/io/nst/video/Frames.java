package io.nst.video;

import io.nst.Images;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;
import org.bytedeco.opencv.opencv_core.Mat;

/** Pixel plumbing between frames as images and as OpenCV buffers. */
final class Frames {

    private Frames() {}

    /**
     * A copy of {@code image} as packed RGB ints, which the filter edits in place. The two types
     * frames come in (packed ints, and the byte BGR of decoded video) are copied from the raster
     * row by row; colour-model conversion pixel by pixel took 5 ms of each 480p frame.
     */
    static BufferedImage intRgb(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage copy = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) copy.getRaster().getDataBuffer()).getData();
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            image.getRaster().getDataElements(0, 0, w, h, pixels);
        } else if (image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            // A raster hands its data elements in band order, red first, whatever the bytes' order.
            byte[] row = new byte[3 * w];
            for (int y = 0; y < h; y++) {
                image.getRaster().getDataElements(0, y, w, 1, row);
                for (int x = 0, i = y * w; x < w; x++, i++) {
                    pixels[i] = ((row[3 * x] & 0xff) << 16) | ((row[3 * x + 1] & 0xff) << 8) | (row[3 * x + 2] & 0xff);
                }
            }
        } else {
            image.getRGB(0, 0, w, h, pixels, 0, w);
        }
        return copy;
    }

    /** {@code image} at {@code width} x {@code height}, itself when it already is. */
    static BufferedImage sized(BufferedImage image, int width, int height) {
        return image.getWidth() == width && image.getHeight() == height ? image : Images.resize(image, width, height);
    }

    /**
     * The luma of {@code image} (BT.601, as OpenCV's own conversion) into {@code grey}, 8 bits per
     * pixel, computed in {@code scratch} (at least a byte per pixel) and copied at once.
     */
    static void greyInto(BufferedImage image, Mat grey, byte[] scratch) {
        int[] pixels = packed(image);
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            scratch[i] = (byte) ((299 * ((p >> 16) & 0xff) + 587 * ((p >> 8) & 0xff) + 114 * (p & 0xff) + 500) / 1000);
        }
        grey.<ByteBuffer>createBuffer().put(scratch, 0, pixels.length);
    }

    /**
     * A decoded frame (FFmpeg's BGR, or BGRA for a clip with alpha, whose alpha is dropped as
     * Java2D's conversion dropped it; grey; 8 bits a channel, rows {@code imageStride} bytes apart)
     * as a new image of packed RGB ints, read straight from the frame's buffer; a frame of any
     * other layout through Java2D's conversion.
     */
    static BufferedImage fromBgr(Frame frame) {
        int channels = frame.imageChannels;
        if (frame.imageDepth != Frame.DEPTH_UBYTE || (channels != 1 && channels != 3 && channels != 4)) {
            try (Java2DFrameConverter converter = new Java2DFrameConverter()) {
                return intRgb(converter.convert(frame));
            }
        }
        int w = frame.imageWidth;
        int h = frame.imageHeight;
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        ByteBuffer source = (ByteBuffer) frame.image[0];
        byte[] row = new byte[channels * w];
        // A grey frame's one channel stands for all three.
        int green = channels == 1 ? 0 : 1;
        int red = channels == 1 ? 0 : 2;
        for (int y = 0; y < h; y++) {
            source.get(y * frame.imageStride, row);
            for (int x = 0, i = y * w, at = 0; x < w; x++, i++, at += channels) {
                pixels[i] = ((row[at + red] & 0xff) << 16) | ((row[at + green] & 0xff) << 8) | (row[at] & 0xff);
            }
        }
        return image;
    }

    /**
     * The top-left {@code frame.imageWidth x frame.imageHeight} of {@code image} into {@code
     * frame}'s buffer as BGR bytes, for the encoder.
     */
    static void intoBgr(BufferedImage image, Frame frame) {
        int w = frame.imageWidth;
        int[] pixels = packed(image);
        int stride = image.getWidth();
        ByteBuffer target = (ByteBuffer) frame.image[0];
        byte[] row = new byte[3 * w];
        for (int y = 0; y < frame.imageHeight; y++) {
            for (int x = 0, i = y * stride; x < w; x++, i++) {
                int p = pixels[i];
                row[3 * x] = (byte) p;
                row[3 * x + 1] = (byte) (p >> 8);
                row[3 * x + 2] = (byte) (p >> 16);
            }
            target.put(y * frame.imageStride, row);
        }
    }

    /**
     * The pixels of {@code image} as packed RGB ints, row after row: its own array when it is a
     * whole {@code TYPE_INT_RGB} image (not a part of a larger one).
     */
    static int[] packed(BufferedImage image) {
        boolean whole = image.getType() == BufferedImage.TYPE_INT_RGB
                && image.getRaster().getParent() == null
                && image.getRaster().getDataBuffer().getSize() == image.getWidth() * image.getHeight();
        BufferedImage rgb = whole ? image : intRgb(image);
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

    /** Frees the native buffers of {@code mats}, passing over the null ones. */
    static void release(Mat... mats) {
        for (Mat m : mats) {
            if (m != null) {
                m.close();
            }
        }
    }
}
