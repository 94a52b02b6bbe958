package io.nst.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.BufferedImageFactory;
import ai.djl.modality.cv.Image;
import ai.djl.repository.MRL;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ModelZoo;
import ai.djl.repository.zoo.ZooModel;
import io.nst.Images;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.FastStylizer;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A DJL user gets the SDK's networks through {@code Criteria}: the predictors' pixels are the
 * SDK's stylizers' own, on each engine that runs them; what cannot be loaded is said so.
 */
class ModelZooTest {

    /** An odd-sized photo: the translators pad to multiples of 4 and crop back. */
    private static final BufferedImage PHOTO =
            Images.resizeLongSide(Images.read(TestMirror.file("images/content/golden_gate.jpg")), 203);

    private static final BufferedImage PAINTING = Images.read(TestMirror.file("images/style/starry_night.jpg"));

    private static String backendOf(String engine) {
        return engine.equals("TensorFlow") ? "tensorflow" : "onnxruntime";
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    @ParameterizedTest
    @ValueSource(strings = {"OnnxRuntime", "TensorFlow"})
    void aFastStyleFromCriteriaGivesTheFastStylizersPixels(String engine) throws Exception {
        Criteria<Image, Image> criteria = Criteria.builder()
                .setTypes(Image.class, Image.class)
                .optGroupId("io.nst")
                .optArtifactId("fast-style")
                .optFilter("style", "wave")
                .optEngine(engine)
                .build();
        BufferedImage expected;
        try (FastStylizer stylizer =
                FastStylizer.builder().model("wave").backend(backendOf(engine)).build()) {
            expected = stylizer.stylize(PHOTO);
        }
        BufferedImage styled = predicted(criteria);
        assertEquals(PHOTO.getWidth(), styled.getWidth());
        assertEquals(PHOTO.getHeight(), styled.getHeight());
        assertArrayEquals(pixels(expected), pixels(styled), "the same pixels as FastStylizer on " + engine);
    }

    /** The photo through the model the criteria loads. */
    private static BufferedImage predicted(Criteria<Image, Image> criteria) throws Exception {
        try (ZooModel<Image, Image> model = criteria.loadModel();
                Predictor<Image, Image> predictor = model.newPredictor()) {
            return (BufferedImage) predictor
                    .predict(new BufferedImageFactory().fromImage(PHOTO))
                    .getWrappedImage();
        }
    }

    @Test
    void theSizeArgumentScalesAsTheStylizersSizeDoes() throws Exception {
        Criteria<Image, Image> criteria = Criteria.builder()
                .setTypes(Image.class, Image.class)
                .optGroupId("io.nst")
                .optArtifactId("fast-style")
                .optFilter("style", "udnie")
                .optArgument("size", 96)
                .optEngine("OnnxRuntime")
                .build();
        BufferedImage expected;
        try (FastStylizer stylizer = FastStylizer.builder()
                .model("udnie")
                .size(96)
                .backend("onnxruntime")
                .build()) {
            expected = stylizer.stylize(PHOTO);
        }
        BufferedImage styled = predicted(criteria);
        assertEquals(96, Math.max(styled.getWidth(), styled.getHeight()));
        assertArrayEquals(pixels(expected), pixels(styled));
    }

    @ParameterizedTest
    @ValueSource(strings = {"OnnxRuntime", "TensorFlow"})
    void thePaintingOfAnArbitraryStyleInputGivesTheArbitraryStylizersPixels(String engine) throws Exception {
        Criteria<ArbitraryStyleTranslator.Input, Image> criteria = Criteria.builder()
                .setTypes(ArbitraryStyleTranslator.Input.class, Image.class)
                .optGroupId("io.nst")
                .optArtifactId("arbitrary-style")
                .optEngine(engine)
                .build();
        BufferedImage expected;
        try (ArbitraryStylizer stylizer =
                ArbitraryStylizer.builder().backend(backendOf(engine)).build()) {
            expected = stylizer.stylize(PHOTO, stylizer.styleOf(PAINTING));
        }
        BufferedImageFactory images = new BufferedImageFactory();
        try (ZooModel<ArbitraryStyleTranslator.Input, Image> model = criteria.loadModel();
                Predictor<ArbitraryStyleTranslator.Input, Image> predictor = model.newPredictor()) {
            Image styled = predictor.predict(
                    new ArbitraryStyleTranslator.Input(images.fromImage(PHOTO), images.fromImage(PAINTING)));
            assertArrayEquals(pixels(expected), pixels((BufferedImage) styled.getWrappedImage()));
        }
    }

    @Test
    void bothModelsAreListedInTheZoo() throws Exception {
        List<String> listed = ModelZoo.listModels().values().stream()
                .flatMap(List::stream)
                .filter(mrl -> mrl.getGroupId().equals("io.nst"))
                .map(MRL::getArtifactId)
                .sorted()
                .toList();
        assertEquals(List.of("arbitrary-style", "fast-style"), listed);
    }

    @Test
    void whatCannotBeLoadedIsSaidWithWhatToDo() {
        Map<String, String> cases = Map.of(
                "PyTorch", "fast-style runs on OnnxRuntime or TensorFlow, not PyTorch",
                "", "fast-style needs the filter style",
                "monet", "no style 'monet'");
        for (var c : cases.entrySet()) {
            Criteria.Builder<Image, Image> builder = Criteria.builder()
                    .setTypes(Image.class, Image.class)
                    .optGroupId("io.nst")
                    .optArtifactId("fast-style");
            if (c.getKey().equals("PyTorch")) {
                builder.optEngine("PyTorch").optFilter("style", "wave");
            } else if (!c.getKey().isEmpty()) {
                builder.optFilter("style", c.getKey());
            }
            ModelNotFoundException e = assertThrows(
                    ModelNotFoundException.class, () -> builder.build().loadModel());
            String said = e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
            assertTrue(said.contains(c.getValue()), said);
        }
        Criteria<String, Image> wrongTypes = Criteria.builder()
                .setTypes(String.class, Image.class)
                .optGroupId("io.nst")
                .optArtifactId("fast-style")
                .optFilter("style", "wave")
                .build();
        ModelNotFoundException e = assertThrows(ModelNotFoundException.class, wrongTypes::loadModel);
        assertTrue(
                e.getCause().getMessage().contains("fast-style takes ai.djl.modality.cv.Image"),
                e.getCause().getMessage());
    }
}
