package io.nst.models;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nst.FeatureNetwork;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Tiny Darknet and VGG19 as {@link FeatureNetwork}s: TensorFlow.js weights from the model
 * repository (only the files of the layers in use) or a Keras HDF5 file. Immutable.
 */
final class PretrainedNetwork implements FeatureNetwork {

    private static final String DARKNET_DIR = "models/darknet-tiny/";
    private static final String VGG19_DIR = "models/vgg19/";
    private static final float[] VGG_MEAN_BGR = {103.939f, 116.779f, 123.68f};

    private final String name;
    private final String contentLayer;
    private final Map<String, Double> styleLayers;
    private final Path hdf5File;
    private final Long randomSeed;

    private PretrainedNetwork(
            String name, String contentLayer, Map<String, Double> styleLayers, Path hdf5File, Long randomSeed) {
        this.name = name;
        this.contentLayer = contentLayer;
        this.styleLayers = styleLayers;
        this.hdf5File = hdf5File;
        this.randomSeed = randomSeed;
    }

    /** Tiny Darknet; content {@code l8}, style {@code l1, l2, l4, l6, l8, l10}. */
    static FeatureNetwork darknetTiny() {
        return new PretrainedNetwork(
                "darknet-tiny", "l8", equalWeights("l1", "l2", "l4", "l6", "l8", "l10"), null, null);
    }

    /**
     * VGG19 from the model repository; content {@code relu3_2}, style {@code relu1_1, relu2_1,
     * relu3_1, relu3_4} (blocks 1-3). The classic Gatys layers ({@code relu4_2};
     * {@code relu1_1 ... relu5_1}) work when the repository can deliver blocks 4-5.
     */
    static FeatureNetwork vgg19() {
        return new PretrainedNetwork(
                "vgg19", "relu3_2", equalWeights("relu1_1", "relu2_1", "relu3_1", "relu3_4"), null, null);
    }

    /** VGG19 with weights from a Keras HDF5 file, such as Keras' {@code ..._notop.h5}. */
    static FeatureNetwork vgg19(Path kerasHdf5File) {
        Objects.requireNonNull(kerasHdf5File, "kerasHdf5File");
        FeatureNetwork v = vgg19();
        return new PretrainedNetwork("vgg19", v.defaultContentLayer(), v.defaultStyleLayers(), kerasHdf5File, null);
    }

    /**
     * The same network shape with seeded random (He-initialised) weights instead of the
     * pretrained ones: for benchmarks and tests, not for good pictures. Tiny Darknet's topology
     * still comes from the repository's {@code model.json}.
     */
    @Override
    public FeatureNetwork withRandomWeights(long seed) {
        return new PretrainedNetwork(name, contentLayer, styleLayers, null, seed);
    }

    @Override
    public String name() {
        return name;
    }

    /** The content layer used unless the caller names another. */
    @Override
    public String defaultContentLayer() {
        return contentLayer;
    }

    /** The style layers and their weights used unless the caller names others. */
    @Override
    public Map<String, Double> defaultStyleLayers() {
        return styleLayers;
    }

    /**
     * The part of the network that computes {@code layers}, with its real weights. Only the
     * weight files those layers need are resolved.
     *
     * @throws IOException naming the layer whose weights could not be had
     * @throws IllegalArgumentException for a layer name the network does not have
     */
    @Override
    public NetworkSpec load(ModelRepository repository, Collection<String> layers) throws IOException {
        if (randomSeed != null) {
            return randomNetwork(repository, randomSeed, layers);
        }
        if (hdf5File != null) {
            if (!Files.isRegularFile(hdf5File)) {
                throw new IOException("Keras weights file not found: " + hdf5File);
            }
            try (KerasHdf5Weights weights = new KerasHdf5Weights(hdf5File)) {
                return builder(Vgg19Topology.layers()).build(layers, weights);
            }
        }
        String dir = directory();
        JsonObject model = readModelJson(repository, dir);
        TfjsWeights weights =
                new TfjsWeights(model.getAsJsonArray("weightsManifest"), file -> repository.resolve(dir + file));
        return builder(kerasLayers(model)).build(layers, weights);
    }

    private NetworkSpec randomNetwork(ModelRepository repository, long seed, Collection<String> layers)
            throws IOException {
        List<KerasLayer> topology =
                name.equals("vgg19") ? Vgg19Topology.layers() : kerasLayers(readModelJson(repository, directory()));
        SplittableRandom random = new SplittableRandom(seed);
        WeightSource weights = (tensor, shape) -> {
            int count = 1;
            for (int d : shape) {
                count *= d;
            }
            float[] values = new float[count];
            if (tensor.endsWith("/kernel")) {
                double std = Math.sqrt(2.0 / (shape[0] * shape[1] * shape[2]));
                for (int i = 0; i < count; i++) {
                    values[i] = (float) (gaussian(random) * std);
                }
            } else if (tensor.endsWith("/gamma") || tensor.endsWith("/moving_variance")) {
                java.util.Arrays.fill(values, 1f);
            }
            return values;
        };
        return builder(topology).build(layers, weights);
    }

    /** Every layer name this network offers (Keras names and short aliases). */
    @Override
    public List<String> layerNames(ModelRepository repository) throws IOException {
        List<KerasLayer> topology = hdf5File != null || name.equals("vgg19")
                ? Vgg19Topology.layers()
                : kerasLayers(readModelJson(repository, directory()));
        return new ArrayList<>(builder(topology).featureNames().keySet());
    }

    private KerasNetworkBuilder builder(List<KerasLayer> topology) {
        if (name.equals("vgg19")) {
            float[] offset = new float[3];
            for (int c = 0; c < 3; c++) {
                offset[c] = -VGG_MEAN_BGR[c];
            }
            Layer.InputNormalization bgr = new Layer.InputNormalization(
                    "vgg19/preprocess", new int[] {2, 1, 0}, new float[] {255, 255, 255}, offset);
            return new KerasNetworkBuilder("vgg19", topology, bgr, "block(\\d)_conv(\\d)", "relu$1_$2");
        }
        return new KerasNetworkBuilder("darknet-tiny", topology, null, "leaky_re_lu_(\\d+)", "l$1");
    }

    private String directory() {
        return name.equals("vgg19") ? VGG19_DIR : DARKNET_DIR;
    }

    private static JsonObject readModelJson(ModelRepository repository, String dir) throws IOException {
        Path json = repository.resolve(dir + "model.json");
        return JsonParser.parseString(Files.readString(json)).getAsJsonObject();
    }

    private static List<KerasLayer> kerasLayers(JsonObject model) {
        JsonObject config = model.getAsJsonObject("modelTopology").getAsJsonObject("model_config");
        return KerasLayer.parse(config.getAsJsonObject("config").getAsJsonArray("layers"));
    }

    private static Map<String, Double> equalWeights(String... layers) {
        Map<String, Double> weights = new LinkedHashMap<>();
        for (String layer : layers) {
            weights.put(layer, 1.0);
        }
        return java.util.Collections.unmodifiableMap(weights);
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    @Override
    public String toString() {
        if (randomSeed != null) {
            return name + " (random weights)";
        }
        return hdf5File == null ? name : name + " (" + hdf5File + ")";
    }
}
