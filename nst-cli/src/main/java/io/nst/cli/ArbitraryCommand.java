package io.nst.cli;

import io.nst.Images;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.StyleVector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nst arbitrary}: any painting in one pass, for a file or a folder of photos. */
@Command(
        name = "arbitrary",
        mixinStandardHelpOptions = true,
        showDefaultValues = true,
        description = "Stylize a photo or a folder of photos with any painting in one pass (Magenta's"
                + " arbitrary-style networks).")
final class ArbitraryCommand implements Callable<Integer> {

    @Option(names = "--content", required = true, description = "A photo, or a folder of photos.")
    Path content;

    @Option(names = "--style", required = true, split = ",", description = "One or more paintings.")
    List<Path> styles;

    @Option(names = "--style-blend", split = ",", description = "Relative weights of the paintings (default equal).")
    List<Double> blend;

    @Option(names = "--out", required = true, description = "The output image, or a folder for a folder.")
    Path out;

    @Option(names = "--size", description = "Long side of the output in pixels (default: the photo's own).")
    Integer size;

    @Option(names = "--strength", defaultValue = "1", description = "How much of the paintings' style, 0 to 1.")
    double strength;

    @Option(names = "--preserve-colors", description = "Keep the photo's colours; take only the style's luminance.")
    boolean preserveColors;

    @Mixin
    EngineOptions engine;

    @Mixin
    TileOption tiles;

    @Option(names = "--report", description = "Write the run's figures as JSON.")
    Path report;

    @Override
    public Integer call() throws Exception {
        if (size != null && (size < 16 || size > 4096)) {
            throw new IllegalArgumentException("--size must be between 16 and 4096 pixels, got " + size);
        }
        List<Double> weights =
                blend != null ? blend : styles.stream().map(s -> 1.0).toList();
        if (weights.size() != styles.size()) {
            throw new IllegalArgumentException(
                    "--style-blend needs one weight per style: " + styles.size() + " styles, " + weights.size());
        }
        Map<String, Path> paintings = new LinkedHashMap<>();
        styles.forEach(style -> paintings.put("--style " + style, style));
        PhotoBatch batch = new PhotoBatch(content, "--content", out, paintings, report);
        long start = System.nanoTime();
        try (ArbitraryStylizer stylizer = ArbitraryStylizer.builder()
                .backend(engine.backend)
                .device(engine.device())
                .strength(strength)
                .preserveColors(preserveColors)
                .maxTile(tiles.maxTile)
                .build()) {
            List<StyleVector> vectors = new ArrayList<>();
            for (Path painting : styles) {
                vectors.add(stylizer.styleOf(Images.read(painting)));
            }
            StyleVector style = StyleVector.blend(vectors, weights);
            double loaded = (System.nanoTime() - start) / 1e9;
            PhotoBatch.Outcome outcome = batch.run(photo -> stylizer.stylize(
                    size != null && size != Math.max(photo.getWidth(), photo.getHeight())
                            ? Images.resizeLongSide(photo, size)
                            : photo,
                    style));
            if (report != null) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("method", "arbitrary");
                figures.put("backend", stylizer.backend());
                figures.put("device", stylizer.device());
                figures.put("width", outcome.width());
                figures.put("height", outcome.height());
                PhotoBatch.report(figures, loaded, outcome, report);
            }
            System.err.printf(
                    "wrote %d image(s) to %s in %.2f s (arbitrary on %s, %s)%n",
                    outcome.done(), out, outcome.seconds(), stylizer.backend(), stylizer.device());
            return outcome.failed() == 0 ? 0 : 1;
        }
    }
}
