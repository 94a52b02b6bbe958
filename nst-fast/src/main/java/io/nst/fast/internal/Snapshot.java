package io.nst.fast.internal;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.nst.internal.AtomicFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A set of files replaced as a whole, never mixed: the files go to a new folder named after their
 * content ({@code <prefix>-<digest>}) beside a pointer file, and only then is the pointer (a JSON
 * record, replaced atomically) changed to name that folder, with each file's size and SHA-256.
 * Folders no longer named are removed afterwards. A reader follows the pointer and checks every
 * file, so it sees the old set or the new one, whole, wherever a writer was killed.
 *
 * <p>The pointer may keep the previous set too ({@code keepPrevious}); a reader whose current set
 * is damaged then falls back to it, with a warning. Nothing a reader finds damaged is deleted.
 */
public final class Snapshot {

    private static final Logger LOG = LoggerFactory.getLogger(Snapshot.class);
    private static final String KEY = "snapshot";
    private static final String PREVIOUS = "previous";

    /** A verified set: the pointer's record and the files' contents by name. */
    public record Loaded(JsonObject record, Map<String, byte[]> files) {
        /** The folder the files were read from. */
        String folder() {
            return folderOf(record);
        }
    }

    private Snapshot() {}

    /**
     * Writes {@code files} as the new set of {@code pointer}, with {@code record} (its own keys;
     * {@value #KEY} is added) as the pointer's content.
     */
    public static void write(
            Path pointer, String prefix, JsonObject record, Map<String, byte[]> files, boolean keepPrevious)
            throws IOException {
        Path dir = pointer.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        JsonObject listing = new JsonObject();
        MessageDigest whole = sha256();
        for (var file : files.entrySet()) {
            String hex = HexFormat.of().formatHex(sha256().digest(file.getValue()));
            JsonObject entry = new JsonObject();
            entry.addProperty("size", file.getValue().length);
            entry.addProperty("sha256", hex);
            listing.add(file.getKey(), entry);
            whole.update((file.getKey() + ":" + hex + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        String folder = prefix + "-" + HexFormat.of().formatHex(whole.digest()).substring(0, 16);
        Path target = dir.resolve(folder);
        if (!isComplete(target, listing)) {
            AtomicFiles.deleteRecursively(target);
            Files.createDirectories(target);
            for (var file : files.entrySet()) {
                Path path = target.resolve(file.getKey());
                try (FileChannel channel =
                        FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    channel.write(java.nio.ByteBuffer.wrap(file.getValue()));
                    channel.force(true);
                }
                FaultInjection.reach("snapshot:file");
            }
        }
        FaultInjection.reach("snapshot:files");
        JsonObject snapshot = new JsonObject();
        snapshot.addProperty("folder", folder);
        snapshot.add("files", listing);
        JsonObject content = record.deepCopy();
        content.add(KEY, snapshot);
        if (keepPrevious) {
            current(pointer).filter(p -> !folderOf(p).equals(folder)).ifPresent(previous -> {
                previous.remove(PREVIOUS);
                content.add(PREVIOUS, previous);
            });
        }
        AtomicFiles.write(pointer, part -> Files.writeString(part, content.toString()));
        FaultInjection.reach("snapshot:pointer");
        removeUnnamed(dir, prefix, content);
        FaultInjection.reach("snapshot:cleaned");
    }

    /**
     * The set {@code pointer} names, every file checked; the previous set, with a warning, when
     * the current one is damaged and the previous was kept; empty when there is no pointer.
     *
     * @throws IOException naming the file and what is wrong when no complete set is left
     */
    public static Optional<Loaded> read(Path pointer) throws IOException {
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        JsonObject record = parse(pointer);
        if (record.getAsJsonObject(KEY) == null) {
            throw new IOException(pointer + " names no set of files");
        }
        Path dir = pointer.toAbsolutePath().getParent();
        try {
            return Optional.of(new Loaded(record, load(dir, record.getAsJsonObject(KEY))));
        } catch (IOException damaged) {
            JsonObject previous = record.getAsJsonObject(PREVIOUS);
            if (previous == null) {
                throw damaged;
            }
            try {
                Map<String, byte[]> files = load(dir, previous.getAsJsonObject(KEY));
                LOG.warn("{}; using the set before it, {}", damaged.getMessage(), folderOf(previous));
                return Optional.of(new Loaded(previous, files));
            } catch (IOException alsoDamaged) {
                throw new IOException(
                        damaged.getMessage() + ", and the set before it too (" + alsoDamaged.getMessage() + ")",
                        damaged);
            }
        }
    }

    /** The pointer's record as it is, if it exists and is readable. */
    private static Optional<JsonObject> current(Path pointer) {
        if (!Files.exists(pointer)) {
            return Optional.empty();
        }
        try {
            JsonObject record = parse(pointer);
            return record.getAsJsonObject(KEY) == null ? Optional.empty() : Optional.of(record);
        } catch (IOException e) {
            LOG.warn("replacing an unreadable {}: {}", pointer, e.getMessage());
            return Optional.empty();
        }
    }

    private static JsonObject parse(Path pointer) throws IOException {
        try {
            return JsonParser.parseString(Files.readString(pointer)).getAsJsonObject();
        } catch (NoSuchFileException e) {
            throw new IOException(pointer + ": missing", e);
        } catch (IOException | RuntimeException e) {
            throw new IOException(pointer + " is damaged: not the JSON record this SDK writes", e);
        }
    }

    /** A snapshot's files, each checked against the size and SHA-256 it was written with. */
    private static Map<String, byte[]> load(Path dir, JsonObject snapshot) throws IOException {
        return checkedFiles(dir.resolve(snapshot.get("folder").getAsString()), snapshot.getAsJsonObject("files"));
    }

    private static Map<String, byte[]> checkedFiles(Path folder, JsonObject listing) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (var entry : listing.entrySet()) {
            Path file = folder.resolve(entry.getKey());
            JsonObject expected = entry.getValue().getAsJsonObject();
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                throw new IOException(file + " is missing");
            }
            if (bytes.length != expected.get("size").getAsLong()) {
                throw new IOException(file + " has " + bytes.length + " bytes, " + expected.get("size")
                        + " were written (truncated or damaged)");
            }
            if (!HexFormat.of()
                    .formatHex(sha256().digest(bytes))
                    .equals(expected.get("sha256").getAsString())) {
                throw new IOException(file + " does not match the checksum it was written with (damaged)");
            }
            files.put(entry.getKey(), bytes);
        }
        return files;
    }

    private static boolean isComplete(Path folder, JsonObject listing) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try {
            checkedFiles(folder, listing);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static String folderOf(JsonObject record) {
        return record.getAsJsonObject(KEY).get("folder").getAsString();
    }

    /** Removes the folders of {@code prefix} that neither the current nor the kept previous record names. */
    private static void removeUnnamed(Path dir, String prefix, JsonObject record) throws IOException {
        List<String> named = Stream.of(record, record.getAsJsonObject(PREVIOUS))
                .filter(java.util.Objects::nonNull)
                .map(Snapshot::folderOf)
                .toList();
        try (Stream<Path> entries = Files.list(dir)) {
            for (Path entry : entries.toList()) {
                String name = entry.getFileName().toString();
                if (Files.isDirectory(entry) && name.startsWith(prefix + "-") && !named.contains(name)) {
                    AtomicFiles.deleteRecursively(entry);
                }
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
