package io.nst.cli;

import com.google.gson.GsonBuilder;
import io.nst.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --report}: the run's figures as JSON, written whole or not at all. */
final class Report {

    /** The version of the reports' fields; raised when a field changes meaning or goes. */
    static final int SCHEMA_VERSION = 1;

    @Option(names = "--report", description = "Write the run's figures as JSON.")
    Path file;

    /**
     * Refuses, before the run, a report file that is one of {@code inputs} or the output {@code
     * out}, or that {@code outputs} refuses; adds {@code out} to {@code inputs} when a report is asked for.
     */
    void checkBeside(Outputs outputs, Path out, Map<String, Path> inputs) {
        if (file != null) {
            inputs.put("--out", out);
            outputs.checkFile("--report", file, inputs);
        }
    }

    private static boolean isFinite(Object value) {
        return !(value instanceof Double d && !Double.isFinite(d)) && !(value instanceof Float f && !Float.isFinite(f));
    }

    /** Writes {@code figures} after {@code schemaVersion}, as pretty JSON, when a report was asked for. */
    void write(Map<String, Object> figures) throws IOException {
        if (file == null) {
            return;
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("schemaVersion", SCHEMA_VERSION);
        // A figure that has no value (the flicker of a single frame) is null: JSON has no NaN.
        figures.forEach((name, value) -> all.put(name, isFinite(value) ? value : null));
        String json =
                new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(all);
        AtomicFiles.write(file, part -> Files.writeString(part, json + "\n"));
    }
}
