package io.nst.video;

import java.awt.image.BufferedImage;
import java.nio.FloatBuffer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.bytedeco.opencv.opencv_video.DISOpticalFlow;

/**
 * Finds where each pixel of an input frame was in the frame before (OpenCV's DIS optical flow, in
 * both directions) and which of those places can be trusted. It reads the inputs alone, so it can
 * run ahead of the stylizing on a thread of its own.
 *
 * <p>A pixel is reliable when going back and forth again lands where it started (Sundaram et
 * al.'s check, as Ruder et al. use it for occlusions), so uncovered areas take the new frame as
 * it is; a frame with too few reliable pixels is a cut.
 *
 * <p>Holds native buffers sized for one frame size, reused from frame to frame; not thread-safe;
 * {@link #close()} frees them.
 */
final class MotionTracker implements AutoCloseable {

    /** Below this share of reliable pixels the frame is taken as a cut: nothing is carried over. */
    static final double CUT_RELIABLE_SHARE = 0.2;

    /**
     * Where each pixel of a frame was in the one before ({@code sourceX}, {@code sourceY}, in
     * pixels), which of them are reliable, and whether the frame is a cut.
     */
    record Track(float[] sourceX, float[] sourceY, boolean[] reliable, boolean cut) {

        /** A first frame, or one of a new size: nothing to follow. */
        static final Track NONE = new Track(null, null, null, true);
    }

    private final DISOpticalFlow flow = DISOpticalFlow.create(DISOpticalFlow.PRESET_FAST);
    private int width;
    private int height;
    private boolean hasPrevious;
    private Mat previousGrey;
    private Mat grey;
    private Mat backward;
    private Mat forward;
    private byte[] greyValues;
    private float[] backwardValues;
    private float[] forwardValues;

    /**
     * The motion from the frame tracked before to {@code input}; {@link Track#NONE} for the first
     * frame or a new size. {@code input} becomes the frame the next one is tracked from.
     */
    Track track(BufferedImage input) {
        int w = input.getWidth();
        int h = input.getHeight();
        if (w != width || h != height) {
            allocate(w, h);
        }
        Frames.greyInto(input, grey, greyValues);
        try {
            return hasPrevious ? follow(w, h) : Track.NONE;
        } finally {
            Mat swap = previousGrey;
            previousGrey = grey;
            grey = swap;
            hasPrevious = true;
        }
    }

    private Track follow(int w, int h) {
        flow.calc(grey, previousGrey, backward);
        flow.calc(previousGrey, grey, forward);
        // The flows in Java arrays, copied whole: element by element through the native buffers
        // took a quarter of the following.
        float[] back = backwardValues;
        float[] fore = forwardValues;
        backward.<FloatBuffer>createBuffer().get(back);
        forward.<FloatBuffer>createBuffer().get(fore);
        int n = w * h;
        float[] xs = new float[n];
        float[] ys = new float[n];
        boolean[] reliable = new boolean[n];
        int count = 0;
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++, i++) {
                float bx = back[2 * i];
                float by = back[2 * i + 1];
                float px = x + bx;
                float py = y + by;
                xs[i] = px;
                ys[i] = py;
                // Math.round's floor(x + 1/2), exact in double for a float x, without its general case.
                int sx = (int) Math.floor(px + 0.5);
                int sy = (int) Math.floor(py + 0.5);
                if (sx < 0 || sy < 0 || sx >= w || sy >= h) {
                    continue;
                }
                int j = sy * w + sx;
                float fx = fore[2 * j];
                float fy = fore[2 * j + 1];
                float dx = fx + bx;
                float dy = fy + by;
                if (dx * dx + dy * dy <= 0.01f * (fx * fx + fy * fy + bx * bx + by * by) + 0.5f) {
                    reliable[i] = true;
                    count++;
                }
            }
        }
        return new Track(xs, ys, reliable, count < CUT_RELIABLE_SHARE * n);
    }

    private void allocate(int w, int h) {
        release();
        width = w;
        height = h;
        hasPrevious = false;
        greyValues = new byte[w * h];
        backwardValues = new float[2 * w * h];
        forwardValues = new float[2 * w * h];
        // Zeroed: DIS reads its output buffer, and an uninitialised one made runs differ.
        previousGrey = new Mat(h, w, opencv_core.CV_8UC1, Scalar.all(0));
        grey = new Mat(h, w, opencv_core.CV_8UC1, Scalar.all(0));
        backward = new Mat(h, w, opencv_core.CV_32FC2, Scalar.all(0));
        forward = new Mat(h, w, opencv_core.CV_32FC2, Scalar.all(0));
    }

    private void release() {
        Frames.release(previousGrey, grey, backward, forward);
    }

    @Override
    public void close() {
        release();
        flow.close();
    }
}
