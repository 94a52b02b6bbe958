package io.nst.examples;

import io.nst.StyleTransfer;
import java.nio.file.Path;

/**
 * Two paintings at once: the style targets are blended 3:1.
 *
 * <p>{@code BlendStyles PHOTO PAINTING_A PAINTING_B OUT.png [SIZE] [ITERATIONS]}
 */
public final class BlendStyles {

    public static void main(String[] args) throws Exception {
        StyleTransfer.builder()
                .content(Path.of(args[0]))
                .style(Path.of(args[1]), 3)
                .style(Path.of(args[2]), 1)
                .size(args.length > 4 ? Integer.parseInt(args[4]) : 512)
                .iterations(args.length > 5 ? Integer.parseInt(args[5]) : 300)
                .build()
                .run()
                .save(Path.of(args[3]));
    }
}
