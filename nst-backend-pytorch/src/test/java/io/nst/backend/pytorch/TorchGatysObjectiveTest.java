package io.nst.backend.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import io.nst.LossTerms;
import io.nst.LossWeights;
import io.nst.StyleTransferException;
import io.nst.loss.StyleLosses;
import io.nst.models.FeatureNetworks;
import io.nst.net.FloatTensor;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.net.Padding;
import io.nst.net.ReferenceNetwork;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import io.nst.spi.GatysObjective;
import io.nst.spi.GatysProblem;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TorchGatysObjectiveTest {

    private static final LossWeights WEIGHTS = new LossWeights(1, 30, 0.5);

    @Test
    void lossTermsEqualTheReferenceWithRealDarknetWeights() throws IOException {
        Map<String, Double> styleLayers = new LinkedHashMap<>(Map.of("l1", 1.0, "l4", 2.0, "l6", 0.5));
        NetworkSpec spec = FeatureNetworks.darknetTiny().load(TestMirror.repository(), List.of("l1", "l4", "l6"));
        FloatTensor content = TorchNetworkTest.image(3, 24, 20, 1);
        List<FloatTensor> styles = List.of(TorchNetworkTest.image(3, 18, 22, 2), TorchNetworkTest.image(3, 16, 16, 3));
        GatysProblem problem = new GatysProblem(spec, content, styles, List.of(3.0, 1.0), "l4", styleLayers, WEIGHTS);
        FloatTensor candidate = TorchNetworkTest.image(3, 24, 20, 4);

        double[] expected = referenceTerms(problem, candidate);
        try (GatysObjective objective = new PyTorchBackend().gatysObjective(problem, false)) {
            LossTerms terms = objective.evaluate(candidate.data(), new float[candidate.data().length]);
            assertEquals(expected[0], terms.content(), 1e-4 * expected[0]);
            assertEquals(expected[1], terms.style(), 1e-4 * expected[1]);
            assertEquals(expected[2], terms.tv(), 1e-4 * expected[2]);
        }
    }

    @Test
    void gradientMatchesCentralFiniteDifferences() {
        GatysProblem problem = smallProblem();
        FloatTensor candidate = TorchNetworkTest.image(3, 9, 11, 5);
        float[] gradient = new float[candidate.data().length];
        try (TorchGatysObjective objective = new TorchGatysObjective(problem, Device.cpu(), DataType.FLOAT64)) {
            objective.evaluate(candidate.data(), gradient);
            Random pick = new Random(6);
            float[] scratch = new float[gradient.length];
            double h = 1e-3;
            for (int n = 0; n < 40; n++) {
                int i = pick.nextInt(gradient.length);
                float[] plus = candidate.data().clone();
                float[] minus = candidate.data().clone();
                plus[i] += (float) h;
                minus[i] -= (float) h;
                double numeric = (objective.evaluate(plus, scratch).total()
                                - objective.evaluate(minus, scratch).total())
                        / ((double) plus[i] - minus[i]);
                assertEquals(numeric, gradient[i], 1e-3 * Math.abs(numeric) + 1e-6, "component " + i);
            }
        }
    }

    @Test
    void theBackendIsFoundAndMissingOnesAreNamedWithHowBackendsArePublished() {
        assertEquals(
                "pytorch", Backends.select(null, Capability.GATYS_GRADIENTS).name());
        StyleTransferException missing = assertThrows(
                StyleTransferException.class, () -> Backends.select("tensorflow", Capability.GATYS_GRADIENTS));
        assertTrue(missing.getMessage().contains("io.nst:nst-backend-*"), missing.getMessage());
        StyleTransferException unknown = assertThrows(
                StyleTransferException.class, () -> Backends.select("cuda-magic", Capability.GATYS_GRADIENTS));
        assertTrue(
                unknown.getMessage().startsWith("no backend 'cuda-magic' on the class path (there: pytorch)"),
                unknown.getMessage());
    }

    /** A small random network with every layer kind, so that float64 finite differences are cheap. */
    private static GatysProblem smallProblem() {
        Random random = new Random(7);
        Layer.Conv2d conv1 = new Layer.Conv2d(
                "conv1", 3, 6, 3, 3, 1, Padding.SAME, gaussian(6 * 3 * 9, random), gaussian(6, random));
        Layer.Activation leaky = new Layer.Activation("leaky", Layer.Activation.Kind.LEAKY_RELU, 0.1f);
        Layer.MaxPool pool = new Layer.MaxPool("pool", 2, 2, Padding.SAME);
        Layer.Conv2d conv2 = new Layer.Conv2d("conv2", 6, 5, 3, 3, 1, Padding.SAME, gaussian(5 * 6 * 9, random), null);
        Layer.Activation relu = new Layer.Activation("relu", Layer.Activation.Kind.RELU, 0);
        NetworkSpec spec = new NetworkSpec("small", List.of(conv1, leaky, pool, conv2, relu), Map.of("a", 1, "b", 4));
        return new GatysProblem(
                spec,
                TorchNetworkTest.image(3, 9, 11, 8),
                List.of(TorchNetworkTest.image(3, 10, 7, 9)),
                List.of(1.0),
                "b",
                new LinkedHashMap<>(Map.of("a", 1.0, "b", 1.0)),
                WEIGHTS);
    }

    /** Weighted content, style and TV terms computed with the plain-Java references. */
    private static double[] referenceTerms(GatysProblem p, FloatTensor candidate) {
        List<String> styleLayers = new ArrayList<>(p.styleLayers().keySet());
        double[] blend = p.normalisedBlend();
        List<float[]> targets = new ArrayList<>();
        for (int l = 0; l < styleLayers.size(); l++) {
            targets.add(null);
        }
        for (int s = 0; s < p.styles().size(); s++) {
            var features = ReferenceNetwork.features(p.network(), p.styles().get(s), styleLayers);
            for (int l = 0; l < styleLayers.size(); l++) {
                FloatTensor f = features.get(styleLayers.get(l));
                float[] gram = StyleLosses.gram(f.data(), f.channels(), f.positions());
                float[] sum = targets.get(l) == null ? new float[gram.length] : targets.get(l);
                for (int i = 0; i < gram.length; i++) {
                    sum[i] += (float) (blend[s] * gram[i]);
                }
                targets.set(l, sum);
            }
        }
        var mine = ReferenceNetwork.features(p.network(), candidate, styleLayers);
        List<float[]> grams = new ArrayList<>();
        float[] layerWeights = new float[styleLayers.size()];
        for (int l = 0; l < styleLayers.size(); l++) {
            FloatTensor f = mine.get(styleLayers.get(l));
            grams.add(StyleLosses.gram(f.data(), f.channels(), f.positions()));
            layerWeights[l] = p.styleLayers().get(styleLayers.get(l)).floatValue();
        }
        float[] contentTarget = ReferenceNetwork.features(p.network(), p.content(), List.of(p.contentLayer()))
                .get(p.contentLayer())
                .data();
        float[] contentNow = ReferenceNetwork.features(p.network(), candidate, List.of(p.contentLayer()))
                .get(p.contentLayer())
                .data();
        return new double[] {
            p.weights().content() * StyleLosses.contentLoss(contentNow, contentTarget),
            p.weights().style() * StyleLosses.styleLoss(grams, targets, layerWeights),
            p.weights().totalVariation()
                    * StyleLosses.totalVariation(candidate.data(), 3, candidate.height(), candidate.width())
        };
    }

    private static float[] gaussian(int n, Random random) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextGaussian() * 0.3);
        }
        return v;
    }
}
