package io.nst.packagingtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.fast.FastStylizer;
import io.nst.repo.ModelRepository;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An air-gapped build: with {@code io.nst:nst-models-udnie} on the class path, a repository with
 * no mirror, no public addresses and an empty cache still has that style, verified into the cache;
 * a style without its artifact is still missing.
 */
class ModelArtifactTest {

    @TempDir
    Path cache;

    @Test
    void aStyleOnTheClassPathNeedsNoMirrorAndNoNetwork() throws IOException {
        ModelRepository repository = ModelRepository.builder()
                .cacheDirectory(cache)
                .upstream(false)
                .offline(true)
                .build();
        for (String id : repository.idsUnder("models/fast/udnie/")) {
            assertFalse(repository.isCached(id), id);
        }
        try (FastStylizer stylizer =
                FastStylizer.builder().model("udnie").repository(repository).build()) {
            BufferedImage photo = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
            assertEquals(40, stylizer.stylize(photo).getWidth());
        }
        for (String id : repository.idsUnder("models/fast/udnie/")) {
            assertTrue(repository.isCached(id), id + " is verified into the cache");
        }
        IOException missing = assertThrows(IOException.class, () -> repository.resolve("models/fast/wave/Variable"));
        assertTrue(missing.getMessage().contains("not cached"), missing.getMessage());
    }
}
