package io.nst.examples;

import ai.djl.inference.Predictor;
import ai.djl.modality.cv.Image;
import ai.djl.modality.cv.ImageFactory;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import io.nst.djl.ArbitraryStyleTranslator;
import java.nio.file.Path;

/**
 * The SDK's networks through DJL's model zoo ({@code nst-djl} beside a backend): a fast style by
 * name, then any painting, each a {@code ZooModel} whose predictor stylizes a photo, the same
 * pixels as the SDK's own stylizers.
 *
 * <p>{@code DjlModelZoo STYLE PHOTO PAINTING OUT_DIR}
 */
public final class DjlModelZoo {

    public static void main(String[] args) throws Exception {
        ImageFactory images = ImageFactory.getInstance();
        Image photo = images.fromFile(Path.of(args[1]));
        Criteria<Image, Image> fast = Criteria.builder()
                .setTypes(Image.class, Image.class)
                .optGroupId("io.nst")
                .optArtifactId("fast-style")
                .optFilter("style", args[0])
                .build();
        try (ZooModel<Image, Image> model = fast.loadModel();
                Predictor<Image, Image> predictor = model.newPredictor()) {
            save(predictor.predict(photo), Path.of(args[3], "fast.png"));
        }
        Criteria<ArbitraryStyleTranslator.Input, Image> arbitrary = Criteria.builder()
                .setTypes(ArbitraryStyleTranslator.Input.class, Image.class)
                .optGroupId("io.nst")
                .optArtifactId("arbitrary-style")
                .build();
        try (ZooModel<ArbitraryStyleTranslator.Input, Image> model = arbitrary.loadModel();
                Predictor<ArbitraryStyleTranslator.Input, Image> predictor = model.newPredictor()) {
            Image painting = images.fromFile(Path.of(args[2]));
            save(
                    predictor.predict(new ArbitraryStyleTranslator.Input(photo, painting)),
                    Path.of(args[3], "arbitrary.png"));
        }
    }

    private static void save(Image image, Path file) throws java.io.IOException {
        try (var out = java.nio.file.Files.newOutputStream(file)) {
            image.save(out, "png");
        }
    }
}
