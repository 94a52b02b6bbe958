package io.nst.cli;

import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.StyleVector;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
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

    @Option(
            names = "--strength",
            defaultValue = "1",
            description = "How much of the paintings' style, 0 to 1 (default ${DEFAULT-VALUE}).")
    double strength;

    @Option(names = "--preserve-colors", description = "Keep the photo's colours; take only the style's luminance.")
    boolean preserveColors;

    @Mixin
    EngineOptions engine;

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
        boolean folder = Files.isDirectory(content);
        if (!folder && !Files.isRegularFile(content)) {
            throw new StyleTransferException(content + ": no such file or folder");
        }
        if (folder && Files.isRegularFile(out)) {
            throw new IllegalArgumentException("--content is a folder, so --out must be a folder: " + out);
        }
        if (!folder) {
            Reports.checkImageOutput(out);
        }
        List<Path> inputs = folder ? FastCommand.imagesIn(content) : List.of(content);
        if (inputs.isEmpty()) {
            throw new StyleTransferException(content + ": no JPEG, PNG, BMP or GIF images in this folder");
        }
        long start = System.nanoTime();
        int failed = 0;
        try (ArbitraryStylizer stylizer = ArbitraryStylizer.builder()
                .backend(engine.backend)
                .device(engine.device())
                .strength(strength)
                .preserveColors(preserveColors)
                .build()) {
            List<StyleVector> vectors = new ArrayList<>();
            for (Path painting : styles) {
                vectors.add(stylizer.styleOf(Images.read(painting)));
            }
            StyleVector style = StyleVector.blend(vectors, weights);
            double loaded = (System.nanoTime() - start) / 1e9;
            long stylizing = System.nanoTime();
            int width = 0;
            int height = 0;
            for (Path input : inputs) {
                Path target = folder ? out.resolve(FastCommand.outputName(input)) : out;
                try {
                    BufferedImage photo = Images.read(input);
                    if (size != null && size != Math.max(photo.getWidth(), photo.getHeight())) {
                        photo = Images.resizeLongSide(photo, size);
                    }
                    BufferedImage result = stylizer.stylize(photo, style);
                    width = result.getWidth();
                    height = result.getHeight();
                    Images.write(result, target);
                } catch (StyleTransferException e) {
                    if (!folder) {
                        throw e;
                    }
                    failed++;
                    System.err.println("nst: skipped " + e.getMessage());
                }
            }
            double seconds = (System.nanoTime() - stylizing) / 1e9;
            int done = inputs.size() - failed;
            if (report != null) {
                Map<String, Object> figures = new LinkedHashMap<>();
                figures.put("method", "arbitrary");
                figures.put("backend", stylizer.backend());
                figures.put("device", stylizer.device());
                figures.put("width", width);
                figures.put("height", height);
                figures.put("images", done);
                figures.put("failed", failed);
                figures.put("loadSeconds", loaded);
                figures.put("seconds", seconds);
                figures.put("secondsPerImage", done == 0 ? Double.NaN : seconds / done);
                Reports.write(figures, report);
            }
            System.err.printf(
                    "wrote %d image(s) to %s in %.2f s (arbitrary on %s, %s)%n",
                    done, out, seconds, stylizer.backend(), stylizer.device());
        }
        return failed == 0 ? 0 : 1;
    }
}
