package io.nst.examples.cli;

import com.google.gson.GsonBuilder;
import io.nst.Images;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Writes run reports as JSON, whole or not at all. */
final class Reports {

    private Reports() {}

    static void write(Map<String, Object> figures, Path file) throws IOException {
        String json = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                .toJson(figures);
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        try {
            Files.writeString(part, json + "\n");
            try {
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Fails early, before any work, when an output path cannot take the result. */
    static void checkImageOutput(Path out) {
        Images.formatOf(out);
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a directory; --out needs an image file name");
        }
    }
}
