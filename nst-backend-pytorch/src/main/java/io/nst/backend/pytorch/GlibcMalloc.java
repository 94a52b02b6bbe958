package io.nst.backend.pytorch;

import java.util.Map;

/**
 * Whether the C library's allocator was told, when the process started, to keep freed memory
 * rather than hand it back to the kernel, which decides how fast PyTorch runs large images.
 *
 * <p>PyTorch allocates each activation with {@code malloc} and frees it after the next layer.
 * By default glibc maps every block over 32 MB afresh and unmaps it when freed, and a thread's
 * arena unmaps its heaps when they empty, so each layer of a large image touches new pages; on
 * the project's virtual machine a page costs about 10 us the first time, and the transfer network
 * at 1024x1024 ran at a quarter of its rate at 512x512. One arena that never maps large blocks on
 * their own and keeps up to a gigabyte free ({@code GLIBC_TUNABLES=glibc.malloc.arena_max=1:
 * glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=1073741824}, which the {@code nst} launcher
 * sets) runs it at full rate. glibc reads these settings only at start-up, so they are read here
 * from the environment the process started with.
 */
final class GlibcMalloc {

    private GlibcMalloc() {}

    /** Whether this process's allocator keeps large freed blocks for reuse. */
    static boolean keepsFreedMemory() {
        return keepsFreedMemory(System.getenv());
    }

    /**
     * Whether an allocator started with {@code environment} keeps large freed blocks: one arena, no
     * block mapped on its own, and at least {@link #LEAST_KEPT} kept free before any goes back, given
     * either as tunables or as glibc's older variables.
     */
    static boolean keepsFreedMemory(Map<String, String> environment) {
        return setting(environment, "arena_max", "MALLOC_ARENA_MAX").equals("1")
                && setting(environment, "mmap_max", "MALLOC_MMAP_MAX_").equals("0")
                && bytes(setting(environment, "trim_threshold", "MALLOC_TRIM_THRESHOLD_")) >= LEAST_KEPT;
    }

    /**
     * 256 MiB: what a 1024x1024 image's activations leave free between calls is more than that
     * (with that much kept, PyTorch ran it whole in 2.0 s; with a gigabyte, 1.5-1.7 s; in tiles 2.3 s).
     */
    static final long LEAST_KEPT = 256L << 20;

    /** A tunable's number of bytes, decimal or hexadecimal as glibc reads it; 0 if it is not one. */
    private static long bytes(String value) {
        try {
            return value.startsWith("0x") || value.startsWith("0X")
                    ? Long.parseUnsignedLong(value.substring(2), 16)
                    : Long.parseUnsignedLong(value);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The value of malloc tunable {@code name}, the tunable winning over the older variable; "" if unset. */
    private static String setting(Map<String, String> environment, String name, String variable) {
        String value = environment.getOrDefault(variable, "");
        for (String tunable : environment.getOrDefault("GLIBC_TUNABLES", "").split(":")) {
            if (tunable.startsWith("glibc.malloc." + name + "=")) {
                value = tunable.substring(tunable.indexOf('=') + 1);
            }
        }
        return value.strip();
    }
}
