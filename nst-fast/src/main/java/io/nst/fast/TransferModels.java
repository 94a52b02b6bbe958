package io.nst.fast;

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
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The transfer network of Johnson et al. (as trained by Engstrom's fast-style-transfer): a 9x9
 * convolution, two stride-2 convolutions, five residual blocks, two stride-2 transposed
 * convolutions and a 9x9 output convolution, each followed by instance normalisation, then
 * {@code 150 tanh(x) + 127.5}. Input and output are RGB in {@code 0..255}. Defined once here;
 * backends compile it.
 */
public final class TransferModels {

    /** The pretrained styles in the model repository. */
    public static final List<String> PRETRAINED = List.of("wave", "udnie", "la_muse", "rain_princess", "scream",
            "wreck", "mathura", "matilde_perez", "matta");

    private static final float EPSILON = 1e-3f;

    /** Reads one variable ({@code Variable}, {@code Variable_1}, ...) with its shape checked. */
    interface Variables {
        float[] get(String name, int... shape) throws IOException;
    }

    private TransferModels() {}

    /**
     * A pretrained style by name (through the repository) or a model directory holding
     * {@code manifest.json} and the raw float32 variable files it names.
     */
    public static NetworkSpec load(String nameOrDirectory, ModelRepository repository) throws IOException {
        if (PRETRAINED.contains(nameOrDirectory)) {
            String prefix = "models/fast/" + nameOrDirectory + "/";
            return build(nameOrDirectory, manifest(repository.resolve(prefix + "manifest.json"),
                    file -> repository.resolve(prefix + file)));
        }
        Path dir = Path.of(nameOrDirectory);
        if (!Files.isDirectory(dir)) {
            throw new IOException("unknown model '" + nameOrDirectory + "': neither a pretrained style ("
                    + String.join(", ", PRETRAINED) + ") nor a directory");
        }
        return build(dir.getFileName().toString(), manifest(dir.resolve("manifest.json"), dir::resolve));
    }

    /** Whether every file of a pretrained style is in the repository's cache. */
    public static boolean isCached(String style, ModelRepository repository) {
        List<String> ids = repository.idsUnder("models/fast/" + style + "/");
        return !ids.isEmpty() && ids.stream().allMatch(repository::isCached);
    }

    private interface FileResolver {
        Path resolve(String file) throws IOException;
    }

    private static Variables manifest(Path manifestFile, FileResolver files) throws IOException {
        JsonObject manifest;
        try {
            manifest = JsonParser.parseString(Files.readString(manifestFile)).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new IOException(manifestFile + ": missing");
        } catch (RuntimeException e) {
            throw new IOException(manifestFile + ": not a model manifest (" + e.getMessage() + ")", e);
        }
        Map<String, float[]> cache = new HashMap<>();
        return (name, shape) -> {
            JsonObject entry = manifest.getAsJsonObject(name);
            if (entry == null) {
                throw new IOException(manifestFile + " has no variable " + name);
            }
            int[] declared = entry.getAsJsonArray("shape").asList().stream().mapToInt(JsonElement::getAsInt).toArray();
            if (!Arrays.equals(declared, shape)) {
                throw new IOException(name + " has shape " + Arrays.toString(declared) + ", expected "
                        + Arrays.toString(shape) + ": not this network");
            }
            float[] loaded = cache.get(name);
            if (loaded == null) {
                loaded = readFloats(files.resolve(entry.get("filename").getAsString()), shape);
                cache.put(name, loaded);
            }
            return loaded;
        };
    }

    private static float[] readFloats(Path file, int[] shape) throws IOException {
        long count = 1;
        for (int d : shape) {
            count *= d;
        }
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + ": missing weight file");
        }
        long size = Files.size(file);
        if (size != 4 * count) {
            throw new IOException(file + ": " + size + " bytes, expected " + 4 * count + " (truncated or wrong file)");
        }
        float[] values = new float[(int) count];
        ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
        for (float v : values) {
            if (!Float.isFinite(v)) {
                throw new IOException(file + ": contains " + v);
            }
        }
        return values;
    }

    /** The network from its 48 variables: kernel, instance-norm beta, gamma for each layer. */
    static NetworkSpec build(String name, Variables v) throws IOException {
        List<Layer> layers = new ArrayList<>();
        layers.addAll(conv(v, 0, 9, 3, 32, 1, true));
        layers.addAll(conv(v, 3, 3, 32, 64, 2, true));
        layers.addAll(conv(v, 6, 3, 64, 128, 2, true));
        for (int block = 0; block < 5; block++) {
            int i = 9 + 6 * block;
            List<Layer> body = new ArrayList<>(conv(v, i, 3, 128, 128, 1, true));
            body.addAll(conv(v, i + 3, 3, 128, 128, 1, false));
            layers.add(new Layer.Residual("res" + (block + 1), body));
        }
        layers.addAll(transposed(v, 39, 128, 64));
        layers.addAll(transposed(v, 42, 64, 32));
        layers.addAll(conv(v, 45, 9, 32, 3, 1, false));
        layers.add(new Layer.ScaledTanh("output", 150, 127.5f));
        return new NetworkSpec(name, layers, Map.of("output", layers.size() - 1));
    }

    private static List<Layer> conv(Variables v, int index, int k, int in, int out, int stride, boolean relu)
            throws IOException {
        String id = variable(index);
        float[] kernel = Layouts.hwioToOihw(v.get(id, k, k, in, out), k, k, in, out);
        List<Layer> layers = new ArrayList<>(List.of(
                new Layer.Conv2d(id, in, out, k, k, stride, Padding.SAME, kernel, null),
                norm(v, index, out)));
        if (relu) {
            layers.add(new Layer.Activation(id + "/relu", Layer.Activation.Kind.RELU, 0));
        }
        return layers;
    }

    private static List<Layer> transposed(Variables v, int index, int in, int out) throws IOException {
        String id = variable(index);
        float[] kernel = Layouts.hwoiToIohw(v.get(id, 3, 3, out, in), 3, 3, out, in);
        return List.of(new Layer.TransposedConv2d(id, in, out, 3, 2, kernel), norm(v, index, out),
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
