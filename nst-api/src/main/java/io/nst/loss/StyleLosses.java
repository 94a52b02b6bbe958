package io.nst.loss;

import io.nst.LossWeights;
import java.util.List;

/**
 * The loss math of style transfer on plain float arrays: the specification every engine
 * implementation is tested against.
 *
 * <p>Feature maps are channels-first, {@code f[c * hw + p]} for channel {@code c} and spatial
 * position {@code p}. The losses are normalised so that good weights do not depend on the
 * network, the layer or the image size:
 *
 * <ul>
 *   <li>content: {@code mean((F - Fc)^2) / mean(Fc^2)};
 *   <li>Gram matrix: {@code G = F F^T / (C * H * W)};
 *   <li>style, one layer: {@code sum((G - Gs)^2) / sum(Gs^2)}; over layers, the average
 *       weighted by the per-layer weights;
 *   <li>total variation: the mean squared difference of horizontally and vertically
 *       neighbouring pixel values (zero exactly for constant images).
 * </ul>
 *
 * Denominators are clamped at {@link #TINY} so that an all-zero target gives a finite loss.
 * Sums are accumulated in double precision.
 */
public final class StyleLosses {

    /** Lower bound of every normalising denominator. */
    public static final double TINY = 1e-12;

    private StyleLosses() {}

    /** Content loss {@code mean((f - target)^2) / mean(target^2)}. */
    public static double contentLoss(float[] features, float[] target) {
        return squaredDistance(features, target) / Math.max(squareSum(target), TINY * features.length);
    }

    /** Gradient of {@link #contentLoss} with respect to {@code features}. */
    public static float[] contentLossGradient(float[] features, float[] target) {
        requireSameLength(features, target);
        double scale = 2 / Math.max(squareSum(target), TINY * features.length);
        float[] grad = new float[features.length];
        for (int i = 0; i < features.length; i++) {
            grad[i] = (float) (scale * (features[i] - target[i]));
        }
        return grad;
    }

    /** Gram matrix {@code F F^T / (channels * positions)}, row-major {@code channels x channels}. */
    public static float[] gram(float[] features, int channels, int positions) {
        checkShape(features, channels, positions);
        float[] gram = new float[channels * channels];
        double norm = (double) channels * positions;
        for (int i = 0; i < channels; i++) {
            for (int j = i; j < channels; j++) {
                double sum = 0;
                int a = i * positions;
                int b = j * positions;
                for (int p = 0; p < positions; p++) {
                    sum += (double) features[a + p] * features[b + p];
                }
                float value = (float) (sum / norm);
                gram[i * channels + j] = value;
                gram[j * channels + i] = value;
            }
        }
        return gram;
    }

    /** Style loss of one layer, {@code sum((gram - target)^2) / sum(target^2)}. */
    public static double styleLayerLoss(float[] gram, float[] targetGram) {
        return squaredDistance(gram, targetGram) / Math.max(squareSum(targetGram), TINY);
    }

    /**
     * Gradient of {@code styleLayerLoss(gram(features), targetGram)} with respect to the
     * features.
     */
    public static float[] styleLayerLossGradient(float[] features, int channels, int positions, float[] targetGram) {
        float[] gram = gram(features, channels, positions);
        double scale = 4 / (Math.max(squareSum(targetGram), TINY) * channels * positions);
        float[] grad = new float[features.length];
        for (int k = 0; k < channels; k++) {
            for (int j = 0; j < channels; j++) {
                double g = scale * (gram[k * channels + j] - targetGram[k * channels + j]);
                if (g == 0) {
                    continue;
                }
                int out = k * positions;
                int in = j * positions;
                for (int p = 0; p < positions; p++) {
                    grad[out + p] += (float) (g * features[in + p]);
                }
            }
        }
        return grad;
    }

    /** Style loss over layers: the per-layer losses averaged with the given weights. */
    public static double styleLoss(List<float[]> grams, List<float[]> targetGrams, float[] layerWeights) {
        if (grams.size() != targetGrams.size() || grams.size() != layerWeights.length) {
            throw new IllegalArgumentException("one Gram matrix, target and weight per layer");
        }
        double weighted = 0;
        double weightSum = 0;
        for (int l = 0; l < grams.size(); l++) {
            weighted += layerWeights[l] * styleLayerLoss(grams.get(l), targetGrams.get(l));
            weightSum += layerWeights[l];
        }
        if (weightSum <= 0) {
            throw new IllegalArgumentException("style layer weights must sum to a positive number");
        }
        return weighted / weightSum;
    }

    /** Total variation of a channels-first image: mean squared difference of neighbours. */
    public static double totalVariation(float[] image, int channels, int height, int width) {
        checkShape(image, channels, height * width);
        long pairs = neighbourPairs(channels, height, width);
        double[] sum = {0};
        forEachNeighbour(channels, height, width, (i, j) -> {
            double d = image[j] - image[i];
            sum[0] += d * d;
        });
        return pairs == 0 ? 0 : sum[0] / pairs;
    }

    /** Gradient of {@link #totalVariation} with respect to the image. */
    public static float[] totalVariationGradient(float[] image, int channels, int height, int width) {
        checkShape(image, channels, height * width);
        float[] grad = new float[image.length];
        long pairs = neighbourPairs(channels, height, width);
        double scale = pairs == 0 ? 0 : 2.0 / pairs;
        forEachNeighbour(channels, height, width, (i, j) -> {
            float g = (float) (scale * (image[j] - image[i]));
            grad[j] += g;
            grad[i] -= g;
        });
        return grad;
    }

    /** Receives the indices of a pixel and of its right or lower neighbour. */
    private interface NeighbourPair {
        void accept(int pixel, int neighbour);
    }

    /** Each pixel with its right neighbour, then with its lower one, in reading order. */
    private static void forEachNeighbour(int channels, int height, int width, NeighbourPair pair) {
        for (int c = 0; c < channels; c++) {
            int base = c * height * width;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int i = base + y * width + x;
                    if (x + 1 < width) {
                        pair.accept(i, i + 1);
                    }
                    if (y + 1 < height) {
                        pair.accept(i, i + width);
                    }
                }
            }
        }
    }

    /** The weighted total {@code wc * content + ws * style + wtv * tv}. */
    public static double total(LossWeights weights, double content, double style, double tv) {
        return weights.content() * content + weights.style() * style + weights.totalVariation() * tv;
    }

    private static double squaredDistance(float[] a, float[] b) {
        requireSameLength(a, b);
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    private static double squareSum(float[] a) {
        double sum = 0;
        for (float v : a) {
            sum += (double) v * v;
        }
        return sum;
    }

    private static long neighbourPairs(int channels, int height, int width) {
        return (long) channels * ((long) height * (width - 1) + (long) (height - 1) * width);
    }

    private static void requireSameLength(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("arrays differ in length: " + a.length + " and " + b.length);
        }
    }

    private static void checkShape(float[] data, int channels, int positions) {
        if (channels <= 0 || positions <= 0 || data.length != (long) channels * positions) {
            throw new IllegalArgumentException(
                    "expected " + channels + " x " + positions + " values, got " + data.length);
        }
    }
}
