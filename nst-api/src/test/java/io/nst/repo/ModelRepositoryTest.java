package io.nst.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.testing.LoopbackMirrorServer;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {

    /** A file of this module's own catalogue (the golden test data). */
    private static final String FILE = "golden/fast/wave_output_52x68x3_hwc.f32";

    @TempDir
    Path cache;

    @Test
    void fetchesFromAnHttpMirrorIntoTheCacheAndVerifies() throws IOException {
        try (LoopbackMirrorServer server = new LoopbackMirrorServer(TestMirror.directory())) {
            ModelRepository repo = overHttp(server);
            assertFalse(repo.isCached(FILE));
            Path file = repo.resolve(FILE);
            assertTrue(file.startsWith(cache));
            assertArrayEquals(Files.readAllBytes(TestMirror.file(FILE)), Files.readAllBytes(file));
            assertTrue(repo.isCached(FILE));
        }
    }

    @Test
    void aWrongChecksumLeavesNothingInTheCache() throws IOException {
        try (LoopbackMirrorServer server = new LoopbackMirrorServer(TestMirror.directory())) {
            server.fault(FILE, LoopbackMirrorServer.Fault.CORRUPT);
            IOException e =
                    assertThrows(IOException.class, () -> overHttp(server).resolve(FILE));
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
            assertTrue(e.getMessage().contains(FILE), e.getMessage());
            assertCacheEmpty();
        }
    }

    @Test
    void aConnectionDroppedMidFileLeavesNothingInTheCache() throws IOException {
        try (LoopbackMirrorServer server = new LoopbackMirrorServer(TestMirror.directory())) {
            server.fault(FILE, LoopbackMirrorServer.Fault.DROP_HALFWAY);
            IOException e =
                    assertThrows(IOException.class, () -> overHttp(server).resolve(FILE));
            assertTrue(e.getMessage().contains(FILE), e.getMessage());
            assertCacheEmpty();
        }
    }

    @Test
    void aCorruptFileInADirectoryMirrorIsRefused(@TempDir Path mirror) throws IOException {
        Path copy = mirror.resolve(FILE);
        Files.createDirectories(copy.getParent());
        byte[] bytes = Files.readAllBytes(TestMirror.file(FILE));
        bytes[0] ^= 1;
        Files.write(copy, bytes);
        ModelRepository repo = ModelRepository.builder()
                .cacheDirectory(cache)
                .mirror(mirror.toString())
                .upstream(false)
                .build();
        IOException e = assertThrows(IOException.class, () -> repo.resolve(FILE));
        assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        assertCacheEmpty();
    }

    @Test
    void aMissingFileNamesEverySourceTried(@TempDir Path emptyMirror) {
        ModelRepository repo = ModelRepository.builder()
                .cacheDirectory(cache)
                .mirror(emptyMirror.toString())
                .upstream(false)
                .build();
        IOException e = assertThrows(IOException.class, () -> repo.resolve(FILE));
        assertTrue(e.getMessage().contains(emptyMirror.resolve(FILE).toString()), e.getMessage());
    }

    @Test
    void unknownIdsAreRefused() {
        IOException e = assertThrows(
                IOException.class, () -> TestMirror.repository(cache).resolve("models/nope.bin"));
        assertTrue(e.getMessage().contains("unknown asset 'models/nope.bin'"), e.getMessage());
    }

    @Test
    void gitBlobDigestsFollowGit() {
        Digest hello = Digest.parse("gitsha1:ce013625030ba8dba906f756967f9e9ca394464a");
        byte[] content = "hello\n".getBytes(StandardCharsets.US_ASCII);
        var running = hello.start(content.length);
        running.update(content);
        assertEquals(hello, hello.finish(running));
    }

    private ModelRepository overHttp(LoopbackMirrorServer server) {
        return ModelRepository.builder()
                .cacheDirectory(cache)
                .mirror(server.url())
                .upstream(false)
                .build();
    }

    private void assertCacheEmpty() throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            assertEquals(0, files.filter(Files::isRegularFile).count(), "files left in the cache");
        }
    }
}
