package io.nst.backend.tensorflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import io.nst.fast.internal.TransferModels;
import io.nst.models.FeatureNetworks;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.spi.CompiledNetwork;
import io.nst.testing.BackendConformance;
import io.nst.testing.RandomTensors;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TensorFlowBackendTest {

    @Property(tries = 60)
    void everyArbitraryStyleLayerKindMatchesTheReferenceOnRandomShapes(
            @ForAll("arbitraryStyleLayers") io.nst.testing.LayerCase layer) {
        BackendConformance.assertMatchesReference(backend, layer);
    }

    @Provide
    Arbitrary<io.nst.testing.LayerCase> arbitraryStyleLayers() {
        return io.nst.testing.ArbitraryStyleLayers.cases();
    }

    private final TensorFlowBackend backend = new TensorFlowBackend();

    @ParameterizedTest
    @ValueSource(strings = {"wave", "udnie"})
    void reproducesTheGoldenOutput(String style) throws IOException {
        BackendConformance.assertReproducesGolden(backend, TransferModels.load(style, TestMirror.repository()), style);
    }

    @Test
    void aResultIsWrittenIntoTheCallersArrayOfItsSize() throws IOException {
        BackendConformance.assertWritesIntoTheCallersArray(
                backend, TransferModels.load("wave", TestMirror.repository()));
    }

    @Test
    void theArbitraryStylePairReproducesItsGoldenTensors() throws java.io.IOException {
        io.nst.testing.BackendConformance.assertReproducesArbitraryGolden(
                backend,
                io.nst.models.internal.ArbitraryStyleNetworks.predictor(io.nst.testing.TestMirror.repository()),
                io.nst.models.internal.ArbitraryStyleNetworks.transformer(io.nst.testing.TestMirror.repository()));
    }

    @Test
    void reflectionPaddingNearestUpsamplingAndTheSigmoidMatchTheReference() {
        BackendConformance.assertMatchesReference(backend, BackendConformance.transformerLayers(), "out");
    }

    @Test
    void depthwiseConvolutionRelu6AndTheSpatialMeanMatchTheReference() {
        BackendConformance.assertMatchesReference(backend, BackendConformance.mobileNetLayers(), "out");
    }

    @Test
    void darknetFeaturesMatchTheReference() throws IOException {
        BackendConformance.assertMatchesReference(
                backend, FeatureNetworks.darknetTiny().load(TestMirror.repository(), List.of("l6")), "l6");
    }

    @Test
    void aSavedModelExportLoadsWithDjlAndGivesTheSameOutput(@TempDir Path dir) throws Exception {
        NetworkSpec network = TransferModels.load("udnie", TestMirror.repository());
        Path savedModel = dir.resolve("udnie");
        backend.export(network, savedModel);
        assertTrue(Files.exists(savedModel.resolve("saved_model.pb")));
        FloatTensor input = new FloatTensor(3, 20, 28, RandomTensors.gaussian(3 * 20 * 28, 5));
        float[] expected;
        try (CompiledNetwork net = backend.compile(network, false)) {
            expected = net.apply(input).data();
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(savedModel)
                .optEngine("TensorFlow")
                .build();
        try (ZooModel<NDList, NDList> model = criteria.loadModel();
                Predictor<NDList, NDList> predictor = model.newPredictor()) {
            NDArray x = model.getNDManager().create(input.data(), new Shape(1, 3, 20, 28));
            NDArray y = predictor.predict(new NDList(x)).singletonOrThrow();
            assertEquals(new Shape(1, 3, 20, 28), y.getShape());
            assertArrayEquals(expected, y.toFloatArray(), 1e-3f);
        }
        IOException exists = assertThrows(IOException.class, () -> backend.export(network, savedModel));
        assertTrue(exists.getMessage().contains("exists"), exists.getMessage());
    }
}
