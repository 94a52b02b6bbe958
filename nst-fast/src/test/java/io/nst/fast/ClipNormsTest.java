package io.nst.fast;

import static io.nst.fast.TiledInferenceTest.assertClose;
import static io.nst.fast.TiledInferenceTest.scaled;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** A clip's norms take running means of their statistics, and nothing else changes. */
class ClipNormsTest {

    private static final int UNTILED = Integer.MAX_VALUE;

    private final PyTorchBackend backend = new PyTorchBackend();
    private final Function<NetworkSpec, CompiledNetwork> compiler = n -> backend.compile(n, false);

    @Test
    void carryingNothingIsTheNetworkItselfAndACutStartsTheMeansAgain() throws IOException {
        NetworkSpec wave = TransferModels.load("wave", TestMirror.repository());
        BufferedImage photo = Images.read(TestMirror.file("images/content/tubingen.jpg"));
        FloatTensor first = scaled(Images.resize(photo, 264, 200));
        FloatTensor second = darker(scaled(moved(photo)));
        try (CompiledNetwork whole = backend.compile(wave, false);
                ClipNorms alone = new ClipNorms(0);
                ClipNorms carried = new ClipNorms(0.75)) {
            assertClose(whole.apply(first), alone.run(first, wave, compiler, UNTILED, () -> {}), "first frame");
            assertClose(whole.apply(second), alone.run(second, wave, compiler, UNTILED, () -> {}), "second frame");

            assertClose(whole.apply(first), carried.run(first, wave, compiler, UNTILED, () -> {}), "a clip's first");
            FloatTensor steadied = carried.run(second, wave, compiler, UNTILED, () -> {});
            double change = meanDifference(whole.apply(second), steadied);
            assertTrue(change > 1, "the carried statistics changed the second frame by only " + change);
            carried.cut();
            assertClose(whole.apply(second), carried.run(second, wave, compiler, UNTILED, () -> {}), "after a cut");
        }
    }

    @Test
    void aFrameInTilesTakesTheSameRunningMeansAsAWholeOne() throws IOException {
        NetworkSpec wave = TransferModels.load("wave", TestMirror.repository());
        BufferedImage photo = Images.read(TestMirror.file("images/content/tubingen.jpg"));
        FloatTensor first = scaled(Images.resize(photo, 264, 200));
        FloatTensor second = darker(first);
        try (ClipNorms whole = new ClipNorms(0.75);
                ClipNorms tiled = new ClipNorms(0.75)) {
            for (FloatTensor frame : new FloatTensor[] {first, second}) {
                assertClose(
                        whole.run(frame, wave, compiler, UNTILED, () -> {}),
                        tiled.run(frame, wave, compiler, 200, () -> {}),
                        "200 px tiles");
            }
        }
    }

    @Test
    void aRunningMeanWeighsTheEarlierMomentsByTheCarry() {
        Moments earlier = Moments.of(new FloatTensor(1, 1, 2, new float[] {1, 3}), () -> {});
        Moments now = Moments.of(new FloatTensor(1, 1, 2, new float[] {5, 5}), () -> {});
        Layer.InstanceNorm unit = new Layer.InstanceNorm("n", new float[] {1}, new float[] {0}, 0);
        // Mean 0.75 * 2 + 0.25 * 5 = 2.75; variance 0.75 * 1 + 0.25 * 0 = 0.75.
        Layer.ChannelAffine carried = now.after(earlier, 0.75).frozen(unit);
        assertArrayEquals(new float[] {(float) (1 / Math.sqrt(0.75))}, carried.scale(), 1e-6f);
        assertArrayEquals(new float[] {(float) (-2.75 / Math.sqrt(0.75))}, carried.shift(), 1e-6f);
        assertEquals(now, now.after(null, 0.75), "nothing earlier: the moments as they are");
    }

    @Test
    void aClipStylizerSharesItsStylizersNetworksAndClosesWithEither() throws IOException {
        BufferedImage frame = Images.resize(Images.read(TestMirror.file("images/content/golden_gate.jpg")), 96, 64);
        FastStylizer wave = FastStylizer.builder()
                .model("wave")
                .backend("pytorch")
                .repository(TestMirror.repository())
                .build();
        try (wave;
                ClipStylizer clip = wave.clip(0)) {
            assertTrue(clip.carriesStatistics());
            assertArrayEquals(
                    ImageTensors.toTensor(wave.stylize(frame)).data(),
                    ImageTensors.toTensor(clip.stylize(frame)).data(),
                    "a clip carrying nothing is the stylizer");
            assertThrows(IllegalArgumentException.class, () -> wave.clip(1));
            assertThrows(IllegalArgumentException.class, () -> wave.clip(-0.1));
            assertEquals(List.of(), wave.clipsAlongside(0, 2), "PyTorch's threads are process-wide");
            assertThrows(IllegalArgumentException.class, () -> wave.clipsAlongside(0, 0));
            assertThrows(IllegalArgumentException.class, () -> wave.clipsAlongside(1, 2));
            wave.close();
            StyleTransferException closed = assertThrows(StyleTransferException.class, () -> clip.stylize(frame));
            assertEquals(StyleTransferException.Kind.CLOSED, closed.kind());
        }
        try (FastStylizer inMemory =
                FastStylizer.compiled(backend, TransferModels.load("wave", TestMirror.repository()))) {
            ClipStylizer clip = inMemory.clip(0.5);
            clip.close();
            clip.close();
            StyleTransferException closed = assertThrows(StyleTransferException.class, () -> clip.stylize(frame));
            assertEquals(StyleTransferException.Kind.CLOSED, closed.kind());
            assertTrue(closed.getMessage().startsWith("ClipStylizer["), closed.getMessage());
            assertEquals(
                    "frame 96x64",
                    "frame " + inMemory.stylize(frame).getWidth() + "x" + frame.getHeight(),
                    "the stylizer stays open");
        }
    }

    /** The photo at 280x200, its 264x200 part 16 px to the right of the first frame's: the camera moved. */
    private static BufferedImage moved(BufferedImage photo) {
        BufferedImage wide = Images.resize(photo, 280, 200);
        BufferedImage view = new BufferedImage(264, 200, BufferedImage.TYPE_INT_RGB);
        view.createGraphics().drawImage(wide, -16, 0, null);
        return view;
    }

    private static FloatTensor darker(FloatTensor frame) {
        float[] out = frame.data().clone();
        for (int i = 0; i < out.length; i++) {
            out[i] *= 0.7f;
        }
        return frame.withData(out);
    }

    private static double meanDifference(FloatTensor a, FloatTensor b) {
        double sum = 0;
        for (int i = 0; i < a.data().length; i++) {
            sum += Math.abs(a.data()[i] - b.data()[i]);
        }
        return sum / a.data().length;
    }
}
