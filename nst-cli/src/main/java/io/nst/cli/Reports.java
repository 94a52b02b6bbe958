package io.nst.cli;

import com.google.gson.GsonBuilder;
import io.nst.repo.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Writes run reports as JSON, whole or not at all. */
final class Reports {

    private Reports() {}

    static void write(Map<String, Object> figures, Path file) throws IOException {
        String json = new GsonBuilder()
                .setPrettyPrinting()
                .serializeSpecialFloatingPointValues()
                .create()
                .toJson(figures);
        AtomicFiles.write(file, part -> Files.writeString(part, json + "\n"));
    }
}
