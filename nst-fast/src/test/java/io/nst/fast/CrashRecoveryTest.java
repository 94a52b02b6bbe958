package io.nst.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.StyleTransferException;
import io.nst.fast.internal.TransferModels;
import io.nst.testing.TestMirror;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A training killed (as by {@code kill -9}) at each step of writing a checkpoint or the model:
 * what is on disk is always a whole checkpoint and a whole model (old or new, never a mixture),
 * and a resumed run ends with exactly the weights of a run that was never killed.
 */
class CrashRecoveryTest {

    @TempDir
    static Path dir;

    private static Path photos;
    private static Path reference;

    /** Six steps with a checkpoint every two: snapshots 1-3 are checkpoints, 4 the model. */
    @BeforeAll
    static void referenceRun() throws IOException {
        photos = Files.createDirectories(dir.resolve("photos"));
        try (Stream<Path> files = Files.list(TestMirror.file("datasets/bsds500/train"))) {
            for (Path p : files.sorted().limit(4).toList()) {
                Files.copy(p, photos.resolve(p.getFileName()));
            }
        }
        reference = dir.resolve("reference");
        TrainingRun.trainer(photos, reference)
                .iterations(6)
                .checkpointEvery(2)
                .build()
                .train();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "snapshot:file#1", // first checkpoint, one file written
                "snapshot:files#1", // first checkpoint complete, not yet named
                "snapshot:pointer#1", // first checkpoint named, nothing cleaned
                "snapshot:file#5", // second checkpoint half written
                "snapshot:files#2",
                "snapshot:pointer#2",
                "snapshot:cleaned#2",
                "snapshot:file#20", // the model half written
                "snapshot:files#4",
                "snapshot:pointer#4"
            })
    void killedAtAnyStepWhatIsLeftIsWholeAndAResumeEndsExactly(String point) throws Exception {
        Path out = dir.resolve(point.replace(':', '-').replace('#', '-'));
        assertEquals(137, train(out, point, false), "the run should have been killed at " + point);
        assertWhole(out);
        assertResumesToTheReference(out, point);
    }

    @Test
    void killedWhileReplacingAModelTheOldOneStaysWhole() throws Exception {
        Path out = dir.resolve("replace");
        assertEquals(0, train(out, "", false, "4"));
        NetworkSpecBytes before = NetworkSpecBytes.of(out);
        // The resumed run's model save is its 2nd snapshot (checkpoint at 6, then the model).
        assertEquals(137, train(out, "snapshot:file#30", true, "6"));
        assertEquals(before, NetworkSpecBytes.of(out), "the old model is intact");
        assertEquals(137, train(out, "snapshot:files#2", true, "6"));
        assertEquals(before, NetworkSpecBytes.of(out), "the old model is intact");
    }

    @Test
    void aDamagedCheckpointFallsBackToTheOneBeforeAndADamagedPairIsRefusedWithNothingDeleted() throws Exception {
        Path out = dir.resolve("damaged");
        TrainingRun.trainer(photos, out)
                .iterations(4)
                .checkpointEvery(2)
                .build()
                .train();
        Path current = SavedFiles.checkpoint(out, "parameters.f32");
        byte[] bytes = Files.readAllBytes(current);
        bytes[100] ^= 1;
        Files.write(current, bytes);
        assertResumesToTheReference(out, "resumed from the checkpoint before the damaged one");

        List<Path> folders = checkpointFolders(out);
        for (Path folder : folders) {
            Path parameters = folder.resolve("parameters.f32");
            Files.write(parameters, java.util.Arrays.copyOf(Files.readAllBytes(parameters), 64));
        }
        StyleTransferException e = assertThrows(StyleTransferException.class, () -> TrainingRun.trainer(photos, out)
                .iterations(8)
                .resume(true)
                .build()
                .train());
        assertTrue(
                e.getMessage().startsWith("checkpoint " + out.resolve("checkpoint.json") + " cannot be resumed: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("has 64 bytes"), e.getMessage());
        assertTrue(
                e.getMessage().endsWith("nothing was deleted (run without --resume to start again)"), e.getMessage());
        assertEquals(folders, checkpointFolders(out));
    }

    private static List<Path> checkpointFolders(Path out) throws IOException {
        try (Stream<Path> entries = Files.list(out)) {
            return entries.filter(p -> p.getFileName().toString().startsWith("checkpoint-"))
                    .sorted()
                    .toList();
        }
    }

    /** A resumed run to the reference's six steps ends with exactly its weights. */
    private static void assertResumesToTheReference(Path out, String what) throws IOException {
        TrainingRun.trainer(photos, out)
                .iterations(6)
                .checkpointEvery(2)
                .resume(true)
                .build()
                .train();
        StyleTrainerTest.assertSameWeights(reference, out, what);
    }

    /** A killed run leaves a whole model (it loads: every file checked) or none. */
    private static void assertWhole(Path out) throws IOException {
        if (Files.exists(out.resolve(TransferModels.METADATA))) {
            TransferModels.load(out.toString(), TestMirror.repository());
        }
    }

    private static int train(Path out, String fault, boolean resume) throws Exception {
        return train(out, fault, resume, "6");
    }

    private static int train(Path out, String fault, boolean resume, String steps) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true",
                "-Dnst.fault=" + fault,
                "-cp",
                System.getProperty("java.class.path"),
                TrainingRun.class.getName(),
                photos.toString(),
                out.toString(),
                steps,
                "2",
                Boolean.toString(resume)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        int exit = process.waitFor();
        if (exit != 0 && exit != 137) {
            throw new AssertionError("exit " + exit + ": " + output);
        }
        return exit;
    }

    /** A model directory's weights as loaded, for comparing whole models. */
    private record NetworkSpecBytes(List<String> layers) {
        static NetworkSpecBytes of(Path model) throws IOException {
            List<String> layers = new ArrayList<>();
            for (var layer : TransferModels.load(model.toString(), TestMirror.repository())
                    .layers()) {
                layers.add(describe(layer));
            }
            return new NetworkSpecBytes(layers);
        }

        private static String describe(io.nst.net.Layer layer) {
            if (layer instanceof io.nst.net.Layer.Conv2d c) {
                return c.name() + java.util.Arrays.hashCode(c.weight());
            } else if (layer instanceof io.nst.net.Layer.InstanceNorm n) {
                return n.name() + java.util.Arrays.hashCode(n.gamma()) + "/" + java.util.Arrays.hashCode(n.beta());
            } else if (layer instanceof io.nst.net.Layer.TransposedConv2d t) {
                return t.name() + java.util.Arrays.hashCode(t.weight());
            } else if (layer instanceof io.nst.net.Layer.Residual r) {
                StringBuilder b = new StringBuilder(r.name());
                r.body().forEach(l -> b.append(describe(l)));
                return b.toString();
            }
            return layer.name();
        }
    }
}
