package io.nst.examples;

import io.nst.StyleTransfer;
import java.nio.file.Path;

/**
 * The painting's brushwork with the photo's own colours (luminance-only transfer), with a
 * larger style scale for bigger strokes.
 *
 * <p>{@code PreserveColors PHOTO PAINTING OUT.png [SIZE] [ITERATIONS]}
 */
public final class PreserveColors {

    public static void main(String[] args) throws Exception {
        StyleTransfer.builder()
                .content(Path.of(args[0]))
                .style(Path.of(args[1]))
                .preserveColors(true)
                .styleScale(1.5)
                .size(args.length > 3 ? Integer.parseInt(args[3]) : 512)
                .iterations(args.length > 4 ? Integer.parseInt(args[4]) : 300)
                .build()
                .run()
                .save(Path.of(args[2]));
    }
}
