package io.nst.backend.pytorch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GlibcMallocTest {

    @Test
    void theLaunchersTunablesKeepFreedMemory() {
        assertTrue(GlibcMalloc.keepsFreedMemory(Map.of(
                "GLIBC_TUNABLES",
                "glibc.malloc.hugetlb=1:glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:"
                        + "glibc.malloc.trim_threshold=1073741824")));
    }

    @Test
    void glibcsOlderVariablesCountToo() {
        assertTrue(GlibcMalloc.keepsFreedMemory(
                Map.of("MALLOC_ARENA_MAX", "1", "MALLOC_MMAP_MAX_", "0", "MALLOC_TRIM_THRESHOLD_", "0x40000000")));
    }

    @Test
    void lessThanALargeImageKeptFreeDoesNot() {
        assertFalse(GlibcMalloc.keepsFreedMemory(Map.of("MALLOC_ARENA_MAX", "1", "MALLOC_MMAP_MAX_", "0")));
        assertFalse(GlibcMalloc.keepsFreedMemory(Map.of(
                "GLIBC_TUNABLES",
                "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=131072")));
        assertFalse(GlibcMalloc.keepsFreedMemory(Map.of(
                "GLIBC_TUNABLES",
                "glibc.malloc.arena_max=1:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=lots")));
    }

    @Test
    void defaultsOrHalfTheSettingsDoNot() {
        assertFalse(GlibcMalloc.keepsFreedMemory(Map.of()));
        assertFalse(GlibcMalloc.keepsFreedMemory(Map.of("GLIBC_TUNABLES", "glibc.malloc.mmap_max=0")));
        assertFalse(GlibcMalloc.keepsFreedMemory(Map.of("MALLOC_ARENA_MAX", "2", "MALLOC_MMAP_MAX_", "0")));
    }

    @Test
    void aTunableWinsOverTheOlderVariable() {
        assertFalse(GlibcMalloc.keepsFreedMemory(Map.of(
                "GLIBC_TUNABLES",
                "glibc.malloc.arena_max=4:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=1073741824",
                "MALLOC_ARENA_MAX",
                "1")));
        assertFalse(GlibcMalloc.keepsFreedMemory(Map.of(
                "GLIBC_TUNABLES",
                "glibc.malloc.arena_max=10:glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=1073741824")));
    }
}
