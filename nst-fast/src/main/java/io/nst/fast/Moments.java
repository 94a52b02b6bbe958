package io.nst.fast;

import io.nst.net.FloatTensor;
import io.nst.net.Layer;
import java.util.stream.IntStream;

/**
 * Per-channel mean and biased variance of activations over the whole image, merged core by
 * core (Chan et al.), each core's in one pass in double about its first value.
 */
final class Moments {
    /** Channels whose moments are taken between two checks for an interrupt. */
    private static final int CHANNELS_AT_ONCE = 8;

    private double[] mean;
    private double[] m2;
    private long count;

    /** The moments of the whole of {@code activations}. */
    static Moments of(FloatTensor activations, Runnable checkpoint) {
        Moments moments = new Moments();
        moments.add(
                new TiledInference.Core(activations, 0, 0, activations.width(), activations.height(), 0, 0, true, 1),
                checkpoint);
        return moments;
    }

    /** Merges {@code core}'s moments, a few channels at a time with {@code checkpoint} between. */
    void add(TiledInference.Core core, Runnable checkpoint) {
        FloatTensor out = core.tile();
        if (mean == null) {
            mean = new double[out.channels()];
            m2 = new double[out.channels()];
        }
        long n = (long) core.width() * core.height();
        double[] tileMean = new double[mean.length];
        double[] tileM2 = new double[mean.length];
        for (int first = 0; first < mean.length; first += CHANNELS_AT_ONCE) {
            checkpoint.run();
            IntStream.range(first, Math.min(first + CHANNELS_AT_ONCE, mean.length))
                    .parallel()
                    .forEach(c -> {
                        // One pass about the channel's first value, which keeps the squares small.
                        double shift = out.data()[(c * out.height() + core.y0()) * out.width() + core.x0()];
                        double sum = 0;
                        double squares = 0;
                        for (int y = 0; y < core.height(); y++) {
                            int row = (c * out.height() + core.y0() + y) * out.width() + core.x0();
                            for (int x = 0; x < core.width(); x++) {
                                double d = out.data()[row + x] - shift;
                                sum += d;
                                squares += d * d;
                            }
                        }
                        tileMean[c] = shift + sum / n;
                        tileM2[c] = Math.max(0, squares - sum * sum / n);
                    });
        }
        long total = count + n;
        for (int c = 0; c < mean.length; c++) {
            double delta = tileMean[c] - mean[c];
            mean[c] += delta * n / total;
            m2[c] += tileM2[c] + delta * delta * count * n / total;
        }
        count = total;
    }

    /** {@code norm} with these statistics. */
    Layer.ChannelAffine frozen(Layer.InstanceNorm norm) {
        return Layer.ChannelAffine.frozen(norm, mean, variances());
    }

    /**
     * A running mean of moments: {@code carry} of {@code earlier} (the running mean so far) and the
     * rest of these, mean and variance alike; these alone when there is nothing earlier or it is of
     * other channels.
     */
    Moments after(Moments earlier, double carry) {
        if (earlier == null || earlier.mean.length != mean.length) {
            return this;
        }
        Moments out = new Moments();
        out.mean = new double[mean.length];
        out.m2 = new double[mean.length];
        out.count = 1;
        double[] before = earlier.variances();
        double[] now = variances();
        for (int c = 0; c < mean.length; c++) {
            out.mean[c] = carry * earlier.mean[c] + (1 - carry) * mean[c];
            out.m2[c] = carry * before[c] + (1 - carry) * now[c];
        }
        return out;
    }

    private double[] variances() {
        double[] variance = new double[m2.length];
        for (int c = 0; c < variance.length; c++) {
            variance[c] = m2[c] / count;
        }
        return variance;
    }
}
