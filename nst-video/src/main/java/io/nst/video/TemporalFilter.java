package io.nst.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;

/**
 * Carries the previous output along the motion a {@link MotionTracker} found ({@link #carry})
 * and blends a stylized frame with it where that motion is reliable ({@link #settle}), measuring
 * the change that remains (the temporal error).
 *
 * <p>Holds native buffers sized for one frame size, reused from frame to frame; not thread-safe;
 * {@link #close()} frees them.
 */
final class TemporalFilter implements AutoCloseable {

    /** The previous output carried to the new frame, and where that can be trusted. */
    record Motion(int[] carried, boolean[] reliable) {
        static final Motion NONE = new Motion(null, null);

        /** Whether anything is carried: a previous frame of the same size, and no cut. */
        boolean carries() {
            return carried != null;
        }

        /** The reliable pixels as the 0-or-1 mask of a Gatys anchor. */
        float[] mask() {
            float[] mask = new float[reliable.length];
            for (int i = 0; i < mask.length; i++) {
                mask[i] = reliable[i] ? 1 : 0;
            }
            return mask;
        }

        /** The carried output where reliable, {@code fresh}'s pixels elsewhere, as an image. */
        BufferedImage carriedOver(BufferedImage fresh) {
            BufferedImage image = Frames.intRgb(fresh);
            int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < pixels.length; i++) {
                if (reliable[i]) {
                    pixels[i] = carried[i];
                }
            }
            return image;
        }

        /** The carried output as an image. */
        BufferedImage carriedImage(int width, int height) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
            System.arraycopy(carried, 0, pixels, 0, pixels.length);
            return image;
        }
    }

    private int width;
    private int height;
    private Mat mapX;
    private Mat mapY;
    private Mat previousOutput;
    private Mat warped;
    private double errorSum;
    private long errorPixels;
    private int cuts;
    /**
     * The blend of every fresh level with every carried one, at {@code (fresh << 8) | carried}:
     * looked up rather than rounded per channel, a 480p frame settled in 6.5-8.4 ms instead of
     * 8.7-11.0 ms in a probe, with the same values.
     */
    private final byte[] blend = new byte[256 * 256];

    /** Whether anything of the carried output is blended in. */
    private final boolean blends;

    /**
     * The most a blended frame's fine texture is raised by (see {@link FineTexture}): a running
     * mean that keeps {@code k} of the carried output leaves sqrt((1 - k) / (1 + k)) of the strokes
     * that change every frame, 0.38 at the default 0.75, so no more than their loss is made up.
     */
    private final double maxGain;

    private FineTexture texture;

    /** A filter that blends {@code keep} of the carried output into each settled frame where reliable. */
    TemporalFilter(double keep) {
        this.blends = keep > 0;
        this.maxGain = keep >= 1 ? Double.MAX_VALUE : Math.sqrt((1 + keep) / (1 - keep));
        for (int fresh = 0; fresh < 256; fresh++) {
            for (int carried = 0; carried < 256; carried++) {
                blend[fresh << 8 | carried] = (byte) Math.round(fresh + keep * (carried - fresh));
            }
        }
    }

    /**
     * The previous output carried along {@code track} to a new {@code width x height} frame;
     * {@link Motion#NONE} when there is nothing to follow (the first frame, or a new size, which
     * the tracker saw too) or for a cut.
     */
    Motion carry(MotionTracker.Track track, int width, int height) {
        if (width != this.width || height != this.height) {
            allocate(width, height);
        }
        if (track == MotionTracker.Track.NONE) {
            return Motion.NONE;
        }
        if (track.cut()) {
            cuts++;
            return Motion.NONE;
        }
        mapX.<FloatBuffer>createBuffer().put(track.sourceX());
        mapY.<FloatBuffer>createBuffer().put(track.sourceY());
        opencv_imgproc.remap(
                previousOutput,
                warped,
                mapX,
                mapY,
                opencv_imgproc.INTER_LINEAR,
                opencv_core.BORDER_REPLICATE,
                new Scalar());
        int[] carried = new int[width * height];
        warped.<ByteBuffer>createBuffer()
                .order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer()
                .get(carried);
        for (int i = 0; i < carried.length; i++) {
            carried[i] &= 0xffffff;
        }
        return new Motion(carried, track.reliable());
    }

    /**
     * {@code stylized} (the output for the frame last {@linkplain #carry carried to}, at its size)
     * with the filter's share of the carried output blended in where {@code motion} is reliable; the
     * change from the carried output is added to the temporal error, and the result becomes the
     * output to carry to the next frame.
     */
    BufferedImage settle(Motion motion, BufferedImage stylized) {
        BufferedImage out = Frames.intRgb(Frames.sized(stylized, width, height));
        int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        // A cut carries nothing, and its change from the last frame is a new scene, not flicker.
        if (motion.carries()) {
            if (blends) {
                texture.measureFresh(pixels, motion.reliable());
                for (int i = 0; i < pixels.length; i++) {
                    if (motion.reliable()[i]) {
                        int p = pixels[i];
                        int c = motion.carried()[i];
                        int r = blend[(p >> 8 & 0xff00) | (c >> 16 & 0xff)] & 0xff;
                        int g = blend[(p & 0xff00) | (c >> 8 & 0xff)] & 0xff;
                        int b = blend[(p << 8 & 0xff00) | (c & 0xff)] & 0xff;
                        pixels[i] = (r << 16) | (g << 8) | b;
                    }
                }
                texture.restore(pixels, motion.reliable(), maxGain);
            }
            double sum = 0;
            long count = 0;
            for (int i = 0; i < pixels.length; i++) {
                if (motion.reliable()[i]) {
                    int p = pixels[i];
                    int c = motion.carried()[i];
                    sum += (Math.abs((p >> 16 & 0xff) - (c >> 16 & 0xff))
                                    + Math.abs((p >> 8 & 0xff) - (c >> 8 & 0xff))
                                    + Math.abs((p & 0xff) - (c & 0xff)))
                            / 3.0;
                    count++;
                }
            }
            errorSum += sum;
            errorPixels += count;
        }
        previousOutput
                .<ByteBuffer>createBuffer()
                .order(ByteOrder.LITTLE_ENDIAN)
                .asIntBuffer()
                .put(pixels);
        return out;
    }

    /**
     * The mean absolute difference, in grey levels (0 to 255) over the three channels, between
     * each output frame and the previous output carried along the input's flow, on the pixels the
     * flow marks reliable, cuts left out; NaN before two frames of one scene.
     */
    double temporalError() {
        return errorPixels == 0 ? Double.NaN : errorSum / errorPixels;
    }

    /** The frames taken as cuts: too few reliable pixels to carry anything over. */
    int cuts() {
        return cuts;
    }

    private void allocate(int w, int h) {
        release();
        width = w;
        height = h;
        texture = blends ? new FineTexture(w, h) : null;
        mapX = new Mat(h, w, opencv_core.CV_32FC1, Scalar.all(0));
        mapY = new Mat(h, w, opencv_core.CV_32FC1, Scalar.all(0));
        // Outputs as their packed ints (a little-endian int is blue, green, red and a spare byte),
        // copied in and out whole, and warped a channel at a time alike.
        previousOutput = new Mat(h, w, opencv_core.CV_8UC4, Scalar.all(0));
        warped = new Mat(h, w, opencv_core.CV_8UC4, Scalar.all(0));
    }

    private void release() {
        Frames.release(mapX, mapY, previousOutput, warped);
    }

    @Override
    public void close() {
        release();
    }
}
