package io.nst.cli;

import io.nst.FeatureNetwork;
import io.nst.Images;
import io.nst.LossWeights;
import io.nst.internal.ImageTensors;
import io.nst.models.FeatureNetworks;
import io.nst.net.FloatTensor;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import io.nst.spi.GatysObjective;
import io.nst.spi.GatysProblem;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The benchmarks' style distance: the Gatys style loss of an image against a style image, Tiny
 * Darknet's default style layers and their Gram matrices compared as the Gatys method compares
 * them, on the backend that computes them.
 */
final class StyleDistance implements AutoCloseable {
    private final GatysObjective objective;
    private final float[] gradient;

    /** Against {@code style}, for images of {@code like}'s size. */
    StyleDistance(ModelRepository repository, BufferedImage style, BufferedImage like) throws IOException {
        FeatureNetwork network = FeatureNetworks.darknetTiny();
        LinkedHashSet<String> layers =
                new LinkedHashSet<>(network.defaultStyleLayers().keySet());
        layers.add(network.defaultContentLayer());
        FloatTensor content = ImageTensors.toTensor(like);
        GatysProblem problem = new GatysProblem(
                network.load(repository, layers),
                content,
                List.of(ImageTensors.toTensor(style)),
                List.of(1.0),
                network.defaultContentLayer(),
                network.defaultStyleLayers(),
                new LossWeights(0, 1, 0));
        objective = Backends.select(null, Capability.GATYS_GRADIENTS).gatysObjective(problem, false);
        gradient = new float[content.data().length];
    }

    /**
     * How far {@code other} is from {@code reference}'s style, as a share of how far the unstylized
     * {@code photo} is from it: the style distances of both to {@code reference}, as norms, over
     * each other; 0 for the same style, 1 for none of it. It serves where the painting a network was
     * trained on is not at hand: by the triangle inequality, no painting's distance to {@code
     * reference} and to {@code other} differ by more than this share of the photo's distance.
     */
    static double shift(ModelRepository repository, BufferedImage photo, BufferedImage reference, BufferedImage other)
            throws IOException {
        try (StyleDistance distance = new StyleDistance(repository, reference, reference)) {
            BufferedImage unstylized = Images.resize(photo, reference.getWidth(), reference.getHeight());
            return Math.sqrt(distance.of(other) / distance.of(unstylized));
        }
    }

    /** The style loss of {@code image}, of the size this was made for. */
    double of(BufferedImage image) {
        return objective.evaluate(ImageTensors.toTensor(image).data(), gradient).style();
    }

    @Override
    public void close() {
        objective.close();
    }
}
