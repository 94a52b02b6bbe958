package io.nst.backend.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.loss.LossWeights;
import io.nst.net.FeatureNetwork;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.net.Padding;
import io.nst.spi.FloatTensor;
import io.nst.spi.LossTerms;
import io.nst.spi.TrainingProblem;
import io.nst.spi.TrainingSession;
import io.nst.spi.TrainingState;
import io.nst.testing.RandomTensors;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TorchTrainingTest {

    @Test
    void theLossFallsAndAResumedSessionEndsWithTheSameWeights() throws IOException {
        TrainingProblem problem = problem();
        List<List<FloatTensor>> batches = List.of(batch(1), batch(2), batch(3), batch(4), batch(5), batch(6));
        TrainingState midway;
        List<float[]> straight;
        double first;
        double last;
        try (TrainingSession session = new PyTorchBackend().train(problem, false)) {
            first = session.step(batches.get(0)).total();
            session.step(batches.get(1));
            session.step(batches.get(2));
            midway = session.state();
            session.step(batches.get(3));
            session.step(batches.get(4));
            last = session.step(batches.get(5)).total();
            straight = session.state().parameters();
        }
        assertTrue(last < first, first + " -> " + last);
        try (TrainingSession resumed = new PyTorchBackend().train(problem, false)) {
            resumed.restore(midway);
            for (int i = 3; i < 6; i++) {
                resumed.step(batches.get(i));
            }
            List<float[]> again = resumed.state().parameters();
            for (int p = 0; p < straight.size(); p++) {
                assertArrayEquals(straight.get(p), again.get(p), "parameter " + p);
            }
        }
    }

    private static TrainingProblem problem() throws IOException {
        NetworkSpec darknet = FeatureNetwork.darknetTiny().load(TestMirror.repository(), List.of("l1", "l2", "l4"));
        java.util.Random random = new java.util.Random(1);
        NetworkSpec tiny = new NetworkSpec("tiny", List.of(
                new Layer.Conv2d("c1", 3, 8, 3, 3, 1, Padding.SAME, gaussian(8 * 3 * 9, random), null),
                new Layer.InstanceNorm("n1", ones(8), new float[8], 1e-3f),
                new Layer.Activation("r1", Layer.Activation.Kind.RELU, 0),
                new Layer.Conv2d("c2", 8, 8, 3, 3, 2, Padding.SAME, gaussian(8 * 8 * 9, random), null),
                new Layer.TransposedConv2d("t1", 8, 8, 3, 2, gaussian(8 * 8 * 9, random)),
                new Layer.Conv2d("c3", 8, 3, 3, 3, 1, Padding.SAME, gaussian(3 * 8 * 9, random), null),
                new Layer.InstanceNorm("n3", ones(3), new float[3], 1e-3f),
                new Layer.ScaledTanh("out", 150, 127.5f)), Map.of("out", 7));
        Map<String, Double> styleLayers = new LinkedHashMap<>(Map.of("l1", 1.0, "l2", 1.0));
        return new TrainingProblem(tiny, darknet, image(20, 24, 99), "l4", styleLayers, new LossWeights(1, 10, 1e-3),
                0.01);
    }

    private static List<FloatTensor> batch(long seed) {
        return List.of(image(16, 16, seed), image(16, 16, seed + 100));
    }

    private static FloatTensor image(int h, int w, long seed) {
        float[] v = RandomTensors.gaussian(3 * h * w, seed);
        for (int i = 0; i < v.length; i++) {
            v[i] = 0.5f + 0.2f * v[i];
        }
        return new FloatTensor(3, h, w, v);
    }

    private static float[] gaussian(int n, java.util.Random random) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * 0.2);
        }
        return v;
    }

    private static float[] ones(int n) {
        float[] v = new float[n];
        java.util.Arrays.fill(v, 1);
        return v;
    }
}
