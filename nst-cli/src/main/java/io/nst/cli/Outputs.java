package io.nst.cli;

import io.nst.Images;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Option;

/**
 * Checks where a command will write, before any work: the format an image name asks for, that
 * the path is not one of the inputs (a user's photo is never overwritten), that its folder exists
 * (a mistyped path is refused, not created, unless {@code --mkdirs} says to create it) and that a
 * new file can be created there. Each refusal names the option, the path and the problem.
 */
final class Outputs {

    @Option(names = "--mkdirs", description = "Create missing output folders (refused otherwise).")
    boolean mkdirs;

    /** An image file: {@code .png}, {@code .jpg} or {@code .bmp}, not a folder, not an input, creatable. */
    void checkImage(String option, Path out, Map<String, Path> inputs) {
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
    void checkFile(String option, Path out, Map<String, Path> inputs) {
        if (Files.isDirectory(out)) {
            throw new IllegalArgumentException(option + " " + out + " is a folder; it needs a file name");
        }
        notAnInput(option, out, inputs);
        creatableIn(option, out, out.toAbsolutePath().getParent());
    }

    /** A folder to write into: not a file, not an input folder, creatable. */
    void checkFolder(String option, Path out, Map<String, Path> inputs) {
        checkFolderIn(option, out, inputs, out.toAbsolutePath());
    }

    /**
     * A folder the command makes whole, such as a model directory: not a file, not an input, in
     * a folder where it can be created.
     */
    void checkNewFolder(String option, Path out, Map<String, Path> inputs) {
        checkFolderIn(option, out, inputs, out.toAbsolutePath().getParent());
    }

    /** {@code out} a folder, or nothing yet, that is not an input, with files creatable in {@code dir}. */
    private void checkFolderIn(String option, Path out, Map<String, Path> inputs, Path dir) {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(option + " " + out + " is a file; it needs a folder");
        }
        notAnInput(option, out, inputs);
        creatableIn(option, out, dir);
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

    /**
     * A new file can be made in {@code dir}: a folder that exists, or is created when {@code
     * --mkdirs} is given.
     */
    private void creatableIn(String option, Path out, Path dir) {
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new IllegalArgumentException(option + " " + out + ": " + dir + " is not a folder");
            }
            if (!mkdirs) {
                throw new IllegalArgumentException(option + " " + out + ": the folder " + dir
                        + " does not exist; create it, or add --mkdirs to have it created");
            }
            try {
                Files.createDirectories(dir);
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        option + " " + out + ": cannot create the folder " + dir + " (" + describe(e) + ")");
            }
        }
        Path probe = dir.resolve(
                ".nst-probe-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createFile(probe);
            Files.delete(probe);
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    option + " " + out + ": cannot create files in " + dir + " (" + describe(e) + ")");
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
