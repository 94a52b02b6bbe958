package io.nst.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonParser;
import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.WritableGroup;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureNetworksTest {

    @TempDir
    Path cache;

    @Test
    void darknetLoadsItsRealWeightsWithBatchNormFolded() throws IOException {
        NetworkSpec net = FeatureNetworks.darknetTiny().load(TestMirror.repository(cache), List.of("l15"));
        long convolutions =
                net.layers().stream().filter(l -> l instanceof Layer.Conv2d).count();
        assertEquals(15, convolutions);
        assertEquals(net.layerIndexOf("leaky_re_lu_8"), net.layerIndexOf("l8"));
        Layer.Conv2d first = (Layer.Conv2d) net.layers().get(0);
        assertEquals(16, first.outChannels());
        assertTrue(first.bias() != null, "batch norm folds into a bias");
    }

    @Test
    void onlyTheWeightFilesOfTheNeededLayersAreFetched() throws IOException {
        FeatureNetworks.darknetTiny().load(TestMirror.repository(cache), List.of("l1"));
        try (Stream<Path> files = Files.walk(cache)) {
            List<String> fetched = files.filter(Files::isRegularFile)
                    .map(p -> p.getFileName().toString())
                    .toList();
            // model.json, the first convolution's kernel and the first batch norm's parameters.
            assertEquals(3, fetched.size(), fetched.toString());
            assertTrue(fetched.contains("model.json"));
        }
    }

    @Test
    void unknownLayersAreNamedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FeatureNetworks.darknetTiny()
                .load(TestMirror.repository(cache), List.of("l99")));
        assertTrue(e.getMessage().contains("no layer named 'l99'"), e.getMessage());
        assertTrue(e.getMessage().contains("l1, l2, l3"), e.getMessage());
    }

    @Test
    void vgg19BlocksOneToThreeLoadFromTheMirror() throws IOException {
        NetworkSpec net = FeatureNetworks.vgg19().load(TestMirror.repository(cache), List.of("relu3_4"));
        assertEquals(net.layerIndexOf("block3_conv4"), net.layerIndexOf("relu3_4"));
        assertTrue(net.layers().get(0) instanceof Layer.InputNormalization);
    }

    @Test
    void vgg19NamesTheLayerWhoseWeightsAreMissing() {
        IOException e = assertThrows(IOException.class, () -> FeatureNetworks.vgg19()
                .load(TestMirror.repository(cache), List.of("relu4_2")));
        assertTrue(e.getMessage().contains("weights of layer block4_conv1 of vgg19 are not available"), e.getMessage());
        assertTrue(e.getMessage().contains("models/vgg19/group9-shard1of2"), e.getMessage());
    }

    @Test
    void vgg19TopologyInCodeMatchesThePublishedModel() throws IOException {
        var json = JsonParser.parseString(Files.readString(TestMirror.file("models/vgg19/model.json")))
                .getAsJsonObject();
        List<KerasLayer> published = KerasLayer.parse(json.getAsJsonObject("modelTopology")
                .getAsJsonObject("model_config")
                .getAsJsonObject("config")
                .getAsJsonArray("layers"));
        List<KerasLayer> features = published.stream()
                .filter(l -> Set.of("Conv2D", "MaxPooling2D").contains(l.className()))
                .toList();
        assertEquals(features, Vgg19Topology.layers());
    }

    @Test
    void readsAKerasHdf5WeightsFileOfTheNotopLayout(@TempDir Path dir) throws IOException {
        ModelRepository repository = TestMirror.repository(cache);
        NetworkSpec fromTfjs = FeatureNetworks.vgg19().load(repository, List.of("relu3_4"));
        Path h5 = dir.resolve("vgg19_weights_tf_dim_ordering_tf_kernels_notop.h5");
        writeNotopFile(fromTfjs, h5);

        NetworkSpec fromHdf5 = FeatureNetworks.vgg19(h5).load(repository, List.of("relu3_4"));
        assertEquals(fromTfjs.layers().size(), fromHdf5.layers().size());
        for (int i = 0; i < fromTfjs.layers().size(); i++) {
            if (fromTfjs.layers().get(i) instanceof Layer.Conv2d a) {
                Layer.Conv2d b = (Layer.Conv2d) fromHdf5.layers().get(i);
                assertArrayEquals(a.weight(), b.weight(), a.name());
                assertArrayEquals(a.bias(), b.bias(), a.name());
            }
        }
        IOException missing =
                assertThrows(IOException.class, () -> FeatureNetworks.vgg19(h5).load(repository, List.of("relu4_1")));
        assertTrue(missing.getMessage().contains("block4_conv1"), missing.getMessage());
    }

    @Test
    void aFileThatIsNotHdf5IsNamed(@TempDir Path dir) throws IOException {
        Path bogus = dir.resolve("weights.h5");
        Files.writeString(bogus, "not hdf5");
        IOException e = assertThrows(IOException.class, () -> FeatureNetworks.vgg19(bogus)
                .load(TestMirror.repository(cache), List.of("relu1_1")));
        assertTrue(e.getMessage().contains("is not a readable HDF5 file"), e.getMessage());
    }

    /**
     * Writes weights as Keras' {@code save_weights} does: a root attribute {@code layer_names},
     * one group per layer with a {@code weight_names} attribute, and datasets
     * {@code <layer>/<layer>/kernel:0} in HWIO order.
     */
    private static void writeNotopFile(NetworkSpec network, Path file) throws IOException {
        List<String> layerNames = new ArrayList<>();
        try (WritableHdfFile h5 = HdfFile.write(file)) {
            for (Layer layer : network.layers()) {
                if (!(layer instanceof Layer.Conv2d c)) {
                    continue;
                }
                layerNames.add(c.name());
                WritableGroup group = h5.putGroup(c.name());
                group.putAttribute("weight_names", new String[] {c.name() + "/kernel:0", c.name() + "/bias:0"});
                WritableGroup inner = group.putGroup(c.name());
                inner.putDataset("kernel:0", hwio(c));
                inner.putDataset("bias:0", c.bias());
            }
            h5.putAttribute("layer_names", layerNames.toArray(String[]::new));
            h5.putAttribute("backend", "tensorflow");
        }
    }

    private static float[][][][] hwio(Layer.Conv2d c) {
        int kh = c.kernelHeight();
        int kw = c.kernelWidth();
        float[][][][] out = new float[kh][kw][c.inChannels()][c.outChannels()];
        for (int o = 0; o < c.outChannels(); o++) {
            for (int i = 0; i < c.inChannels(); i++) {
                for (int y = 0; y < kh; y++) {
                    for (int x = 0; x < kw; x++) {
                        out[y][x][i][o] = c.weight()[((o * c.inChannels() + i) * kh + y) * kw + x];
                    }
                }
            }
        }
        return out;
    }
}
