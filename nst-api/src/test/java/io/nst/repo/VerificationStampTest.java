package io.nst.repo;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.testing.TestMirror;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stamp vouches for a file only as long as its size, time and bytes are those it recorded. */
class VerificationStampTest {

    private static final Digest DIGEST =
            Digest.parse("sha256:0000000000000000000000000000000000000000000000000000000000000001");

    @TempDir
    Path dir;

    @Test
    void aStampHoldsUntilTheFileOrTheDigestChanges() throws Exception {
        Path file = dir.resolve("weights.bin");
        byte[] bytes = new byte[300_000];
        new java.util.Random(1).nextBytes(bytes);
        Files.write(file, bytes);
        assertFalse(VerificationStamp.holds(file, DIGEST), "no stamp yet");

        long crc = VerificationStamp.readChecked(file, in -> in.transferTo(OutputStream.nullOutputStream()));
        VerificationStamp.write(file, DIGEST, crc);
        assertTrue(VerificationStamp.holds(file, DIGEST));
        assertFalse(
                VerificationStamp.holds(
                        file, Digest.parse("sha256:0000000000000000000000000000000000000000000000000000000000000002")),
                "a stamp of another digest");

        // Damaged in place, its size and time kept: the CRC-32 tells.
        FileTime time = Files.getLastModifiedTime(file);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, time);
        assertFalse(VerificationStamp.holds(file, DIGEST));

        bytes[bytes.length / 2] ^= 0x10;
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, time);
        assertTrue(VerificationStamp.holds(file, DIGEST), "the same bytes again");
        Files.setLastModifiedTime(file, FileTime.fromMillis(time.toMillis() + 5_000));
        assertFalse(VerificationStamp.holds(file, DIGEST), "another time: checked in full again");
    }

    @Test
    void aFullCheckOfACachedFileLeavesAStampThatTheNextProcessUses() throws Exception {
        ModelRepository repo = ModelRepository.builder()
                .cacheDirectory(dir)
                .mirror(TestMirror.directory().toString())
                .upstream(false)
                .build();
        String id = "golden/fast/wave_output_52x68x3_hwc.f32";
        Path cached = repo.resolve(id);
        // As another process finds it: a later time, so this process's memory of it does not count.
        Files.setLastModifiedTime(cached, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        repo.resolve(id);
        Path stamp = cached.resolveSibling("wave_output_52x68x3_hwc.f32.verified");
        assertTrue(Files.isRegularFile(stamp), "stamped after its full check");
        assertTrue(Files.readString(stamp).startsWith("sha256:"), Files.readString(stamp));
    }
}
