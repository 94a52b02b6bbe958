package io.nst.cli;

import io.nst.ImageSource;
import io.nst.fast.ArbitraryStylizer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code nst arbitrary}: any painting in one pass, for a file or a folder of photos. */
@Command(
        name = "arbitrary",
        description = "Stylize a photo or a folder of photos with any painting in one pass (Magenta's"
                + " arbitrary-style networks).")
final class ArbitraryCommand implements Callable<Integer> {

    @Option(names = "--content", required = true, description = "A photo, or a folder of photos.")
    Path content;

    @Mixin
    Paintings paintings;

    @Option(names = "--strength", defaultValue = "1", description = "How much of the paintings' style, 0 to 1.")
    double strength;

    @Option(names = "--preserve-colors", description = "Keep the photo's colours; take only the style's luminance.")
    boolean preserveColors;

    @Mixin
    OnePassFlags flags;

    @Override
    public Integer call() throws Exception {
        ArbitraryStylizer.Builder builder =
                flags.configure(ArbitraryStylizer.builder().strength(strength).preserveColors(preserveColors));
        paintings.each((file, weight) -> builder.style(ImageSource.of(file), weight));
        Map<String, Path> inputs = new LinkedHashMap<>();
        paintings.addTo(inputs);
        PhotoBatch batch = new PhotoBatch(content, "--content", inputs, flags);
        long start = System.nanoTime();
        try (ArbitraryStylizer stylizer = builder.build()) {
            return batch.stylizeAll(stylizer, "arbitrary", (System.nanoTime() - start) / 1e9, Map.of());
        }
    }
}
