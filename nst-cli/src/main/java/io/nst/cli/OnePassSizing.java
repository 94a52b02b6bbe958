package io.nst.cli;

import io.nst.FastOptions;
import io.nst.Limits;
import picocli.CommandLine.Option;

/** {@code --size} and {@code --max-tile}, shared by the one-pass commands. */
final class OnePassSizing {

    @Option(names = "--size", description = "Long side of the output in pixels (default: the photo's own).")
    Integer size;

    @Option(
            names = "--max-tile",
            defaultValue = "" + FastOptions.DEFAULT_MAX_TILE,
            description = "Larger images are stylized in overlapping tiles of at most this side.")
    int maxTile;

    /** The size, checked with the option's name, or null for each photo's own. */
    Integer size() {
        return size == null ? null : Limits.size("--size", size);
    }
}
