package io.nst.cli;

import com.google.gson.GsonBuilder;
import io.nst.internal.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes run reports as JSON, whole or not at all. */
final class Reports {

    private Reports() {}

    /** The version of the reports' fields; raised when a field changes meaning or goes. */
    static final int SCHEMA_VERSION = 1;

    /** {@code figures} after {@code schemaVersion}, as pretty JSON, written whole. */
    static void write(Map<String, Object> figures, Path file) throws IOException {
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("schemaVersion", SCHEMA_VERSION);
        all.putAll(figures);
        String json = new GsonBuilder()
                .setPrettyPrinting()
                .serializeSpecialFloatingPointValues()
                .create()
                .toJson(all);
        AtomicFiles.write(file, part -> Files.writeString(part, json + "\n"));
    }
}
