package io.nst;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.repo.ModelRepository;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
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
                .features(new StubNetwork())
                .contentLayer("c")
                .styleLayers(java.util.Map.of("s", 2.0));
        StyleTransfer first = b.build();
        b.size(128).backend(null).style(photo);
        assertEquals(64, first.options(GatysOptions.class).size());
        assertEquals("pytorch", first.settings().backend());
        assertEquals(1, first.styles().size());
        assertTrue(first.settings().repository() == repository);

        StyleTransfer varied = first.toBuilder().iterations(7).build();
        assertEquals(7, varied.options(GatysOptions.class).iterations());
        assertEquals(64, varied.options(GatysOptions.class).size());
        assertEquals("pytorch", varied.settings().backend());
        assertEquals(
                first.options(GatysOptions.class).styleLayers(),
                varied.options(GatysOptions.class).styleLayers());
        assertEquals(300, first.options(GatysOptions.class).iterations());
        assertEquals(1, varied.styles().size());
    }

    @Test
    void eachMethodGetsItsOwnTypedOptionsAndToBuilderKeepsThem() {
        StyleTransfer fast = StyleTransfer.builder()
                .content(photo)
                .options(FastOptions.of("wave").withSize(256).withMaxTile(512))
                .build();
        assertEquals(Method.FAST, fast.method());
        FastOptions options = fast.options(FastOptions.class);
        assertEquals("wave", options.model());
        assertEquals(256, options.size().getAsInt());
        assertEquals(512, options.maxTile());
        assertEquals(
                "this transfer is for the fast method, not GatysOptions",
                assertThrows(IllegalStateException.class, () -> fast.options(GatysOptions.class))
                        .getMessage());
        assertEquals(options, fast.toBuilder().build().options());

        ArbitraryOptions arbitrary = StyleTransfer.builder()
                .method(Method.ARBITRARY)
                .content(photo)
                .style(photo)
                .strength(0.25)
                .preserveColors(true)
                .build()
                .options(ArbitraryOptions.class);
        assertEquals(0.25, arbitrary.strength());
        assertTrue(arbitrary.preserveColors());
        assertTrue(arbitrary.size().isEmpty());
        assertMessage("strength must be between 0 and 1, got 1.5", () -> arbitrary.withStrength(1.5));
        assertMessage("max tile must be at least 132 px, got 64", () -> FastOptions.of("wave")
                .withMaxTile(64));
        assertMessage("model must name a style or a directory, got ' '", () -> FastOptions.of(" "));
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
                .features(new StubNetwork())
                .settings(onnx)
                .build();
        assertEquals("onnxruntime", t.settings().backend());
        assertEquals(Device.CPU, t.settings().device());
        assertEquals(Device.AUTO, RunSettings.defaults().device());
    }

    private static void assertMessage(String message, org.junit.jupiter.api.function.Executable call) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    @Test
    void settingsTheMethodDoesNotUseAreRefusedByNameAtOnceOrWhenTheMethodIsChosen() {
        StyleTransfer.Builder fast = StyleTransfer.builder().method(Method.FAST).model("wave");
        assertMessage(
                "the fast method does not use style; remove it or choose another method", () -> fast.style(photo));
        assertMessage(
                "the fast method does not use iterations; remove it or choose another method",
                () -> fast.iterations(5));
        assertMessage(
                "the fast method does not use iterations, strength; remove them or choose another method",
                () -> StyleTransfer.builder().iterations(5).strength(0.5).method(Method.FAST));
        assertMessage(
                "the gatys method does not use strength; remove it or choose another method",
                () -> StyleTransfer.builder()
                        .content(photo)
                        .style(photo)
                        .strength(0.5)
                        .build());
        assertMessage(
                "the arbitrary method does not use iterations; remove it or choose another method",
                () -> StyleTransfer.builder()
                        .method(Method.ARBITRARY)
                        .content(photo)
                        .style(photo)
                        .iterations(3));
        assertMessage(
                "the fast method does not use style; remove it or choose another method",
                () -> StyleTransfer.builder().content(photo).style(photo).options(FastOptions.of("wave")));
    }

    @Test
    void toBuilderCarriesTheChosenMethodAndARefusedSettingLeavesTheBuilderAsItWas() {
        StyleTransfer fast = StyleTransfer.builder()
                .method(Method.FAST)
                .content(photo)
                .model("wave")
                .build();
        StyleTransfer.Builder again = fast.toBuilder();
        assertMessage(
                "the fast method does not use iterations; remove it or choose another method",
                () -> again.iterations(5));
        assertMessage("size must be between 16 and 4096 pixels, got 9000", () -> again.size(9000));
        StyleTransfer same = again.build();
        assertEquals(fast.options(), same.options());
        assertEquals(fast.content(), same.content());

        StyleTransfer.Builder gatys = StyleTransfer.builder().content(photo).features(new StubNetwork());
        assertMessage("style blend weight must be positive, got -1.0", () -> gatys.style(photo, -1));
        assertMessage("at least one style image is required", gatys::build);
        assertEquals(List.of(2.0), gatys.style(photo, 2).build().styleBlend());
    }

    @Test
    void imagesRefuseSidesThatAreNoSize() {
        assertMessage("the long side must be from 1 to 16384 pixels, got 0", () -> Images.resizeLongSide(photo, 0));
        assertMessage("the width must be from 1 to 16384 pixels, got -3", () -> Images.resize(photo, -3, 4));
    }

    /** A feature network with no weights, so that a builder needs no module to be built. */
    private static final class StubNetwork implements io.nst.FeatureNetwork {
        @Override
        public String name() {
            return "stub";
        }

        @Override
        public String defaultContentLayer() {
            return "c";
        }

        @Override
        public java.util.Map<String, Double> defaultStyleLayers() {
            return java.util.Map.of("s", 1.0);
        }

        @Override
        public io.nst.net.NetworkSpec load(ModelRepository repository, java.util.Collection<String> layers) {
            throw new UnsupportedOperationException("a stub");
        }

        @Override
        public java.util.List<String> layerNames(ModelRepository repository) {
            return java.util.List.of("c", "s");
        }

        @Override
        public io.nst.FeatureNetwork withRandomWeights(long seed) {
            return this;
        }
    }
}
