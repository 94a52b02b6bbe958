package io.nst.video;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;

/**
 * Steadies stylized frames: each output is blended with the previous output carried along the
 * optical flow of the input, where that flow is reliable, and the remaining change between the
 * two is measured (the temporal error).
 *
 * <p>The flow is OpenCV's DIS, computed on the input frames in both directions; a pixel is
 * reliable when going back and forth again lands where it started (Sundaram et al.'s check, as
 * Ruder et al. use it for occlusions), so uncovered areas and a cut take the new frame as it is.
 *
 * <p>Holds native buffers sized for one frame size, reused from frame to frame; not thread-safe;
 * {@link #close()} frees them.
 */
final class TemporalFilter implements AutoCloseable {

    /** Below this share of reliable pixels the frame is taken as a cut: nothing is carried over. */
    static final double CUT_RELIABLE_SHARE = 0.2;

    private final double stability;
    private final DISOpticalFlow flow = DISOpticalFlow.create(DISOpticalFlow.PRESET_FAST);
    private int width;
    private int height;
    private Mat previousGrey;
    private Mat grey;
    private Mat backward;
    private Mat forward;
    private Mat mapX;
    private Mat mapY;
    private Mat previousOutput;
    private Mat warped;
    private double errorSum;
    private long errorPixels;
    private int cuts;

    /** @param stability the weight of the carried-over previous output, 0 (none) to 1 */
    TemporalFilter(double stability) {
        this.stability = stability;
    }

    /**
     * {@code stylized} steadied against the previous call's result, {@code input} being the frame
     * it was made from at the same size; the first frame, and every frame after a size change, is
     * returned as it is.
     */
    BufferedImage apply(BufferedImage input, BufferedImage stylized) {
        int w = stylized.getWidth();
        int h = stylized.getHeight();
        BufferedImage out = Frames.intRgb(stylized);
        int[] pixels = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        boolean first = w != width || h != height;
        if (first) {
            allocate(w, h);
        }
        Frames.greyInto(Frames.sized(input, w, h), grey);
        if (!first) {
            flow.calc(grey, previousGrey, backward);
            flow.calc(previousGrey, grey, forward);
            carryOver(pixels);
        }
        Mat swap = previousGrey;
        previousGrey = grey;
        grey = swap;
        ByteBuffer previous = previousOutput.createBuffer();
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            previous.put(3 * i, (byte) p);
            previous.put(3 * i + 1, (byte) (p >> 8));
            previous.put(3 * i + 2, (byte) (p >> 16));
        }
        return out;
    }

    /**
     * Warps the previous output along the backward flow, marks the reliable pixels, blends them
     * into {@code pixels} and adds their difference to the temporal error.
     */
    private void carryOver(int[] pixels) {
        FloatBuffer back = backward.createBuffer();
        FloatBuffer fore = forward.createBuffer();
        FloatBuffer xs = mapX.createBuffer();
        FloatBuffer ys = mapY.createBuffer();
        boolean[] reliable = new boolean[pixels.length];
        int count = 0;
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i++) {
                float bx = back.get(2 * i);
                float by = back.get(2 * i + 1);
                float px = x + bx;
                float py = y + by;
                xs.put(i, px);
                ys.put(i, py);
                int sx = Math.round(px);
                int sy = Math.round(py);
                if (sx < 0 || sy < 0 || sx >= width || sy >= height) {
                    continue;
                }
                int j = sy * width + sx;
                float fx = fore.get(2 * j);
                float fy = fore.get(2 * j + 1);
                float dx = fx + bx;
                float dy = fy + by;
                float magnitude = fx * fx + fy * fy + bx * bx + by * by;
                if (dx * dx + dy * dy <= 0.01f * magnitude + 0.5f) {
                    reliable[i] = true;
                    count++;
                }
            }
        }
        opencv_imgproc.remap(
                previousOutput,
                warped,
                mapX,
                mapY,
                opencv_imgproc.INTER_LINEAR,
                opencv_core.BORDER_REPLICATE,
                new Scalar());
        boolean cut = count < CUT_RELIABLE_SHARE * pixels.length;
        if (cut) {
            cuts++;
        }
        double keep = cut ? 0 : stability;
        ByteBuffer carried = warped.createBuffer();
        long sum = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (!reliable[i]) {
                continue;
            }
            int p = pixels[i];
            int r = blend((p >> 16) & 0xff, carried.get(3 * i + 2) & 0xff, keep);
            int g = blend((p >> 8) & 0xff, carried.get(3 * i + 1) & 0xff, keep);
            int b = blend(p & 0xff, carried.get(3 * i) & 0xff, keep);
            pixels[i] = (r << 16) | (g << 8) | b;
            sum += Math.abs(r - (carried.get(3 * i + 2) & 0xff))
                    + Math.abs(g - (carried.get(3 * i + 1) & 0xff))
                    + Math.abs(b - (carried.get(3 * i) & 0xff));
        }
        errorSum += sum / 3.0;
        errorPixels += count;
    }

    private static int blend(int fresh, int carried, double keep) {
        return (int) Math.round(fresh + keep * (carried - fresh));
    }

    /**
     * The mean absolute difference, in grey levels (0 to 255) over the three channels, between
     * each output frame and the previous output carried along the input's flow, on the pixels the
     * flow marks reliable; NaN before a second frame.
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
        previousGrey = new Mat(h, w, opencv_core.CV_8UC1, Scalar.all(0));
        grey = new Mat(h, w, opencv_core.CV_8UC1, Scalar.all(0));
        backward = new Mat(h, w, opencv_core.CV_32FC2, Scalar.all(0));
        forward = new Mat(h, w, opencv_core.CV_32FC2, Scalar.all(0));
        mapX = new Mat(h, w, opencv_core.CV_32FC1, Scalar.all(0));
        mapY = new Mat(h, w, opencv_core.CV_32FC1, Scalar.all(0));
        previousOutput = new Mat(h, w, opencv_core.CV_8UC3, Scalar.all(0));
        warped = new Mat(h, w, opencv_core.CV_8UC3, Scalar.all(0));
    }

    private void release() {
        for (Mat m : new Mat[] {previousGrey, grey, backward, forward, mapX, mapY, previousOutput, warped}) {
            if (m != null) {
                m.close();
            }
        }
    }

    @Override
    public void close() {
        release();
        flow.close();
    }
}
