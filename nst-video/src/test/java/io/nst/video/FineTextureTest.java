package io.nst.video;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The blend of two frames of strokes that differ is raised back to the texture of the fresh one,
 * on the blended pixels only, and no further than asked.
 */
class FineTextureTest {

    private static final int WIDTH = 64;
    private static final int HEIGHT = 48;

    @Test
    void aBlendOfTwoStrokePatternsGetsTheFreshFramesTextureBack() {
        int[] fresh = strokes(1);
        int[] carried = strokes(2);
        boolean[] reliable = new boolean[fresh.length];
        Arrays.fill(reliable, true);
        int[] blended = blend(fresh, carried, 0.75);
        double[] before = energy(blended);
        FineTexture texture = new FineTexture(WIDTH, HEIGHT);
        texture.measureFresh(fresh, reliable);
        texture.restore(blended, reliable, 10);
        double[] wanted = energy(fresh);
        double[] after = energy(blended);
        for (int c = 0; c < 3; c++) {
            assertTrue(before[c] < 0.7 * wanted[c], "channel " + c + ": the blend flattened the texture");
            assertEquals(wanted[c], after[c], 0.05 * wanted[c], "channel " + c);
        }
    }

    @Test
    void theGainIsCappedAndPixelsNotBlendedStayAsTheyWere() {
        int[] fresh = strokes(3);
        int[] carried = strokes(4);
        boolean[] reliable = new boolean[fresh.length];
        for (int i = 0; i < reliable.length; i++) {
            reliable[i] = i % WIDTH < WIDTH / 2;
        }
        int[] blended = blend(fresh, carried, 0.75);
        int[] original = blended.clone();
        FineTexture texture = new FineTexture(WIDTH, HEIGHT);
        texture.measureFresh(fresh, reliable);
        texture.restore(blended, reliable, 1);
        assertArrayEquals(original, blended, "a gain of at most 1 changes nothing");
        texture.restore(blended, reliable, 1.2);
        for (int i = 0; i < blended.length; i++) {
            if (!reliable[i]) {
                assertEquals(original[i], blended[i], "pixel " + i + " was not blended");
            }
        }
        double[] raised = energy(blended);
        double[] blendedEnergy = energy(original);
        for (int c = 0; c < 3; c++) {
            assertTrue(raised[c] < 1.2 * 1.2 * blendedEnergy[c] * 1.05, "channel " + c + " raised past the cap");
        }
    }

    @Test
    void aFreshFrameFlatterThanTheBlendLeavesTheBlendAlone() {
        int[] flat = new int[WIDTH * HEIGHT];
        Arrays.fill(flat, 0x406080);
        int[] blended = strokes(5);
        int[] original = blended.clone();
        boolean[] reliable = new boolean[flat.length];
        Arrays.fill(reliable, true);
        FineTexture texture = new FineTexture(WIDTH, HEIGHT);
        texture.measureFresh(flat, reliable);
        texture.restore(blended, reliable, 10);
        assertArrayEquals(original, blended);
    }

    /** Random strokes: short horizontal runs of random colours. */
    private static int[] strokes(long seed) {
        Random random = new Random(seed);
        int[] pixels = new int[WIDTH * HEIGHT];
        int colour = 0;
        for (int i = 0; i < pixels.length; i++) {
            if (i % 3 == 0) {
                colour = 0x303030 + random.nextInt(0x9f9f9f);
            }
            pixels[i] = colour & 0xffffff;
        }
        return pixels;
    }

    private static int[] blend(int[] fresh, int[] carried, double keep) {
        int[] out = new int[fresh.length];
        for (int i = 0; i < out.length; i++) {
            int packed = 0;
            for (int shift = 16; shift >= 0; shift -= 8) {
                int f = fresh[i] >> shift & 0xff;
                int c = carried[i] >> shift & 0xff;
                packed = packed << 8 | (int) Math.round(f + keep * (c - f));
            }
            out[i] = packed;
        }
        return out;
    }

    /** Each channel's summed square difference from its 3x3 mean, inside the border. */
    private static double[] energy(int[] pixels) {
        double[] energy = new double[3];
        for (int y = 1; y < HEIGHT - 1; y++) {
            for (int x = 1; x < WIDTH - 1; x++) {
                for (int c = 0; c < 3; c++) {
                    int shift = 8 * c;
                    double sum = 0;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            sum += pixels[(y + dy) * WIDTH + x + dx] >> shift & 0xff;
                        }
                    }
                    double texture = (pixels[y * WIDTH + x] >> shift & 0xff) - sum / 9;
                    energy[c] += texture * texture;
                }
            }
        }
        return energy;
    }
}
