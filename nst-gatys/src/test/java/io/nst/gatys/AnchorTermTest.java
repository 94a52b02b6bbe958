package io.nst.gatys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.nst.Anchor;
import io.nst.internal.ImageTensors;
import io.nst.net.FloatTensor;
import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The anchor's term: its value as defined, its gradient that of its value, its mask obeyed. */
class AnchorTermTest {

    private static BufferedImage random(int w, int h, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                image.setRGB(x, y, random.nextInt(1 << 24));
            }
        }
        return image;
    }

    @Test
    void theValueIsTheWeightedMaskedMeanSquareAndTheGradientItsDerivative() {
        int w = 6;
        int h = 5;
        BufferedImage held = random(w, h, 1);
        float[] mask = new float[w * h];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = i % 3 == 0 ? 0 : i % 3 == 1 ? 1 : 0.5f;
        }
        FloatTensor content = ImageTensors.toTensor(random(w, h, 2));
        AnchorTerm term = AnchorTerm.of(Anchor.of(held, mask, 7), content, false);
        float[] x = content.data().clone();
        float[] target = ImageTensors.toTensor(held).data();

        float[] gradient = new float[x.length];
        double value = term.addTo(x, gradient);

        double expected = 0;
        for (int i = 0; i < x.length; i++) {
            double d = x[i] - target[i];
            expected += mask[i % (w * h)] * d * d;
        }
        assertEquals(7 * expected / x.length, value, 1e-9);
        double step = 1e-3;
        for (int i = 0; i < x.length; i += 7) {
            float[] up = x.clone();
            float[] down = x.clone();
            up[i] += step;
            down[i] -= step;
            double numeric = (term.addTo(up, new float[x.length]) - term.addTo(down, new float[x.length])) / (2 * step);
            assertEquals(numeric, gradient[i], 1e-4, "component " + i);
        }
    }

    @Test
    void anAnchorOfAnotherSizeIsResizedWithItsMask() {
        float[] mask = new float[4 * 4];
        java.util.Arrays.fill(mask, 1);
        AnchorTerm term =
                AnchorTerm.of(Anchor.of(random(4, 4, 3), mask, 1), ImageTensors.toTensor(random(8, 6, 4)), false);
        float[] gradient = new float[3 * 8 * 6];
        term.addTo(new float[3 * 8 * 6], gradient);
        for (float g : gradient) {
            assertEquals(true, g <= 0, "every pixel is held, towards the anchor's non-negative values");
        }
    }

    @Test
    void anAnchorIsCheckedAtOnce() {
        BufferedImage image = random(3, 2, 5);
        assertThrows(IllegalArgumentException.class, () -> Anchor.of(image, new float[5], 1));
        assertThrows(IllegalArgumentException.class, () -> Anchor.of(image, new float[] {0, 0, 0, 0, 0, 2}, 1));
        assertThrows(IllegalArgumentException.class, () -> Anchor.of(image, new float[6], -1));
        assertThrows(NullPointerException.class, () -> Anchor.of(null, new float[6], 1));
        float[] mask = new float[6];
        Anchor anchor = Anchor.of(image, mask, 1);
        mask[0] = 1;
        image.setRGB(0, 0, 0);
        assertEquals(0, anchor.mask()[0], "the mask was copied");
        assertEquals(image.getWidth(), anchor.width());
    }
}
