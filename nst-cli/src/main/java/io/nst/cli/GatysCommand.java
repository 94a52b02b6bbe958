package io.nst.cli;

import io.nst.GatysOptions;
import io.nst.ImageSource;
import io.nst.Optimization;
import io.nst.Optimizer;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import io.nst.models.FeatureNetworks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nst gatys}: iterative style transfer of one photo. */
@Command(
        name = "gatys",
        description = "Repaint a photo in the manner of one or more paintings by optimising its pixels.")
final class GatysCommand implements Callable<Integer> {

    @Option(names = "--content", required = true, description = "The photo.")
    Path content;

    @Mixin
    Paintings paintings;

    @Option(names = "--out", required = true, description = "Output image (.png, .jpg, .bmp).")
    Path out;

    @Mixin
    Outputs outputs;

    @Mixin
    JpegQuality jpeg;

    @Option(names = "--size", defaultValue = "512", description = "Long side in pixels.")
    int size;

    @Option(names = "--iterations", defaultValue = "300", description = "Iterations.")
    int iterations;

    @Option(names = "--optimizer", defaultValue = "lbfgs", description = "lbfgs or adam.")
    String optimizer;

    @Option(names = "--learning-rate", defaultValue = "0.02", description = "Adam's step size.")
    double learningRate;

    @Mixin
    LossOptions loss;

    @Mixin
    EngineOptions engine;

    @Option(names = "--init", defaultValue = "content", description = "content, random or an image file.")
    String init;

    @Option(
            names = "--seed",
            defaultValue = "0",
            description = "Seed of every random choice: the same seed, the same result.")
    long seed;

    @Option(names = "--preserve-colors", description = "Keep the photo's colours (luminance-only transfer).")
    boolean preserveColors;

    @Option(names = "--style-scale", defaultValue = "1", description = "Style image size relative to --size.")
    double styleScale;

    @Option(names = "--vgg19-weights", description = "A Keras VGG19 HDF5 weights file (implies --features vgg19).")
    Path vgg19Weights;

    @Option(names = "--content-layer", description = "Content layer (default: the network's).")
    String contentLayer;

    @Option(names = "--style-layers", split = ",", description = "Style layers, each NAME or NAME:WEIGHT.")
    List<String> styleLayers;

    @Mixin
    Report report;

    @Override
    public Integer call() throws Exception {
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("--content", content);
        paintings.addTo(inputs);
        if (!init.equals("content") && !init.equals("random")) {
            inputs.put("--init", Path.of(init));
        }
        jpeg.check();
        outputs.checkImage("--out", out, inputs);
        report.checkBeside(outputs, out, inputs);
        StyleTransfer job = configure().build();
        StyleTransferResult result = job.run();
        jpeg.write(result.image(), out);
        GatysOptions o = job.options(GatysOptions.class);
        Map<String, Object> figures = new LinkedHashMap<>(result.figures());
        figures.put("features", job.features().toString());
        figures.put("contentLayer", job.contentLayer());
        figures.put("styleLayers", job.styleLayers());
        figures.put("optimizer", o.optimizer().name().toLowerCase());
        figures.put("seed", o.seed());
        figures.put("weights", o.weights());
        report.write(figures);
        Optimization optimization = result.optimization().orElseThrow();
        System.err.printf(
                "wrote %s (%dx%d) in %.1f s, loss %.4g -> %.4g%n",
                out,
                result.width(),
                result.height(),
                result.seconds(),
                optimization.initialLoss(),
                optimization.finalLoss());
        return 0;
    }

    private StyleTransfer.Builder configure() {
        StyleTransfer.Builder b = StyleTransfer.builder()
                .content(content)
                .size(size)
                .iterations(iterations)
                .seed(seed)
                .weights(loss.weights())
                .optimizer(Optimizer.parse(optimizer))
                .learningRate(learningRate)
                .preserveColors(preserveColors)
                .styleScale(styleScale)
                .backend(engine.backend)
                .device(engine.device())
                .features(vgg19Weights != null ? FeatureNetworks.vgg19(vgg19Weights) : loss.network())
                .listener(ProgressBar.onStderr());
        paintings.each((file, weight) -> b.style(ImageSource.of(file), weight));
        switch (init) {
            case "content" -> b.initFromContent();
            case "random" -> b.initRandom();
            default -> {
                if (!Files.exists(Path.of(init))) {
                    throw new IllegalArgumentException(
                            "--init must be content, random or an existing image file: " + init);
                }
                b.initFrom(ImageSource.of(Path.of(init)));
            }
        }
        if (contentLayer != null) {
            b.contentLayer(contentLayer);
        }
        if (styleLayers != null) {
            Map<String, Double> layers = new LinkedHashMap<>();
            for (String spec : styleLayers) {
                int colon = spec.indexOf(':');
                layers.put(colon < 0 ? spec : spec.substring(0, colon), colon < 0 ? 1.0 : weight(spec, colon));
            }
            b.styleLayers(layers);
        }
        return b;
    }

    private static double weight(String spec, int colon) {
        try {
            return Double.parseDouble(spec.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--style-layers " + spec
                    + ": the weight after ':' must be a number, got '" + spec.substring(colon + 1) + "'");
        }
    }
}
