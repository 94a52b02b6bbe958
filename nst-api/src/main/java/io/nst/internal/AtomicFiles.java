package io.nst.internal;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.security.SecureRandom;

/**
 * Writes a file whole or not at all: the content goes to a temporary file beside the target,
 * which replaces the target only when the writer finished without an exception. Safe to call
 * from any thread; of concurrent writers of one target, the last to finish wins, whole.
 */
public final class AtomicFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Fills a temporary file; throwing leaves the target untouched. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(Path temporary) throws IOException;
    }

    private AtomicFiles() {}

    /**
     * An empty file beside {@code target}, with the permissions a new file gets there (the umask's),
     * or the target's own when it exists, so that replacing a file keeps its mode.
     */
    private static Path newPart(Path dir, Path target) throws IOException {
        for (int attempt = 0; ; attempt++) {
            Path part = dir.resolve("." + target.getFileName() + "." + Long.toHexString(RANDOM.nextLong()) + ".part");
            try {
                Files.createFile(part);
            } catch (FileAlreadyExistsException e) {
                if (attempt < 8) {
                    continue;
                }
                throw e;
            }
            if (Files.exists(target)
                    && Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.setPosixFilePermissions(part, Files.getPosixFilePermissions(target));
            }
            return part;
        }
    }

    /** Writes {@code target} through a temporary file next to it, moved into place only when {@code writer} completed; on failure the old file, if any, stays. */
    public static void write(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path part = newPart(dir, target);
        try {
            writer.writeTo(part);
            try {
                Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(part);
        }
    }

    /** Deletes {@code path} and, for a folder, everything in it; nothing when it does not exist. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (java.util.stream.Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
