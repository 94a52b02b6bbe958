package io.nst.backend.onnxruntime;

import java.util.Arrays;

/** The smallest and largest value of each channel of a tensor over the calibration photos. */
record ChannelRanges(float[] min, float[] max) {

    /**
     * The largest gain given to a narrow channel: a channel nearly constant on the calibration
     * photos may vary more on another photo, and a larger gain would clip it there.
     */
    static final float MAX_GAIN = 100f;

    ChannelRanges {
        if (min.length != max.length || min.length == 0) {
            throw new IllegalArgumentException("ranges of " + min.length + " and " + max.length + " channels");
        }
        for (int c = 0; c < min.length; c++) {
            if (!(min[c] <= max[c]) || !Float.isFinite(min[c]) || !Float.isFinite(max[c])) {
                throw new IllegalArgumentException("channel " + c + ": not a range: " + min[c] + ".." + max[c]);
            }
        }
        min = min.clone();
        max = max.clone();
    }

    /** The ranges calibrated at {@code point}. */
    static ChannelRanges at(io.nst.spi.Calibration calibration, String point) {
        return new ChannelRanges(calibration.min(point), calibration.max(point));
    }

    /** The ranges of the channels of {@code data}, channels first, {@code channels} of them. */
    static ChannelRanges of(float[] data, int channels) {
        int plane = data.length / channels;
        float[] min = new float[channels];
        float[] max = new float[channels];
        for (int c = 0; c < channels; c++) {
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int i = c * plane, end = i + plane; i < end; i++) {
                lo = Math.min(lo, data[i]);
                hi = Math.max(hi, data[i]);
            }
            min[c] = lo;
            max[c] = hi;
        }
        return new ChannelRanges(min, max);
    }

    int channels() {
        return min.length;
    }

    ChannelRanges union(ChannelRanges other) {
        if (other.channels() != channels()) {
            throw new IllegalArgumentException(other.channels() + " channels, expected " + channels());
        }
        float[] lo = new float[channels()];
        float[] hi = new float[channels()];
        for (int c = 0; c < lo.length; c++) {
            lo[c] = Math.min(min[c], other.min[c]);
            hi[c] = Math.max(max[c], other.max[c]);
        }
        return new ChannelRanges(lo, hi);
    }

    /**
     * How a tensor followed by an instance norm is quantized channel by channel although uint8
     * quantization of a convolution's output has one scale and zero point: each channel is
     * multiplied by its gain and lifted (a bias) so that its range starts at zero and spans the
     * widest channel's, then comes back through a per-channel zero point and scale.
     *
     * @param gains each channel's gain: the widest channel's width over its own, at most {@link
     *     #MAX_GAIN}
     * @param step the uint8 step: the widest width over 255
     * @param zeroPoints each channel's lift in steps, its zero point on the way back (0..255)
     */
    record Alignment(float[] gains, float step, int[] zeroPoints) {

        /** What channel {@code c} is lifted by, in its scaled values. */
        float lift(int c) {
            return zeroPoints[c] * step;
        }

        int zeroPoint(int c) {
            return zeroPoints[c];
        }
    }

    /** Gains and lifts that give every channel the whole uint8 range (see {@link Alignment}). */
    Alignment aligned() {
        float[] widths = new float[channels()];
        float widest = 0;
        for (int c = 0; c < widths.length; c++) {
            widths[c] = Math.max(max[c], 0f) - Math.min(min[c], 0f);
            widest = Math.max(widest, widths[c]);
        }
        float step = widest > 0 ? widest / 255f : 1f;
        float[] gains = new float[channels()];
        int[] zeroPoints = new int[channels()];
        for (int c = 0; c < gains.length; c++) {
            gains[c] = widths[c] > 0 ? Math.min(widest / widths[c], MAX_GAIN) : 1f;
            zeroPoints[c] = Math.max(0, Math.min(255, Math.round(-gains[c] * Math.min(min[c], 0f) / step)));
        }
        return new Alignment(gains, step, zeroPoints);
    }

    /** The range of all channels together. */
    ActivationRange overall() {
        float lo = 0;
        float hi = 0;
        for (int c = 0; c < channels(); c++) {
            lo = Math.min(lo, min[c]);
            hi = Math.max(hi, max[c]);
        }
        return new ActivationRange(lo, hi);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChannelRanges r && Arrays.equals(min, r.min) && Arrays.equals(max, r.max);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(min) + Arrays.hashCode(max);
    }

    @Override
    public String toString() {
        return "ChannelRanges[" + channels() + " channels, " + overall() + "]";
    }
}
