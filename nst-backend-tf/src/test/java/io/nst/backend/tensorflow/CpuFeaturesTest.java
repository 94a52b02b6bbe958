package io.nst.backend.tensorflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CPU's flags as the kernel lists them decide whether bf16 runs natively. */
class CpuFeaturesTest {

    private static final Set<String> BF16 = Set.of("avx512_bf16", "amx_bf16");

    @Test
    void theFirstProcessorsFlagsAreRead(@TempDir Path dir) throws Exception {
        Path zen = dir.resolve("zen");
        Files.writeString(
                zen,
                "processor\t: 0\nvendor_id\t: AuthenticAMD\nflags\t\t: fpu sse2 avx512f avx512_bf16  avx512_vnni\n\n"
                        + "processor\t: 1\nflags\t\t: fpu\n");
        Path older = dir.resolve("older");
        Files.writeString(older, "processor\t: 0\nflags\t\t: fpu sse2 avx2 avx512f\n");

        assertTrue(CpuFeatures.hasAny(CpuFeatures.flags(zen), BF16));
        assertFalse(CpuFeatures.hasAny(CpuFeatures.flags(older), BF16));
        assertEquals(Set.of(), CpuFeatures.flags(dir.resolve("missing")), "no list: nothing is assumed");
    }
}
