package io.nst.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32;

/** Checksums of files the SDK keeps: computed natively, so as fast in a cold JVM as in a warm one. */
public final class Checksums {

    private Checksums() {}

    /** The CRC-32 of {@code file}'s bytes, as a zip entry records it. */
    public static long crc32(Path file) throws IOException {
        CRC32 crc = new CRC32();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // Native memory read straight into (a heap array took 40-60 ms for ONNX Runtime's
            // 20 MB library, this 5-7), no larger than the file: a fresh megabyte for each of the
            // transfer network's 49 files cost a tenth of a second of a cold run, the memory being
            // mapped in page by page.
            ByteBuffer buffer = ByteBuffer.allocateDirect((int) Math.min(channel.size(), 1 << 16) + 1);
            while (channel.read(buffer) >= 0) {
                buffer.flip();
                crc.update(buffer);
                buffer.clear();
            }
        }
        return crc.getValue();
    }
}
