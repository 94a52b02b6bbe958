package io.nst.gatys;

import io.nst.Anchor;
import io.nst.Images;
import io.nst.internal.ImageTensors;
import io.nst.internal.Luminance;
import io.nst.net.FloatTensor;

/**
 * {@link Anchor}'s term of the objective, on the pixels in Java: it needs no network, so every
 * backend's objective takes it as it is.
 */
final class AnchorTerm {

    private final float[] target;
    private final float[] mask;
    private final double weight;
    private final int positions;

    private AnchorTerm(float[] target, float[] mask, double weight, int positions) {
        this.target = target;
        this.mask = mask;
        this.weight = weight;
        this.positions = positions;
    }

    /**
     * The term for a result shaped as {@code content}; in luminance when {@code grey} (colours preserved).
     */
    static AnchorTerm of(Anchor anchor, FloatTensor content, boolean grey) {
        int w = content.width();
        int h = content.height();
        FloatTensor image = ImageTensors.toTensor(Images.resize(anchor.image(), w, h));
        if (grey) {
            image = Luminance.grey(image);
        }
        float[] given = anchor.mask();
        float[] mask = new float[w * h];
        for (int y = 0; y < h; y++) {
            int sy = Math.min(anchor.height() - 1, (int) ((y + 0.5) * anchor.height() / h));
            for (int x = 0; x < w; x++) {
                int sx = Math.min(anchor.width() - 1, (int) ((x + 0.5) * anchor.width() / w));
                mask[y * w + x] = given[sy * anchor.width() + sx];
            }
        }
        return new AnchorTerm(image.data(), mask, anchor.weight(), w * h);
    }

    /** The term's value at {@code x}, its gradient added to {@code gradient}. */
    double addTo(float[] x, float[] gradient) {
        double sum = 0;
        double scale = weight / x.length;
        for (int i = 0; i < x.length; i++) {
            float m = mask[i % positions];
            if (m == 0) {
                continue;
            }
            double d = x[i] - target[i];
            sum += m * d * d;
            gradient[i] += (float) (2 * scale * m * d);
        }
        return scale * sum;
    }
}
