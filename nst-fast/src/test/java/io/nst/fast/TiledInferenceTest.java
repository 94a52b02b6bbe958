package io.nst.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.backend.pytorch.PyTorchBackend;
import io.nst.fast.internal.TransferModels;
import io.nst.internal.ImageTensors;
import io.nst.net.FloatTensor;
import io.nst.net.Layer;
import io.nst.net.NetworkSpec;
import io.nst.spi.CompiledNetwork;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Tiles with whole-image statistics reproduce the untiled result. */
class TiledInferenceTest {

    @Test
    void smallTilesMatchTheWholeImageWithActivationsKeptOrStatisticsMergedTileByTile() throws IOException {
        NetworkSpec wave = TransferModels.load("wave", TestMirror.repository());
        PyTorchBackend backend = new PyTorchBackend();
        FloatTensor image =
                scaled(Images.resize(Images.read(TestMirror.file("images/content/tubingen.jpg")), 264, 200));
        FloatTensor whole;
        try (CompiledNetwork net = backend.compile(wave, false)) {
            whole = net.apply(image);
        }
        // 200 px tiles: 72 px cores, so 4 x 3 tiles, some cut by the image's edges.
        assertClose(
                whole,
                new TiledInference(n -> backend.compile(n, false), wave, 200).run(image, () -> {}),
                "activations kept");
        // 264 px tiles: 136 px cores, so the quarter resolution (66x50) is one tile: the residual
        // blocks' norms stay in the engine, in one part instead of one per norm.
        AtomicInteger partsWhenAllTiled = new AtomicInteger();
        new TiledInference(n -> counted(backend.compile(n, false), partsWhenAllTiled), wave, 200).run(image, () -> {});
        AtomicInteger parts = new AtomicInteger();
        assertClose(
                whole,
                new TiledInference(n -> counted(backend.compile(n, false), parts), wave, 264).run(image, () -> {}),
                "the low resolutions whole");
        assertTrue(
                parts.get() <= partsWhenAllTiled.get() - 10,
                parts + " parts compiled, against " + partsWhenAllTiled + " all tiled");
        // A 12 MB heap keeps neither the full- nor the half-resolution activations.
        long heap = 12L << 20;
        assertFalse(TiledInference.kept(wave, 200, 264, heap).contains(new TiledInference.Position(1, -1)));
        assertClose(
                whole,
                new TiledInference(n -> backend.compile(n, false), wave, 200, heap).run(image, () -> {}),
                "statistics merged");
    }

    private static CompiledNetwork counted(CompiledNetwork network, AtomicInteger count) {
        count.incrementAndGet();
        return network;
    }

    static void assertClose(FloatTensor whole, FloatTensor tiled, String what) {
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
        assertTrue(mean < 0.01 && max < 0.05, what + ": mean difference " + mean + " grey levels (max " + max + ")");
    }

    @Test
    void eachPartOfTheTransferNetworkReachesAFewPixelsAndASpatialMeanCannotBeTiled() throws IOException {
        List<Layer> wave = TransferModels.load("wave", TestMirror.repository()).layers();
        assertEquals(8, TiledInference.margin(wave.subList(0, 1)), "a 9x9 kernel reaches 8 px to one side at most");
        assertEquals(4, TiledInference.margin(wave.subList(1, 4)), "a strided 3x3 kernel: 2 px, kept a multiple of 4");
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> TiledInference.margin(List.of(new Layer.SpatialMean("mean"))));
        assertTrue(e.getMessage().contains("stylize it untiled"), e.getMessage());
    }

    @Test
    void theLargestActivationsAreNotKeptWhenTheHeapIsShortAndAPhotoItCannotHoldIsRefusedUpFront() throws IOException {
        NetworkSpec wave = TransferModels.load("wave", TestMirror.repository());
        TiledInference.Position firstNorm = new TiledInference.Position(1, -1);
        TiledInference.Position insideFirstBlock = new TiledInference.Position(9, 1);
        // 4000x3000: the first norm's full-resolution 32 channels take 1.5 GB.
        Set<TiledInference.Position> ample = TiledInference.kept(wave, 3000, 4000, 64L << 30);
        assertTrue(ample.contains(firstNorm) && ample.contains(insideFirstBlock), ample.toString());
        Set<TiledInference.Position> short2g = TiledInference.kept(wave, 3000, 4000, 3L << 30);
        assertFalse(short2g.contains(firstNorm), short2g.toString());
        assertTrue(short2g.contains(insideFirstBlock), short2g.toString());

        StyleTransferException e =
                assertThrows(StyleTransferException.class, () -> TiledInference.kept(wave, 3000, 4000, 1L << 30));
        assertEquals(StyleTransferException.Kind.LIMIT, e.kind());
        assertTrue(e.getMessage().startsWith("a 4000x3000 photo in tiles needs about "), e.getMessage());
        assertTrue(e.getMessage().contains("-Xmx"), e.getMessage());
    }

    /** RGB in {@code 0..255}, as the transfer networks take it. */
    static FloatTensor scaled(java.awt.image.BufferedImage photo) {
        FloatTensor unit = ImageTensors.toTensor(photo);
        float[] scaled = unit.data().clone();
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] *= 255;
        }
        return unit.withData(scaled);
    }

    private static float clamp(float v) {
        return Math.min(255, Math.max(0, v));
    }
}
