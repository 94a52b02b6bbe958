package io.nst.testing;

import io.nst.repo.ModelRepository;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared mirror of real models and images that tests run against: {@code NST_MIRROR}, or a
 * {@code shared} folder next to the checkout. Its absence fails the test with instructions;
 * there is no silent skip.
 */
public final class TestMirror {

    private TestMirror() {}

    /** The mirror directory. */
    public static Path directory() {
        String env = System.getenv("NST_MIRROR");
        if (env != null && !env.isBlank()) {
            Path dir = Path.of(env).toAbsolutePath();
            if (!Files.isDirectory(dir.resolve("models"))) {
                throw new IllegalStateException("NST_MIRROR=" + env + " is not a mirror (no models/ folder)");
            }
            return dir;
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("models"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("these tests need the model mirror: set NST_MIRROR to a folder laid out"
                + " like ../shared (CI=" + System.getenv("CI") + ")");
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
