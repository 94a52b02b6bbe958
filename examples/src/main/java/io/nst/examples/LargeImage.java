package io.nst.examples;

import io.nst.Images;
import io.nst.OnePassOptions;
import io.nst.fast.FastStylizer;
import java.nio.file.Path;

/**
 * A large photo with the fast method in bounded memory: images larger than the tile size are
 * stylized in overlapping tiles whose instance norms use whole-image statistics, so the result
 * matches the one-piece result.
 *
 * <p>{@code LargeImage STYLE PHOTO OUT.png [MAX_TILE]}
 */
public final class LargeImage {

    public static void main(String[] args) throws Exception {
        int maxTile = args.length > 3 ? Integer.parseInt(args[3]) : OnePassOptions.DEFAULT_MAX_TILE;
        try (FastStylizer stylizer =
                FastStylizer.builder().model(args[0]).maxTile(maxTile).build()) {
            long start = System.nanoTime();
            Images.write(stylizer.stylize(Images.read(Path.of(args[1]))), Path.of(args[2]));
            System.out.printf("%.1f s on %s%n", (System.nanoTime() - start) / 1e9, stylizer.backend());
        }
    }
}
