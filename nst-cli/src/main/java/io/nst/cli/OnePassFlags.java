package io.nst.cli;

import io.nst.Limits;
import io.nst.OnePassBuilder;
import io.nst.OnePassOptions;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What both one-pass commands take besides the photos and the style: where they run, the sizes,
 * the output and how it is written, and the report.
 */
final class OnePassFlags {

    @Mixin
    EngineOptions engine;

    @Option(names = "--size", description = "Long side of the output in pixels (default: the photo's own).")
    Integer size;

    @Option(
            names = "--max-tile",
            defaultValue = "" + OnePassOptions.DEFAULT_MAX_TILE,
            description = "Larger images are stylized in overlapping tiles of at most this side.")
    int maxTile;

    @Option(names = "--out", required = true, description = "The output image, or a folder for a folder.")
    Path out;

    @Mixin
    Outputs outputs;

    @Mixin
    JpegQuality jpeg;

    @Mixin
    Report report;

    @Option(
            names = "--timings",
            description = "Say where the time went: start (JVM and tool), load, read, stylize, write.")
    boolean timings;

    /** {@code builder} with the backend, device, size and largest tile given. */
    <B extends OnePassBuilder<B, ?>> B configure(B builder) {
        builder.backend(engine.backend).device(engine.device()).maxTile(maxTile);
        return size == null ? builder : builder.size(Limits.size("--size", size));
    }
}
