package io.nst.cli;

import io.nst.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Checks where a command will write, before any work: the format an image name asks for, that
 * the path is not one of the inputs (a user's photo is never overwritten), and that a new file
 * can be created there. Each refusal names the option, the path and the problem.
 */
final class Outputs {

    private Outputs() {}

    /** An image file: {@code .png}, {@code .jpg} or {@code .bmp}, not a folder, not an input, creatable. */
    static void checkImage(String option, Path out, Map<String, Path> inputs) {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(option + " " + out + " is a folder; it needs an image file name");
        }
        try {
            Images.formatOf(out);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " " + e.getMessage());
        }
        checkFile(option, out, inputs);
    }

    /** A file (a report, a model file): not a folder, not an input, creatable. */
    static void checkFile(String option, Path out, Map<String, Path> inputs) {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(option + " " + out + " is a folder; it needs a file name");
        }
        notAnInput(option, out, inputs);
        creatableIn(option, out, out.toAbsolutePath().getParent());
    }

    /** A folder to write into: not a file, not an input folder, creatable. */
    static void checkFolder(String option, Path out, Map<String, Path> inputs) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(option + " " + out + " is a file; it needs a folder");
        }
        notAnInput(option, out, inputs);
        creatableIn(option, out, out.toAbsolutePath());
    }

    private static void notAnInput(String option, Path out, Map<String, Path> inputs) {
        for (var input : inputs.entrySet()) {
            if (input.getValue() != null && same(out, input.getValue())) {
                throw new IllegalArgumentException(option + " " + out + " is the same as " + input.getKey()
                        + "; inputs are never overwritten, choose another name");
            }
        }
    }

    private static boolean same(Path a, Path b) {
        try {
            if (Files.exists(a) && Files.exists(b)) {
                return Files.isSameFile(a, b);
            }
        } catch (IOException e) {
            // fall back to comparing the names
        }
        return Objects.equals(a.toAbsolutePath().normalize(), b.toAbsolutePath().normalize());
    }

    /** A new file can be made in {@code dir}, or in the nearest folder above it that exists. */
    private static void creatableIn(String option, Path out, Path dir) {
        Path existing = dir;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null || !Files.isDirectory(existing)) {
            throw new IllegalArgumentException(option + " " + out + ": " + existing + " is not a folder");
        }
        Path probe = existing.resolve(
                ".nst-probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    option + " " + out + ": cannot create files in " + existing + " (" + describe(e) + ")");
        }
    }

    private static String describe(IOException e) {
        return switch (e.getClass().getSimpleName()) {
            case "AccessDeniedException" -> "permission denied";
            case "NoSuchFileException" -> "no such folder";
            case "FileSystemException" -> e.getMessage().replaceFirst("^.*: ", "");
            default -> e.getClass().getSimpleName();
        };
    }
}
