package io.nst.fast.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import io.nst.net.NetworkSpec;
import io.nst.net.Parameters;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TransferModelsTest {

    @Test
    void savedModelsLoadBackIdentically(@TempDir Path dir) throws IOException {
        NetworkSpec wave = TransferModels.load("wave", TestMirror.repository());
        JsonObject metadata = new JsonObject();
        metadata.addProperty("width", "full");
        TransferModels.save(wave, dir, metadata);
        assertSameParameters(wave, TransferModels.load(dir.toString(), TestMirror.repository()));
    }

    @Test
    void slimNetworksRoundTripWithTheirWidth(@TempDir Path dir) throws IOException {
        NetworkSpec slim = TransferModels.initial(TransferModels.Width.SLIM, 3);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("width", "slim");
        TransferModels.save(slim, dir, metadata);
        NetworkSpec loaded = TransferModels.load(dir.toString(), TestMirror.repository());
        assertSameParameters(slim, loaded);
        // Half the channels: a quarter of the work inside, more at the 3-channel ends.
        double ratio = (double) loaded.multiplyAdds(512, 512)
                / TransferModels.initial(TransferModels.Width.FULL, 3).multiplyAdds(512, 512);
        assertEquals(0.28, ratio, 0.01);
    }

    @Test
    void modelsUnderNstHomeLoadByName() throws IOException {
        NetworkSpec slim = TransferModels.initial(TransferModels.Width.SLIM, 4);
        JsonObject metadata = new JsonObject();
        metadata.addProperty("width", "slim");
        TransferModels.save(slim, TransferModels.userModels().resolve("my_style"), metadata);
        assertSameParameters(slim, TransferModels.load("my_style", TestMirror.repository()));
    }

    private static void assertSameParameters(NetworkSpec expected, NetworkSpec actual) {
        List<float[]> a = Parameters.of(expected);
        List<float[]> b = Parameters.of(actual);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            assertArrayEquals(a.get(i), b.get(i), "parameter " + i);
        }
    }
}
