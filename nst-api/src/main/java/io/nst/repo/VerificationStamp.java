package io.nst.repo;

import io.nst.internal.AtomicFiles;
import io.nst.internal.Checksums;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;

/**
 * What a cached file's last full check found, kept beside it ({@code <file>.verified}): the
 * digest it matched, its size, modification time and CRC-32. A later process checks the file
 * against its CRC-32, which the JVM computes natively from the start, instead of its SHA-256,
 * which is slow before the JIT has warmed up (0.04 s of every cold run of the tool for the 7 MB
 * of a transfer network, more for larger weights). A file changed since (another size or time,
 * other bytes) or a stamp of another digest sends the file back to the full check.
 */
final class VerificationStamp {

    private static final String SUFFIX = ".verified";

    private VerificationStamp() {}

    /** Whether {@code file} is as it was when it last matched {@code digest}. */
    static boolean holds(Path file, Digest digest) throws IOException {
        Path stamp = stampOf(file);
        if (!Files.isRegularFile(stamp)) {
            return false;
        }
        String recorded = Files.readString(stamp, StandardCharsets.US_ASCII).trim();
        String[] fields = recorded.split(" ");
        if (fields.length != 4 || !recorded.startsWith(prefix(file, digest))) {
            return false;
        }
        return fields[3].equals(hex(Checksums.crc32(file)));
    }

    /**
     * Reads {@code file} through {@code reader} and returns its CRC-32 along the way, for the
     * stamp that {@link #write} records once the full check passed.
     */
    static long readChecked(Path file, Reader reader) throws IOException {
        CRC32 crc = new CRC32();
        try (InputStream in = new CheckedInputStream(Files.newInputStream(file), crc)) {
            reader.read(in);
        }
        return crc.getValue();
    }

    /** Records that {@code file}, of CRC-32 {@code crc}, matched {@code digest}; a stamp that cannot be written is left out. */
    static void write(Path file, Digest digest, long crc) {
        try {
            byte[] line = (prefix(file, digest) + " " + hex(crc) + "\n").getBytes(StandardCharsets.US_ASCII);
            AtomicFiles.write(stampOf(file), part -> Files.write(part, line));
        } catch (IOException e) {
            // The next process checks the file in full again.
        }
    }

    /** Reads a whole stream. */
    interface Reader {
        void read(InputStream in) throws IOException;
    }

    private static String prefix(Path file, Digest digest) throws IOException {
        return digest + " " + Files.size(file) + " "
                + Files.getLastModifiedTime(file).toMillis();
    }

    private static String hex(long crc) {
        return String.format(Locale.ROOT, "%08x", crc);
    }

    private static Path stampOf(Path file) {
        return file.resolveSibling(file.getFileName() + SUFFIX);
    }
}
