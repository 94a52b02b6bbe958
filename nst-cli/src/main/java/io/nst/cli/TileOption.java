package io.nst.cli;

import picocli.CommandLine.Option;

/** {@code --max-tile}, shared by the one-pass methods. */
final class TileOption {

    @Option(
            names = "--max-tile",
            defaultValue = "1024",
            description = "Larger images are stylized in overlapping tiles of at most this side.")
    int maxTile;
}
