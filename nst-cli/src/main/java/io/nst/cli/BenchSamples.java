package io.nst.cli;

import java.awt.image.BufferedImage;
import java.util.Arrays;

/** What every benchmark draws on: images that need no files, and the median of its timings. */
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
}
