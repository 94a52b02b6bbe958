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
import java.util.List;
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
    void aCachedFileDamagedAfterItsFirstUseIsDetectedAndFetchedAgain() throws IOException {
        ModelRepository repo = ModelRepository.builder()
                .cacheDirectory(cache)
                .mirror(TestMirror.directory().toString())
                .upstream(false)
                .build();
        Path cached = repo.resolve(FILE);
        byte[] good = Files.readAllBytes(cached);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x10;
        Files.write(cached, flipped);
        // As another process would find it: same size, a later time.
        Files.setLastModifiedTime(
                cached, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
        assertTrue(repo.isCached(FILE), "the size alone does not tell");
        assertEquals(cached, repo.resolve(FILE));
        assertArrayEquals(good, Files.readAllBytes(cached));
    }

    @Test
    void offlineNoUrlIsTriedAndTheMessageSaysWhy() throws IOException {
        try (LoopbackMirrorServer server = new LoopbackMirrorServer(TestMirror.directory())) {
            ModelRepository repo = ModelRepository.builder()
                    .cacheDirectory(cache)
                    .mirror(server.url())
                    .offline(true)
                    .build();
            IOException e = assertThrows(IOException.class, () -> repo.resolve(FILE));
            assertEquals(
                    FILE + " is not cached and there is no mirror or public address for it that can be used"
                            + " offline (DJL's offline setting is on) (set NST_MIRROR to a local copy)",
                    e.getMessage());
            assertEquals(0, server.requests(), "no request reached the mirror");
        }
    }

    @Test
    void cachedFilesGetTheUsualPermissions() throws IOException {
        Path cached = TestMirror.repository(cache).resolve(FILE);
        Path plain = Files.createFile(cache.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(cached));
    }

    @Test
    void eightThreadsResolvingOneFileIntoAnEmptyCacheAllGetItWhole() throws Exception {
        ModelRepository repo = TestMirror.repository(cache);
        byte[] expected = Files.readAllBytes(TestMirror.file(FILE));
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            java.util.List<java.util.concurrent.Future<Path>> calls = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    return repo.resolve(FILE);
                }));
            }
            start.countDown();
            for (var call : calls) {
                assertArrayEquals(expected, Files.readAllBytes(call.get()));
            }
        } finally {
            pool.shutdownNow();
        }
        try (Stream<Path> files = Files.walk(cache)) {
            assertEquals(
                    List.of("wave_output_52x68x3_hwc.f32"),
                    files.filter(Files::isRegularFile)
                            .map(f -> f.getFileName().toString())
                            .filter(name -> !name.equals("wave_output_52x68x3_hwc.f32.verified"))
                            .toList(),
                    "one file (and the stamp of a thread's check), no temporary ones left");
        }
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
