package io.nst.cli;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/** What every benchmark draws on: images that need no files, the median of its timings, and two calls timed in pairs. */
final class BenchSamples {

    private BenchSamples() {}

    /** A deterministic test card, so that a benchmark needs no image files; {@code seed} varies it. */
    static BufferedImage testCard(int width, int height, int seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = (int) (127 + 120 * Math.sin(x * 0.05 * seed + y * 0.02));
                int g = (int) (127 + 120 * Math.cos(y * 0.07 + x * 0.01 * seed));
                int b = ((x / 16 + y / 16) % 2) * 200 + 20;
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    /** The median of {@code values} (the upper one of an even count), which other tenants' bursts do not move. */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /**
     * Median seconds of each of two calls and the median ratio of their times, the first over the
     * second.
     */
    record Paired(double first, double second, double ratio) {}

    /**
     * Two calls timed alternately, {@code times} pairs after two untimed ones each: this
     * machine's speed drifts over seconds (other tenants), so timing all of one and then all of the
     * other would compare the drift; the ratio of each pair is taken in the same moment.
     */
    static Paired paired(Runnable first, Runnable second, int times) {
        for (int i = 0; i < 2; i++) {
            first.run();
            second.run();
        }
        double[] a = new double[times];
        double[] b = new double[times];
        double[] ratios = new double[times];
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            first.run();
            long t1 = System.nanoTime();
            second.run();
            long t2 = System.nanoTime();
            a[i] = (t1 - t0) / 1e9;
            b[i] = (t2 - t1) / 1e9;
            ratios[i] = a[i] / b[i];
        }
        return new Paired(median(a), median(b), median(ratios));
    }
}
