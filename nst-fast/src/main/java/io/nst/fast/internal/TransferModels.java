package io.nst.fast.internal;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nst.net.Layer;
import io.nst.net.Layouts;
import io.nst.net.NetworkSpec;
import io.nst.net.Padding;
import io.nst.repo.ModelRepository;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The transfer network of Johnson et al. (as trained by Engstrom's fast-style-transfer): a 9x9
 * convolution, two stride-2 convolutions, five residual blocks, two stride-2 transposed
 * convolutions and a 9x9 output convolution, each followed by instance normalisation, then
 * {@code 150 tanh(x) + 127.5}. Input and output are RGB in {@code 0..255}. Defined once here;
 * backends compile it. Stateless; safe to call from any thread.
 */
public final class TransferModels {

    /** The pretrained styles in the model repository. */
    public static final List<String> PRETRAINED = List.of(
            "wave", "udnie", "la_muse", "rain_princess", "scream", "wreck", "mathura", "matilde_perez", "matta");

    private static final float EPSILON = 1e-3f;

    /**
     * File with the metadata of the project's own models (architecture, width, training,
     * provenance) and the folder of their weights.
     */
    public static final String METADATA = "nst-model.json";

    private static final String MANIFEST = "manifest.json";

    /** Channel widths of the transfer network. */
    public enum Width {
        /** The published network: 32, 64 and 128 channels. */
        FULL(32, 64, 128),
        /** Half the channels, about a quarter of the work: practical to train on a CPU. */
        SLIM(16, 32, 64);

        private final int c1;
        private final int c2;
        private final int c3;

        Width(int c1, int c2, int c3) {
            this.c1 = c1;
            this.c2 = c2;
            this.c3 = c3;
        }
    }

    /** Reads one variable ({@code Variable}, {@code Variable_1}, ...) with its shape checked. */
    interface Variables {
        float[] get(String name, int... shape) throws IOException;
    }

    private TransferModels() {}

    /**
     * A pretrained style by name (through the repository) or a model directory: one this SDK
     * trained ({@value #METADATA} naming its verified weights folder), or one in the pretrained
     * styles' layout ({@code manifest.json} and the raw float32 variable files it names).
     */
    public static NetworkSpec load(String nameOrDirectory, ModelRepository repository) throws IOException {
        if (PRETRAINED.contains(nameOrDirectory)) {
            String prefix = "models/fast/" + nameOrDirectory + "/";
            FileSource files = file -> Files.readAllBytes(repository.resolve(prefix + file));
            return build(nameOrDirectory, manifest(prefix, files), Width.FULL);
        }
        Path dir = Path.of(nameOrDirectory);
        Path named = userModels().resolve(nameOrDirectory);
        if (!Files.isDirectory(dir) && !nameOrDirectory.contains("/") && Files.isDirectory(named)) {
            dir = named;
        }
        if (!Files.isDirectory(dir)) {
            throw new IOException("unknown model '" + nameOrDirectory + "': neither a pretrained style ("
                    + String.join(", ", PRETRAINED) + "), nor a directory, nor a model in " + userModels());
        }
        return loadDirectory(dir);
    }

    private static NetworkSpec loadDirectory(Path dir) throws IOException {
        String name = dir.getFileName().toString();
        Optional<Snapshot.Loaded> trained = Snapshot.read(dir.resolve(METADATA));
        if (trained.isPresent()) {
            Map<String, byte[]> files = trained.get().files();
            FileSource source = file -> {
                byte[] bytes = files.get(file);
                if (bytes == null) {
                    throw new IOException(dir.resolve(METADATA) + " lists no file " + file);
                }
                return bytes;
            };
            return build(
                    name,
                    manifest(dir.resolve(trained.get().folder()) + "/", source),
                    widthOf(trained.get().record(), dir));
        }
        FileSource plain = file -> {
            Path path = dir.resolve(file);
            if (!Files.isRegularFile(path)) {
                throw new IOException(path + ": missing");
            }
            return Files.readAllBytes(path);
        };
        return build(name, manifest(dir + "/", plain), Width.FULL);
    }

    /**
     * Where models of the user's own can be found by name: {@code $NST_HOME/models} (default
     * {@code ~/.nst/models}); {@code model("my_style")} loads {@code $NST_HOME/models/my_style}.
     */
    public static Path userModels() {
        return ModelRepository.defaultCacheDirectory().getParent().resolve("models");
    }

    /** The width recorded in a trained model's metadata. */
    private static Width widthOf(JsonObject metadata, Path dir) throws IOException {
        try {
            return Width.valueOf(metadata.get("width").getAsString().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IOException(dir.resolve(METADATA) + ": no network width recorded (" + e.getMessage() + ")", e);
        }
    }

    /** A network of the given width with seeded He-initialised kernels, gamma 1 and beta 0. */
    public static NetworkSpec initial(Width width, long seed) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(seed);
        try {
            return build(
                    "untrained",
                    (name, shape) -> {
                        int count = 1;
                        for (int d : shape) {
                            count *= d;
                        }
                        float[] values = new float[count];
                        if (shape.length == 4) {
                            double std = Math.sqrt(2.0 / (shape[0] * shape[1] * shape[2]));
                            for (int i = 0; i < count; i++) {
                                double u = 1 - random.nextDouble();
                                double g = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
                                values[i] = (float) (g * std);
                            }
                        } else if (isGamma(name)) {
                            Arrays.fill(values, 1f);
                        }
                        return values;
                    },
                    width);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Gamma is the third variable of each layer: indices 2, 5, 8, ... */
    private static boolean isGamma(String variable) {
        int index = variable.equals("Variable") ? 0 : Integer.parseInt(variable.substring("Variable_".length()));
        return index % 3 == 2;
    }

    /**
     * Writes {@code network} as a model directory, replacing a model there as a whole: the
     * variables in TensorFlow layout with {@code manifest.json} (the layout of the pretrained
     * styles) in a folder {@code weights-<digest>}, then {@code metadata} as {@value #METADATA},
     * which names that folder and each file's checksum (see {@link Snapshot}).
     */
    public static void save(NetworkSpec network, Path dir, JsonObject metadata) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        JsonObject manifest = new JsonObject();
        int index = 0;
        for (Layer layer : flatten(network.layers())) {
            if (layer instanceof Layer.Conv2d c) {
                index = saveVariable(
                        files,
                        manifest,
                        index,
                        Layouts.oihwToHwio(
                                c.weight(), c.outChannels(), c.inChannels(), c.kernelHeight(), c.kernelWidth()),
                        c.kernelHeight(),
                        c.kernelWidth(),
                        c.inChannels(),
                        c.outChannels());
            } else if (layer instanceof Layer.TransposedConv2d t) {
                index = saveVariable(
                        files,
                        manifest,
                        index,
                        Layouts.oihwToHwio(t.weight(), t.inChannels(), t.outChannels(), t.kernel(), t.kernel()),
                        t.kernel(),
                        t.kernel(),
                        t.outChannels(),
                        t.inChannels());
            } else if (layer instanceof Layer.InstanceNorm n) {
                index = saveVariable(files, manifest, index, n.beta(), n.beta().length);
                index = saveVariable(files, manifest, index, n.gamma(), n.gamma().length);
            }
        }
        files.put(MANIFEST, manifest.toString().getBytes(StandardCharsets.UTF_8));
        Snapshot.write(dir.resolve(METADATA), "weights", metadata, files, false);
    }

    private static List<Layer> flatten(List<Layer> layers) {
        List<Layer> out = new ArrayList<>();
        for (Layer layer : layers) {
            if (layer instanceof Layer.Residual r) {
                out.addAll(flatten(r.body()));
            } else {
                out.add(layer);
            }
        }
        return out;
    }

    private static int saveVariable(
            Map<String, byte[]> files, JsonObject manifest, int index, float[] values, int... shape) {
        String name = variable(index);
        ByteBuffer bytes = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        files.put(name, bytes.array());
        JsonObject entry = new JsonObject();
        entry.addProperty("filename", name);
        com.google.gson.JsonArray dims = new com.google.gson.JsonArray();
        for (int d : shape) {
            dims.add(d);
        }
        entry.add("shape", dims);
        manifest.add(name, entry);
        return index + 1;
    }

    /** The bytes of a model's file by its name in the manifest. */
    private interface FileSource {
        byte[] read(String file) throws IOException;
    }

    /** The variables a manifest names; {@code where} prefixes file names in messages. */
    private static Variables manifest(String where, FileSource files) throws IOException {
        String manifestFile = where + MANIFEST;
        JsonObject manifest;
        try {
            manifest = JsonParser.parseString(new String(files.read(MANIFEST), StandardCharsets.UTF_8))
                    .getAsJsonObject();
        } catch (RuntimeException e) {
            throw new IOException(manifestFile + ": not a model manifest (" + e.getMessage() + ")", e);
        }
        Map<String, float[]> cache = new HashMap<>();
        return (name, shape) -> {
            JsonObject entry = manifest.getAsJsonObject(name);
            if (entry == null) {
                throw new IOException(manifestFile + " has no variable " + name);
            }
            int[] declared = entry.getAsJsonArray("shape").asList().stream()
                    .mapToInt(JsonElement::getAsInt)
                    .toArray();
            if (!Arrays.equals(declared, shape)) {
                throw new IOException(name + " has shape " + Arrays.toString(declared) + ", expected "
                        + Arrays.toString(shape) + ": not this network");
            }
            float[] loaded = cache.get(name);
            if (loaded == null) {
                String file = entry.get("filename").getAsString();
                loaded = readFloats(where + file, files.read(file), shape);
                cache.put(name, loaded);
            }
            return loaded;
        };
    }

    private static float[] readFloats(String file, byte[] bytes, int[] shape) throws IOException {
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        if (bytes.length != 4 * count) {
            throw new IOException(
                    file + ": " + bytes.length + " bytes, expected " + 4 * count + " (truncated or wrong file)");
        }
        float[] values = new float[(int) count];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IOException(file + ": contains " + v);
            }
        }
        return values;
    }

    /** The network from its 48 variables: kernel, instance-norm beta, gamma for each layer. */
    static NetworkSpec build(String name, Variables v, Width width) throws IOException {
        int c1 = width.c1;
        int c2 = width.c2;
        int c3 = width.c3;
        List<Layer> layers = new ArrayList<>();
        layers.addAll(conv(v, 0, 9, 3, c1, 1, true));
        layers.addAll(conv(v, 3, 3, c1, c2, 2, true));
        layers.addAll(conv(v, 6, 3, c2, c3, 2, true));
        for (int block = 0; block < 5; block++) {
            int i = 9 + 6 * block;
            List<Layer> body = new ArrayList<>(conv(v, i, 3, c3, c3, 1, true));
            body.addAll(conv(v, i + 3, 3, c3, c3, 1, false));
            layers.add(new Layer.Residual("res" + (block + 1), body));
        }
        layers.addAll(transposed(v, 39, c3, c2));
        layers.addAll(transposed(v, 42, c2, c1));
        layers.addAll(conv(v, 45, 9, c1, 3, 1, false));
        layers.add(new Layer.ScaledTanh("output", 150, 127.5f));
        return new NetworkSpec(name, layers, Map.of("output", layers.size() - 1));
    }

    private static List<Layer> conv(Variables v, int index, int k, int in, int out, int stride, boolean relu)
            throws IOException {
        String id = variable(index);
        float[] kernel = Layouts.hwioToOihw(v.get(id, k, k, in, out), k, k, in, out);
        List<Layer> layers = new ArrayList<>(
                List.of(new Layer.Conv2d(id, in, out, k, k, stride, Padding.SAME, kernel, null), norm(v, index, out)));
        if (relu) {
            layers.add(new Layer.Activation(id + "/relu", Layer.Activation.Kind.RELU, 0));
        }
        return layers;
    }

    private static List<Layer> transposed(Variables v, int index, int in, int out) throws IOException {
        String id = variable(index);
        float[] kernel = Layouts.hwoiToIohw(v.get(id, 3, 3, out, in), 3, 3, out, in);
        return List.of(
                new Layer.TransposedConv2d(id, in, out, 3, 2, kernel),
                norm(v, index, out),
                new Layer.Activation(id + "/relu", Layer.Activation.Kind.RELU, 0));
    }

    private static Layer norm(Variables v, int kernelIndex, int channels) throws IOException {
        float[] beta = v.get(variable(kernelIndex + 1), channels);
        float[] gamma = v.get(variable(kernelIndex + 2), channels);
        return new Layer.InstanceNorm(variable(kernelIndex) + "/norm", gamma, beta, EPSILON);
    }

    private static String variable(int index) {
        return index == 0 ? "Variable" : "Variable_" + index;
    }
}
