package io.nst.backend.pytorch;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.nst.models.FeatureNetworks;
import io.nst.net.FloatTensor;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.net.Padding;
import io.nst.net.ReferenceNetwork;
import io.nst.testing.BackendConformance;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The compiled network computes what the reference forward pass defines. */
class TorchNetworkTest {

    @Property(tries = 60)
    void everyArbitraryStyleLayerKindMatchesTheReferenceOnRandomShapes(
            @ForAll("arbitraryStyleLayers") io.nst.testing.LayerCase layer) {
        BackendConformance.assertMatchesReference(new PyTorchBackend(), layer);
    }

    @Provide
    Arbitrary<io.nst.testing.LayerCase> arbitraryStyleLayers() {
        return io.nst.testing.ArbitraryStyleLayers.cases();
    }

    @Test
    void aResultIsWrittenIntoTheCallersArrayOfItsSize() {
        BackendConformance.assertWritesIntoTheCallersArray(
                new PyTorchBackend(), BackendConformance.transformerLayers());
    }

    @Test
    void darknetWithRealWeightsMatchesTheReference() throws IOException {
        List<String> layers = List.of("l1", "l2", "l4", "l6", "l8", "l10", "l15");
        NetworkSpec spec = FeatureNetworks.darknetTiny().load(TestMirror.repository(), layers);
        assertMatchesReference(spec, layers, image(3, 37, 29, 7));
    }

    @Test
    void vgg19WithRealWeightsMatchesTheReference() throws IOException {
        List<String> layers = List.of("relu1_1", "relu2_1", "relu3_1", "relu3_4");
        NetworkSpec spec = FeatureNetworks.vgg19().load(TestMirror.repository(), layers);
        assertMatchesReference(spec, layers, image(3, 21, 26, 8));
    }

    @Test
    void asymmetricSamePaddingAndStridesMatchTheReference() {
        Layer.Conv2d strided = new Layer.Conv2d(
                "strided",
                3,
                4,
                4,
                4,
                2,
                Padding.SAME,
                TorchLossesProperties.random(4 * 3 * 4 * 4, 1),
                TorchLossesProperties.random(4, 2));
        Layer.MaxPool pool = new Layer.MaxPool("pool", 3, 2, Padding.SAME);
        Layer.Conv2d valid = new Layer.Conv2d(
                "valid", 4, 2, 3, 3, 1, Padding.VALID, TorchLossesProperties.random(2 * 4 * 3 * 3, 3), null);
        NetworkSpec spec = new NetworkSpec("shapes", List.of(strided, pool, valid), Map.of("a", 0, "b", 1, "c", 2));
        assertMatchesReference(spec, List.of("a", "b", "c"), image(3, 15, 18, 4));
    }

    @Test
    void theArbitraryStylePairReproducesItsGoldenTensors() throws java.io.IOException {
        io.nst.testing.BackendConformance.assertReproducesArbitraryGolden(
                new PyTorchBackend(),
                io.nst.models.internal.ArbitraryStyleNetworks.predictor(io.nst.testing.TestMirror.repository()),
                io.nst.models.internal.ArbitraryStyleNetworks.transformer(io.nst.testing.TestMirror.repository()));
    }

    @Test
    void reflectionPaddingNearestUpsamplingAndTheSigmoidMatchTheReference() {
        io.nst.testing.BackendConformance.assertMatchesReference(
                new PyTorchBackend(), io.nst.testing.BackendConformance.transformerLayers(), "out");
    }

    @Test
    void depthwiseConvolutionRelu6AndTheSpatialMeanMatchTheReference() {
        io.nst.testing.BackendConformance.assertMatchesReference(
                new PyTorchBackend(), io.nst.testing.BackendConformance.mobileNetLayers(), "out");
    }

    @Test
    void transposedConvolutionInstanceNormResidualsAndTanhMatchTheReference() {
        Layer.TransposedConv2d up =
                new Layer.TransposedConv2d("up", 3, 4, 3, 2, TorchLossesProperties.random(3 * 4 * 3 * 3, 5));
        Layer.InstanceNorm norm = new Layer.InstanceNorm(
                "norm", TorchLossesProperties.random(4, 6), TorchLossesProperties.random(4, 7), 1e-3f);
        Layer.Residual residual = new Layer.Residual(
                "res",
                List.of(
                        new Layer.Conv2d(
                                "rc", 4, 4, 3, 3, 1, Padding.SAME, TorchLossesProperties.random(4 * 4 * 9, 8), null),
                        new Layer.Activation("relu", Layer.Activation.Kind.RELU, 0)));
        Layer.ScaledTanh tanh = new Layer.ScaledTanh("tanh", 150, 127.5f);
        NetworkSpec spec = new NetworkSpec(
                "decoder", List.of(up, norm, residual, tanh), Map.of("up", 0, "norm", 1, "res", 2, "out", 3));
        for (int[] size : new int[][] {{7, 10}, {6, 5}, {1, 4}}) {
            assertMatchesReference(spec, List.of("up", "norm", "res", "out"), image(3, size[0], size[1], 9));
        }
    }

    private static void assertMatchesReference(NetworkSpec spec, List<String> layers, FloatTensor input) {
        Map<String, FloatTensor> expected = ReferenceNetwork.features(spec, input, layers);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            TorchNetwork network = new TorchNetwork(spec, manager, DataType.FLOAT32);
            int[] indices = layers.stream().mapToInt(spec::layerIndexOf).toArray();
            NDArray x = manager.create(input.data(), new Shape(1, 3, input.height(), input.width()));
            NDArray[] outputs = network.forward(x, indices);
            for (int k = 0; k < layers.size(); k++) {
                FloatTensor want = expected.get(layers.get(k));
                assertEquals(
                        new Shape(1, want.channels(), want.height(), want.width()),
                        outputs[k].getShape(),
                        layers.get(k));
                float[] got = outputs[k].toFloatArray();
                double scale = 0;
                for (float v : want.data()) {
                    scale = Math.max(scale, Math.abs(v));
                }
                for (int i = 0; i < got.length; i++) {
                    assertEquals(want.data()[i], got[i], 1e-4 * (1 + scale), layers.get(k) + " value " + i);
                }
            }
        }
    }

    static FloatTensor image(int c, int h, int w, long seed) {
        java.util.Random random = new java.util.Random(seed);
        float[] data = new float[c * h * w];
        for (int i = 0; i < data.length; i++) {
            data[i] = random.nextFloat();
        }
        return new FloatTensor(c, h, w, data);
    }
}
