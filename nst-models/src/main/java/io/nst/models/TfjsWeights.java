package io.nst.models;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weights in TensorFlow.js layers format: a manifest of groups, each the concatenation of its
 * tensors (raw little-endian float32) split over shard files. A group's files are fetched only
 * when one of its tensors is asked for.
 */
final class TfjsWeights implements WeightSource {

    /** Fetches a file named in the manifest (relative to {@code model.json}). */
    interface FileFetcher {
        Path fetch(String fileName) throws IOException;
    }

    private record Location(int group, long offset, int[] shape) {}

    private final Map<String, Location> locations = new HashMap<>();
    private final List<List<String>> groupFiles;
    private final FileFetcher fetcher;
    private final Map<Integer, ByteBuffer> loadedGroups = new HashMap<>();

    TfjsWeights(JsonArray manifest, FileFetcher fetcher) {
        this.fetcher = fetcher;
        this.groupFiles = new java.util.ArrayList<>();
        for (int g = 0; g < manifest.size(); g++) {
            JsonObject group = manifest.get(g).getAsJsonObject();
            groupFiles.add(group.getAsJsonArray("paths").asList().stream()
                    .map(JsonElement::getAsString)
                    .toList());
            long offset = 0;
            for (JsonElement w : group.getAsJsonArray("weights")) {
                JsonObject weight = w.getAsJsonObject();
                String dtype = weight.has("dtype") ? weight.get("dtype").getAsString() : "float32";
                if (!dtype.equals("float32")) {
                    throw new IllegalArgumentException("unsupported dtype " + dtype + " of " + weight.get("name"));
                }
                int[] shape = weight.getAsJsonArray("shape").asList().stream()
                        .mapToInt(JsonElement::getAsInt)
                        .toArray();
                locations.put(weight.get("name").getAsString(), new Location(g, offset, shape));
                offset += 4L * count(shape);
            }
        }
    }

    @Override
    public float[] tensor(String name, int[] shape) throws IOException {
        Location location = locations.get(name);
        if (location == null) {
            throw new IOException("the weights manifest has no tensor " + name);
        }
        if (!Arrays.equals(location.shape(), shape)) {
            throw new IOException("tensor " + name + " has shape " + Arrays.toString(location.shape()) + ", expected "
                    + Arrays.toString(shape));
        }
        ByteBuffer group = group(location.group());
        long bytes = 4L * count(shape);
        if (location.offset() + bytes > group.capacity()) {
            throw new IOException("weight files of " + name + " are shorter than the manifest says");
        }
        float[] values = new float[(int) count(shape)];
        group.duplicate()
                .order(ByteOrder.LITTLE_ENDIAN)
                .position((int) location.offset())
                .asFloatBuffer()
                .get(values);
        return values;
    }

    private ByteBuffer group(int index) throws IOException {
        ByteBuffer loaded = loadedGroups.get(index);
        if (loaded == null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (String file : groupFiles.get(index)) {
                bytes.write(Files.readAllBytes(fetcher.fetch(file)));
            }
            loaded = ByteBuffer.wrap(bytes.toByteArray());
            loadedGroups.put(index, loaded);
        }
        return loaded;
    }

    private static long count(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
