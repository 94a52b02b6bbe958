package io.nst.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.backend.pytorch.PyTorchBackend;
import io.nst.fast.internal.TransferModels;
import io.nst.internal.ImageTensors;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.spi.CompiledNetwork;
import io.nst.testing.TestMirror;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Tiles with whole-image statistics reproduce the untiled result. */
class TiledInferenceTest {

    @Test
    void smallTilesMatchTheWholeImage() throws IOException {
        NetworkSpec wave = TransferModels.load("wave", TestMirror.repository());
        PyTorchBackend backend = new PyTorchBackend();
        FloatTensor photo = ImageTensors.toTensor(
                Images.resize(Images.read(TestMirror.file("images/content/tubingen.jpg")), 264, 200));
        float[] scaled = photo.data().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 255;
        }
        FloatTensor image = photo.withData(scaled);
        FloatTensor whole;
        try (CompiledNetwork net = backend.compile(wave, false)) {
            whole = net.apply(image);
        }
        // 200 px tiles: 72 px cores, so 4 x 3 tiles, some cut by the image's edges.
        FloatTensor tiled = new TiledInference(backend, false, wave, 200).run(image, () -> {});
        assertEquals(whole.height(), tiled.height());
        assertEquals(whole.width(), tiled.width());
        double sum = 0;
        double max = 0;
        for (int i = 0; i < whole.data().length; i++) {
            double d = Math.abs(clamp(whole.data()[i]) - clamp(tiled.data()[i]));
            sum += d;
            max = Math.max(max, d);
        }
        double mean = sum / whole.data().length;
        assertTrue(mean < 0.01 && max < 0.05, "mean difference " + mean + " grey levels (max " + max + ")");
    }

    private static float clamp(float v) {
        return Math.min(255, Math.max(0, v));
    }
}
