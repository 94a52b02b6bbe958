package io.nst.fast;

import com.google.gson.JsonObject;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.fast.internal.Snapshot;
import io.nst.net.NetworkSpec;
import io.nst.net.Parameters;
import io.nst.spi.TrainingState;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A checkpoint: {@code checkpoint.json} (the step, the next sample, the settings) naming a folder
 * {@code checkpoint-<digest>} with the parameters and moments as float32 files, replaced as a
 * whole with the previous checkpoint kept (see {@link Snapshot}).
 */
record TrainingCheckpoint(TrainingState state, long nextSample) {

    private static final List<String> FILES = List.of("parameters.f32", "first-moments.f32", "second-moments.f32");

    static void write(Path pointer, JsonObject settings, TrainingState state, long nextSample) throws IOException {
        requireFinite(state.parameters(), "weights");
        requireFinite(state.firstMoments(), "first moments");
        requireFinite(state.secondMoments(), "second moments");
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put(FILES.get(0), floats(state.parameters()));
        files.put(FILES.get(1), floats(state.firstMoments()));
        files.put(FILES.get(2), floats(state.secondMoments()));
        JsonObject record = new JsonObject();
        record.addProperty("step", state.step());
        record.addProperty("nextSample", nextSample);
        record.add("settings", settings);
        Snapshot.write(pointer, "checkpoint", record, files, true);
    }

    /** The checkpoint {@code pointer} names, if there is one; a damaged one is refused, nothing deleted. */
    static Optional<TrainingCheckpoint> read(Path pointer, JsonObject settings, NetworkSpec architecture) {
        try {
            Optional<Snapshot.Loaded> loaded = Snapshot.read(pointer);
            if (loaded.isEmpty()) {
                return Optional.empty();
            }
            JsonObject json = loaded.get().record();
            JsonObject saved = json.getAsJsonObject("settings");
            for (String key : settings.keySet()) {
                if (!Objects.equals(settings.get(key), saved.get(key))) {
                    throw new StyleTransferException(
                            Kind.BAD_INPUT,
                            "checkpoint " + pointer + " is from a different training: its " + key
                                    + " is " + saved.get(key) + ", this run's is " + settings.get(key)
                                    + "; nothing was overwritten");
                }
            }
            List<float[]> shapes = Parameters.of(architecture);
            Map<String, byte[]> files = loaded.get().files();
            TrainingState state = new TrainingState(
                    json.get("step").getAsLong(),
                    floats(files.get(FILES.get(0)), shapes),
                    floats(files.get(FILES.get(1)), shapes),
                    floats(files.get(FILES.get(2)), shapes));
            return Optional.of(
                    new TrainingCheckpoint(state, json.get("nextSample").getAsLong()));
        } catch (IOException | RuntimeException e) {
            if (e instanceof StyleTransferException s) {
                throw s;
            }
            throw new StyleTransferException(
                    Kind.BAD_INPUT,
                    "checkpoint " + pointer + " cannot be resumed: " + e.getMessage()
                            + "; nothing was deleted (run without --resume to start again)",
                    e);
        }
    }

    /** A checkpoint never holds NaN or infinity: the one before it stays instead. */
    private static void requireFinite(List<float[]> arrays, String what) {
        for (float[] a : arrays) {
            for (float v : a) {
                if (!Float.isFinite(v)) {
                    throw new ArithmeticException("the " + what + " hold " + v + " after the update");
                }
            }
        }
    }

    private static byte[] floats(List<float[]> arrays) {
        long total = arrays.stream().mapToLong(a -> a.length).sum();
        ByteBuffer bytes = ByteBuffer.allocate((int) (4 * total)).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] a : arrays) {
            bytes.asFloatBuffer().put(a);
            bytes.position(bytes.position() + 4 * a.length);
        }
        return bytes.array();
    }

    private static List<float[]> floats(byte[] bytes, List<float[]> shapes) throws IOException {
        long total = shapes.stream().mapToLong(a -> a.length).sum();
        if (bytes.length != 4 * total) {
            throw new IOException(
                    "its arrays hold " + bytes.length / 4 + " values, this network has " + total + " parameters");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        List<float[]> out = new ArrayList<>();
        for (float[] shape : shapes) {
            float[] a = new float[shape.length];
            buffer.asFloatBuffer().get(a);
            buffer.position(buffer.position() + 4 * a.length);
            out.add(a);
        }
        return out;
    }
}
