package io.nst.testing;

import io.nst.repo.ModelRepository;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared mirror of real models and images that tests run against: {@code NST_MIRROR}, which
 * the build sets to {@code ../shared} unless the caller set it. Its absence fails the test with
 * instructions; there is no silent skip.
 */
public final class TestMirror {

    private TestMirror() {}

    /** The mirror directory. */
    public static Path directory() {
        String env = System.getenv("NST_MIRROR");
        Path dir = env == null || env.isBlank()
                ? null
                : Path.of(env).toAbsolutePath().normalize();
        if (dir == null || !Files.isDirectory(dir.resolve("models"))) {
            throw new IllegalStateException(
                    "these tests need the model mirror (real models and images): " + "NST_MIRROR=" + env
                            + " is not a folder laid out like ../shared (CI=" + System.getenv("CI") + ")");
        }
        return dir;
    }

    /** A file of the mirror, by id. */
    public static Path file(String id) {
        return directory().resolve(id);
    }

    /**
     * A repository reading the mirror into this module's {@code target/nst-cache}, never the
     * network.
     */
    public static ModelRepository repository() {
        return repository(Path.of("target", "nst-cache"));
    }

    /** The same with a cache of the caller's. */
    public static ModelRepository repository(Path cache) {
        return ModelRepository.builder()
                .cacheDirectory(cache)
                .mirror(directory().toString())
                .upstream(false)
                .build();
    }
}
