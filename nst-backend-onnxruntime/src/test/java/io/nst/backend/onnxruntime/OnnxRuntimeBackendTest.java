package io.nst.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.StyleTransferException;
import io.nst.fast.FastStylizer;
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

class OnnxRuntimeBackendTest {

    @Property(tries = 60)
    void everyArbitraryStyleLayerKindMatchesTheReferenceOnRandomShapes(
            @ForAll("arbitraryStyleLayers") io.nst.testing.LayerCase layer) {
        BackendConformance.assertMatchesReference(backend, layer);
    }

    @Provide
    Arbitrary<io.nst.testing.LayerCase> arbitraryStyleLayers() {
        return io.nst.testing.ArbitraryStyleLayers.cases();
    }

    private final OnnxRuntimeBackend backend = new OnnxRuntimeBackend();

    @ParameterizedTest
    @ValueSource(strings = {"wave", "udnie"})
    void reproducesTheGoldenOutput(String style) throws IOException {
        BackendConformance.assertReproducesGolden(backend, TransferModels.load(style, TestMirror.repository()), style);
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
    void anExportedFileRunsLikeTheCompiledNetwork(@TempDir Path dir) throws IOException {
        NetworkSpec network = TransferModels.load("wave", TestMirror.repository());
        Path file = dir.resolve("wave.onnx");
        backend.export(network, file);
        FloatTensor input = new FloatTensor(3, 24, 20, RandomTensors.gaussian(3 * 24 * 20, 4));
        try (CompiledNetwork compiled = backend.compile(network, false);
                CompiledNetwork loaded = backend.load(file, false)) {
            assertEquals(compiled.apply(input), loaded.apply(input));
        }
    }

    @Test
    void aResultIsWrittenIntoTheCallersArrayOfItsSize() throws IOException {
        BackendConformance.assertWritesIntoTheCallersArray(
                backend, TransferModels.load("wave", TestMirror.repository()));
    }

    /**
     * The native copy of the input kept between runs: images of one size and of another in turn,
     * and from four threads at once (which a compiled network does not promise, but must not
     * answer with another call's pixels), each give their own result.
     */
    @Test
    void theKeptInputAndOutputNeverGiveARunAnotherImagesPixels() throws Exception {
        List<FloatTensor> inputs = new java.util.ArrayList<>();
        for (int seed = 0; seed < 4; seed++) {
            int height = seed == 3 ? 28 : 24;
            inputs.add(new FloatTensor(3, height, 20, RandomTensors.gaussian(3 * height * 20, 10 + seed)));
        }
        try (CompiledNetwork compiled = backend.compile(TransferModels.load("wave", TestMirror.repository()), false)) {
            List<FloatTensor> expected = new java.util.ArrayList<>();
            for (FloatTensor input : inputs) {
                expected.add(compiled.apply(input));
            }
            for (int i : new int[] {0, 3, 1, 3, 2, 0}) {
                assertEquals(expected.get(i), compiled.apply(inputs.get(i)), "input " + i);
            }
            java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
            io.nst.testing.Concurrently.run(4, 40, () -> {
                int i = next.getAndIncrement() % inputs.size();
                assertEquals(expected.get(i), compiled.apply(inputs.get(i)), "input " + i);
                return i;
            });
        }
    }

    @Test
    void exportedAndValidOnnxModelsThatAreNotStyleNetworksAreTold(@TempDir Path dir) throws IOException {
        Path wave = dir.resolve("wave.onnx");
        backend.export(TransferModels.load("wave", TestMirror.repository()), wave);
        try (FastStylizer stylizer =
                FastStylizer.builder().model(wave.toString()).build()) {
            assertEquals("onnxruntime", stylizer.backend());
            assertEquals(
                    37,
                    stylizer.stylize(
                                    new java.awt.image.BufferedImage(37, 21, java.awt.image.BufferedImage.TYPE_INT_RGB))
                            .getWidth());
        }
        Path features = dir.resolve("darknet.onnx");
        backend.export(FeatureNetworks.darknetTiny().load(TestMirror.repository(), List.of("l6")), features);
        try (FastStylizer stylizer =
                FastStylizer.builder().model(features.toString()).build()) {
            StyleTransferException e = assertThrows(
                    StyleTransferException.class,
                    () -> stylizer.stylize(
                            new java.awt.image.BufferedImage(32, 32, java.awt.image.BufferedImage.TYPE_INT_RGB)));
            assertTrue(e.getMessage().contains("a style network keeps RGB and the size"), e.getMessage());
        }
    }

    @Test
    void anOnnxFileThatIsNotAStyleNetworkIsRefused(@TempDir Path dir) throws IOException {
        Path garbage = dir.resolve("garbage.onnx");
        Files.writeString(garbage, "not a model");
        StyleTransferException e = assertThrows(StyleTransferException.class, () -> backend.load(garbage, false));
        assertTrue(e.getMessage().contains("not a model ONNX Runtime can load"), e.getMessage());
    }
}
