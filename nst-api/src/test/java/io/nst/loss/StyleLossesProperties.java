package io.nst.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.testing.RandomTensors;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;

/** The mathematical laws of the reference losses. */
class StyleLossesProperties {

    /** Features of {@code channels x positions}. */
    record Features(int channels, int positions, float[] data) {}

    @Provide
    Arbitrary<Features> features() {
        return Combinators.combine(
                        Arbitraries.integers().between(1, 6),
                        Arbitraries.integers().between(1, 24),
                        Arbitraries.longs())
                .as((c, p, seed) -> new Features(c, p, random(c * p, seed)));
    }

    @Property
    void gramIsSymmetricAndPositiveSemiDefinite(@ForAll("features") Features f, @ForAll long seed) {
        float[] g = StyleLosses.gram(f.data(), f.channels(), f.positions());
        int c = f.channels();
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                assertEquals(g[i * c + j], g[j * c + i]);
            }
        }
        float[] v = random(c, seed);
        double quadratic = 0;
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                quadratic += v[i] * g[i * c + j] * v[j];
            }
        }
        assertTrue(quadratic >= -1e-5, "v'Gv = " + quadratic);
    }

    @Property
    void gramIgnoresTheOrderOfSpatialPositions(@ForAll("features") Features f, @ForAll long seed) {
        int[] permutation = permutation(f.positions(), seed);
        float[] permuted = new float[f.data().length];
        for (int ch = 0; ch < f.channels(); ch++) {
            for (int p = 0; p < f.positions(); p++) {
                permuted[ch * f.positions() + permutation[p]] = f.data()[ch * f.positions() + p];
            }
        }
        float[] a = StyleLosses.gram(f.data(), f.channels(), f.positions());
        float[] b = StyleLosses.gram(permuted, f.channels(), f.positions());
        for (int i = 0; i < a.length; i++) {
            assertEquals(a[i], b[i], 1e-5 * (1 + Math.abs(a[i])));
        }
    }

    @Property
    void styleLossIsZeroExactlyForIdenticalGrams(@ForAll("features") Features f, @ForAll long seed) {
        float[] g = StyleLosses.gram(f.data(), f.channels(), f.positions());
        assertEquals(0.0, StyleLosses.styleLayerLoss(g, g.clone()));
        float[] other = StyleLosses.gram(random(f.data().length, seed), f.channels(), f.positions());
        boolean differ = !java.util.Arrays.equals(g, other);
        assertEquals(differ, StyleLosses.styleLayerLoss(other, g) > 0);
    }

    @Property
    void lossesScaleAsDocumented(
            @ForAll("features") Features f, @ForAll long seed, @ForAll @FloatRange(min = 0.1f, max = 10f) float k) {
        float[] target = random(f.data().length, seed);
        double content = StyleLosses.contentLoss(f.data(), target);
        // Content loss is normalised by the target: scaling both leaves it unchanged.
        assertEquals(content, StyleLosses.contentLoss(scale(f.data(), k), scale(target, k)), 1e-4 * (1 + content));
        // Gram matrices scale with k^2 and the normalised style loss does not change.
        float[] g = StyleLosses.gram(f.data(), f.channels(), f.positions());
        float[] gk = StyleLosses.gram(scale(f.data(), k), f.channels(), f.positions());
        for (int i = 0; i < g.length; i++) {
            assertEquals(g[i] * k * k, gk[i], 1e-4 * (1 + Math.abs(gk[i])));
        }
        float[] gt = StyleLosses.gram(target, f.channels(), f.positions());
        float[] gtk = StyleLosses.gram(scale(target, k), f.channels(), f.positions());
        // A near-zero target Gram makes the ratio ill-conditioned in float (and clamps it at TINY).
        double targetNorm = 0;
        for (float v : gt) {
            targetNorm += (double) v * v;
        }
        Assume.that(targetNorm > 1e-4);
        double style = StyleLosses.styleLayerLoss(g, gt);
        assertEquals(style, StyleLosses.styleLayerLoss(gk, gtk), 1e-3 * (1 + style));
    }

    @Property
    void totalVariationScalesQuadraticallyAndIgnoresOffsets(
            @ForAll @IntRange(min = 1, max = 3) int c,
            @ForAll @IntRange(min = 1, max = 9) int h,
            @ForAll @IntRange(min = 1, max = 9) int w,
            @ForAll long seed,
            @ForAll @FloatRange(min = 0.1f, max = 10f) float k,
            @ForAll @FloatRange(min = -5, max = 5) float offset) {
        float[] image = random(c * h * w, seed);
        double tv = StyleLosses.totalVariation(image, c, h, w);
        assertEquals(tv * k * k, StyleLosses.totalVariation(scale(image, k), c, h, w), 1e-4 * (1 + tv * k * k));
        float[] shifted = image.clone();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += offset;
        }
        assertEquals(tv, StyleLosses.totalVariation(shifted, c, h, w), 1e-3 * (1 + tv));
    }

    @Property
    void totalVariationIsZeroExactlyForConstantImages(
            @ForAll @IntRange(min = 1, max = 3) int c,
            @ForAll @IntRange(min = 1, max = 9) int h,
            @ForAll @IntRange(min = 1, max = 9) int w,
            @ForAll float value,
            @ForAll @IntRange(min = 0, max = 242) int changed) {
        float[] image = new float[c * h * w];
        java.util.Arrays.fill(image, value);
        assertEquals(0.0, StyleLosses.totalVariation(image, c, h, w));
        if (h * w > 1 && Float.isFinite(value) && Math.abs(value) < 1e6) {
            image[changed % image.length] = value + 1;
            assertTrue(StyleLosses.totalVariation(image, c, h, w) > 0);
        }
    }

    @Property(tries = 50)
    void gradientsMatchCentralDifferences(@ForAll("features") Features f, @ForAll long seed) {
        float[] target = random(f.data().length, seed);
        float[] gram = StyleLosses.gram(target, f.channels(), f.positions());
        checkGradient(
                f.data(), StyleLosses.contentLossGradient(f.data(), target), x -> StyleLosses.contentLoss(x, target));
        checkGradient(
                f.data(),
                StyleLosses.styleLayerLossGradient(f.data(), f.channels(), f.positions(), gram),
                x -> StyleLosses.styleLayerLoss(StyleLosses.gram(x, f.channels(), f.positions()), gram));
        checkGradient(
                f.data(),
                StyleLosses.totalVariationGradient(f.data(), 1, f.channels(), f.positions()),
                x -> StyleLosses.totalVariation(x, 1, f.channels(), f.positions()));
    }

    @Property
    void styleLossAveragesLayersByWeight(
            @ForAll("features") Features a,
            @ForAll("features") Features b,
            @ForAll @FloatRange(min = 0.1f, max = 5) float wa,
            @ForAll @FloatRange(min = 0.1f, max = 5) float wb,
            @ForAll long seed) {
        float[] ga = StyleLosses.gram(a.data(), a.channels(), a.positions());
        float[] gb = StyleLosses.gram(b.data(), b.channels(), b.positions());
        float[] ta = StyleLosses.gram(random(a.data().length, seed), a.channels(), a.positions());
        float[] tb = StyleLosses.gram(random(b.data().length, seed + 1), b.channels(), b.positions());
        double la = StyleLosses.styleLayerLoss(ga, ta);
        double lb = StyleLosses.styleLayerLoss(gb, tb);
        double expected = (wa * la + wb * lb) / (wa + wb);
        assertEquals(
                expected,
                StyleLosses.styleLoss(List.of(ga, gb), List.of(ta, tb), new float[] {wa, wb}),
                1e-6 * (1 + expected));
    }

    private static void checkGradient(float[] x, float[] analytic, java.util.function.ToDoubleFunction<float[]> f) {
        double h = 1e-3;
        for (int i = 0; i < x.length; i++) {
            float[] plus = x.clone();
            float[] minus = x.clone();
            plus[i] += (float) h;
            minus[i] -= (float) h;
            double numeric = (f.applyAsDouble(plus) - f.applyAsDouble(minus)) / (plus[i] - minus[i]);
            double tolerance = 2e-2 * (Math.abs(numeric) + Math.abs(analytic[i])) + 1e-3;
            assertEquals(numeric, analytic[i], tolerance, "component " + i);
        }
    }

    static float[] random(int n, long seed) {
        return RandomTensors.gaussian(n, seed);
    }

    private static float[] scale(float[] v, float k) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i] * k;
        }
        return out;
    }

    private static int[] permutation(int n, long seed) {
        List<Integer> list = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        java.util.Collections.shuffle(list, new java.util.Random(seed));
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
