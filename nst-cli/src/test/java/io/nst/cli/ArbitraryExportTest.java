package io.nst.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.fast.ModelExport;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.CompiledNetwork;
import io.nst.testing.GoldenArbitrary;
import io.nst.testing.TestMirror;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The arbitrary transformer exported with its style vector as an input runs in the engine that reads it. */
class ArbitraryExportTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"onnx, transformer.onnx", "savedmodel, transformer"})
    void theExportTakesAnyStyleVectorAndGivesTheGoldenStylization(String format, String name) throws Exception {
        Path out = dir.resolve(name);
        ModelExport.export(ModelExport.ARBITRARY_TRANSFORMER, format, out, TestMirror.repository());
        Backend reader = Backends.available().stream()
                .filter(b -> b.canLoad(out))
                .findFirst()
                .orElseThrow();
        try (CompiledNetwork exported = reader.load(out, false)) {
            double off = GoldenArbitrary.maxDifference(
                    GoldenArbitrary.output().data(),
                    exported.apply(GoldenArbitrary.contentInput(), GoldenArbitrary.styleVector())
                            .data());
            assertTrue(off <= GoldenArbitrary.TRANSFORMER_TOLERANCE, format + ": output off by " + off);
            IllegalArgumentException e =
                    assertThrows(IllegalArgumentException.class, () -> exported.apply(GoldenArbitrary.contentInput()));
            assertEquals(out + " takes a condition of 100 values, got 0", e.getMessage());
        }
    }
}
