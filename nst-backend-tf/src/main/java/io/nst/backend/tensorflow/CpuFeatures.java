package io.nst.backend.tensorflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** What this CPU can run natively, from the kernel's own list of its flags (Linux, like the natives). */
final class CpuFeatures {

    /** Whether the CPU has bfloat16 dot products (AVX-512 BF16 or AMX), which oneDNN's bfloat16 kernels use. */
    static final boolean BF16 = hasAny(flags(Path.of("/proc/cpuinfo")), Set.of("avx512_bf16", "amx_bf16"));

    private CpuFeatures() {}

    /** The flags of the first processor listed in {@code cpuinfo}; none when it cannot be read. */
    static Set<String> flags(Path cpuinfo) {
        try (var lines = Files.lines(cpuinfo)) {
            return lines.filter(line -> line.startsWith("flags"))
                    .findFirst()
                    .map(line -> Pattern.compile("\\s+")
                            .splitAsStream(line.substring(line.indexOf(':') + 1).strip())
                            .collect(Collectors.toSet()))
                    .orElse(Set.of());
        } catch (IOException | RuntimeException e) {
            return Set.of();
        }
    }

    static boolean hasAny(Set<String> flags, Set<String> wanted) {
        return wanted.stream().anyMatch(flags::contains);
    }
}
