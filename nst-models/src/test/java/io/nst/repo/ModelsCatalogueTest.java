package io.nst.repo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.testing.TestMirror;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This module's catalogue rows: the feature networks' files and the sample images, merged into the repository. */
class ModelsCatalogueTest {

    @TempDir
    Path cache;

    @Test
    void everyMirrorFileMatchesItsRecordedDigest() throws IOException {
        ModelRepository repo = TestMirror.repository(cache);
        for (String id : repo.idsUnder("models/")) {
            if (Files.exists(TestMirror.file(id))) {
                assertArrayEquals(Files.readAllBytes(TestMirror.file(id)), Files.readAllBytes(repo.resolve(id)));
            }
        }
    }

    @Test
    void upstreamFilesTheMirrorLacksAreKnownWithTheirGitDigests() {
        ModelRepository repo = TestMirror.repository(cache);
        assertTrue(repo.isKnown("models/vgg19/group9-shard1of2"));
        assertFalse(Files.exists(TestMirror.file("models/vgg19/group9-shard1of2")));
        assertEquals(
                "https://raw.githubusercontent.com/DavidCai1993/vgg19-tensorflowjs-model/"
                        + "08d09052bc6258d3abdfa341850122fc4b746db6/model/group9-shard1of2",
                AssetCatalog.builtIn()
                        .upstreamUrl("models/vgg19/group9-shard1of2")
                        .orElseThrow());
    }

    @Test
    void theSampleImagesAreKnown() {
        ModelRepository repo = TestMirror.repository(cache);
        assertTrue(repo.isKnown("images/content/tubingen.jpg"));
        assertTrue(repo.isKnown("images/style/starry_night.jpg"));
    }
}
