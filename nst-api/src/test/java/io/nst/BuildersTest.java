package io.nst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.repo.ModelRepository;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Setters check at once and name the value; a built object never changes with its builder. */
class BuildersTest {

    private final BufferedImage photo = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);

    @Test
    void everySetterRefusesABadValueAtOnceNamingIt() {
        StyleTransfer.Builder b = StyleTransfer.builder();
        assertMessage("size must be between 16 and 4096 pixels, got 8", () -> b.size(8));
        assertMessage("iterations must be at least 1, got 0", () -> b.iterations(0));
        assertMessage("learning rate must be positive, got -1.0", () -> b.learningRate(-1));
        assertMessage("style scale must be between 0.1 and 4, got 9.0", () -> b.styleScale(9));
        assertMessage("progress interval must be at least 1, got 0", () -> b.progressEvery(0));
        assertMessage("style blend weight must be positive, got NaN", () -> b.style(photo, Double.NaN));
        assertMessage("backend name must not be blank; use null for the best backend", () -> b.backend(" "));
        assertEquals(
                "device",
                assertThrows(NullPointerException.class, () -> b.device(null)).getMessage());
    }

    @Test
    void aBuiltTransferIgnoresLaterChangesToItsBuilderAndToBuilderVariesOneSetting() {
        ModelRepository repository = ModelRepository.builder()
                .cacheDirectory(Path.of("target", "unused"))
                .build();
        StyleTransfer.Builder b = StyleTransfer.builder()
                .content(photo)
                .style(photo)
                .size(64)
                .backend("pytorch")
                .repository(repository)
                .contentLayer("c")
                .styleLayers(java.util.Map.of("s", 2.0));
        StyleTransfer first = b.build();
        b.size(128).backend(null).style(photo);
        assertEquals(64, first.size());
        assertEquals("pytorch", first.backend());
        assertEquals(1, first.styles().size());
        assertTrue(first.settings().repository() == repository);

        StyleTransfer varied = first.toBuilder().iterations(7).build();
        assertEquals(7, varied.iterations());
        assertEquals(64, varied.size());
        assertEquals("pytorch", varied.settings().backend());
        assertEquals(first.styleLayers(), varied.styleLayers());
        assertEquals(300, first.iterations());
    }

    @Test
    void runSettingsAreSharedWholeAndVariedWithToBuilder() {
        RunSettings cpu = RunSettings.builder().device(Device.CPU).build();
        RunSettings onnx = cpu.toBuilder().backend("onnxruntime").build();
        assertNull(cpu.backend());
        assertEquals(Device.CPU, onnx.device());
        StyleTransfer t = StyleTransfer.builder()
                .content(photo)
                .style(photo)
                .settings(onnx)
                .build();
        assertEquals("onnxruntime", t.backend());
        assertEquals(Device.CPU, t.device());
        assertEquals(Device.AUTO, RunSettings.defaults().device());
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void settingsTheMethodDoesNotUseAreRefusedByName() {
        StyleTransfer.Builder fast = StyleTransfer.builder()
                .method(Method.FAST)
                .model("wave")
                .content(new java.awt.image.BufferedImage(8, 8, java.awt.image.BufferedImage.TYPE_INT_RGB));
        assertEquals(
                "the fast method does not use style, iterations; remove them or choose another method",
                assertThrows(IllegalArgumentException.class, () -> fast.style(new java.awt.image.BufferedImage(8, 8, 1))
                                .iterations(5)
                                .build())
                        .getMessage());
        assertEquals(
                "the gatys method does not use strength; remove it or choose another method",
                assertThrows(IllegalArgumentException.class, () -> StyleTransfer.builder()
                                .content(new java.awt.image.BufferedImage(8, 8, 1))
                                .style(new java.awt.image.BufferedImage(8, 8, 1))
                                .strength(0.5)
                                .build())
                        .getMessage());
        assertEquals(
                "the arbitrary method does not use iterations; remove it or choose another method",
                assertThrows(IllegalArgumentException.class, () -> StyleTransfer.builder()
                                .method(Method.ARBITRARY)
                                .content(new java.awt.image.BufferedImage(8, 8, 1))
                                .style(new java.awt.image.BufferedImage(8, 8, 1))
                                .iterations(3)
                                .build())
                        .getMessage());
    }
}
