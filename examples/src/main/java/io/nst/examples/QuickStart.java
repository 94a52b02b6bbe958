package io.nst.examples;

import io.nst.Optimization;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import java.nio.file.Path;

/**
 * Repaint a photo in the manner of a painting (Gatys method, Tiny Darknet features, PyTorch).
 *
 * <p>{@code QuickStart PHOTO PAINTING OUT.png [SIZE] [ITERATIONS]}
 */
public final class QuickStart {

    public static void main(String[] args) throws Exception {
        StyleTransferResult result = StyleTransfer.builder()
                .content(Path.of(args[0]))
                .style(Path.of(args[1]))
                .size(args.length > 3 ? Integer.parseInt(args[3]) : 512)
                .iterations(args.length > 4 ? Integer.parseInt(args[4]) : 300)
                .build()
                .run();
        result.save(Path.of(args[2]));
        Optimization figures = result.optimization().orElseThrow(); // Gatys optimises the pixels
        System.out.printf(
                "%dx%d in %.1f s, loss %.3g -> %.3g%n",
                result.width(), result.height(), result.seconds(), figures.initialLoss(), figures.finalLoss());
    }
}
