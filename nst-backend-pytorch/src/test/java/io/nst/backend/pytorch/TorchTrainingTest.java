package io.nst.backend.pytorch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.LossWeights;
import io.nst.models.FeatureNetworks;
import io.nst.net.FloatTensor;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.net.Padding;
import io.nst.spi.TrainingProblem;
import io.nst.spi.TrainingSession;
import io.nst.spi.TrainingState;
import io.nst.testing.RandomTensors;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Training on PyTorch: the loss falls, a restored session continues exactly, and the weights do
 * not depend on the garbage collector, on which thread runs the session, or on another session
 * training at the same time.
 */
class TorchTrainingTest {

    private static final int STEPS = 6;
    private static TrainingProblem problem;
    private static List<List<FloatTensor>> batches;
    private static TrainingState calm;

    @BeforeAll
    static void calmRun() throws IOException {
        PyTorchBackend.engine(); // the engine's grad mode is set on this thread, not on the others below
        problem = problem();
        batches = List.of(batch(1), batch(2), batch(3), batch(4), batch(5), batch(6));
        calm = train(STEPS, null);
    }

    @Test
    void theLossFallsAndAResumedSessionEndsWithTheSameWeights() {
        double first;
        double last;
        TrainingState midway;
        try (TrainingSession session = new PyTorchBackend().train(problem, false)) {
            first = session.step(batches.get(0)).total();
            session.step(batches.get(1));
            session.step(batches.get(2));
            midway = session.state();
            session.step(batches.get(3));
            session.step(batches.get(4));
            last = session.step(batches.get(5)).total();
        }
        assertTrue(last < first, first + " -> " + last);
        assertSameWeights(calm, resume(midway));
    }

    @Test
    void collectionsAndFreedBuffersOverwrittenDuringTrainingChangeNothing() throws Exception {
        try (GarbageChurn churn = GarbageChurn.start()) {
            TrainingState midway;
            try (TrainingSession session = new PyTorchBackend().train(problem, false)) {
                for (int i = 0; i < 3; i++) {
                    GarbageChurn.collectAndOverwriteFreedMemory();
                    session.step(batches.get(i));
                }
                midway = session.state();
            }
            GarbageChurn.collectAndOverwriteFreedMemory();
            assertSameWeights(calm, resume(midway));
        }
    }

    @Test
    void aSessionTrainsOnAThreadThatDidNotStartTheEngine() throws Exception {
        ExecutorService other = Executors.newSingleThreadExecutor();
        try {
            assertSameWeights(calm, other.submit(() -> train(STEPS, null)).get());
        } finally {
            other.shutdown();
        }
    }

    @Test
    void twoSessionsTrainAtOnceOnTwoThreads() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            Callable<TrainingState> run = () -> train(STEPS, null);
            List<Future<TrainingState>> runs = two.invokeAll(List.of(run, run));
            for (Future<TrainingState> r : runs) {
                assertSameWeights(calm, r.get());
            }
        } finally {
            two.shutdown();
        }
    }

    @Test
    void aNonFiniteLossIsNamedAndChangesNothing() {
        float[] nan = batch(9).get(0).data().clone();
        nan[17] = Float.NaN;
        List<FloatTensor> poisoned = List.of(new FloatTensor(3, 16, 16, nan));
        try (TrainingSession session = new PyTorchBackend().train(problem, false)) {
            session.step(batches.get(0));
            TrainingState before = session.state();
            ArithmeticException e = assertThrows(ArithmeticException.class, () -> session.step(poisoned));
            assertTrue(e.getMessage().contains("loss is not finite"), e.getMessage());
            assertSameWeights(before, session.state());
            assertEquals(before.step(), session.state().step());
            session.step(batches.get(1)); // goes on as if the bad batch had not been offered
            assertTrue(Double.isFinite(session.step(batches.get(2)).total()));
        }
    }

    private static TrainingState train(int steps, TrainingState from) {
        try (TrainingSession session = new PyTorchBackend().train(problem, false)) {
            int start = 0;
            if (from != null) {
                session.restore(from);
                start = (int) from.step();
            }
            for (int i = start; i < steps; i++) {
                session.step(batches.get(i));
            }
            return session.state();
        }
    }

    private static TrainingState resume(TrainingState midway) {
        return train(STEPS, midway);
    }

    private static void assertSameWeights(TrainingState expected, TrainingState actual) {
        for (int p = 0; p < expected.parameters().size(); p++) {
            assertArrayEquals(expected.parameters().get(p), actual.parameters().get(p), "parameter " + p);
            assertArrayEquals(
                    expected.firstMoments().get(p), actual.firstMoments().get(p), "first moment " + p);
            assertArrayEquals(
                    expected.secondMoments().get(p), actual.secondMoments().get(p), "second moment " + p);
        }
    }

    private static TrainingProblem problem() throws IOException {
        NetworkSpec darknet = FeatureNetworks.darknetTiny().load(TestMirror.repository(), List.of("l1", "l2", "l4"));
        java.util.Random random = new java.util.Random(1);
        NetworkSpec tiny = new NetworkSpec(
                "tiny",
                List.of(
                        new Layer.Conv2d("c1", 3, 8, 3, 3, 1, Padding.SAME, gaussian(8 * 3 * 9, random), null),
                        new Layer.InstanceNorm("n1", ones(8), new float[8], 1e-3f),
                        new Layer.Activation("r1", Layer.Activation.Kind.RELU, 0),
                        new Layer.Conv2d("c2", 8, 8, 3, 3, 2, Padding.SAME, gaussian(8 * 8 * 9, random), null),
                        new Layer.TransposedConv2d("t1", 8, 8, 3, 2, gaussian(8 * 8 * 9, random)),
                        new Layer.Conv2d("c3", 8, 3, 3, 3, 1, Padding.SAME, gaussian(3 * 8 * 9, random), null),
                        new Layer.InstanceNorm("n3", ones(3), new float[3], 1e-3f),
                        new Layer.ScaledTanh("out", 150, 127.5f)),
                Map.of("out", 7));
        Map<String, Double> styleLayers = new LinkedHashMap<>(Map.of("l1", 1.0, "l2", 1.0));
        return new TrainingProblem(
                tiny, darknet, image(20, 24, 99), "l4", styleLayers, new LossWeights(1, 10, 1e-3), 0.01);
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
