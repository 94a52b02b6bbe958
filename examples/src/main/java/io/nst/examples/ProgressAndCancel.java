package io.nst.examples;

import io.nst.Images;
import io.nst.Optimizer;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import java.nio.file.Path;

/**
 * Watch a run: print each loss term, save a preview every 20 iterations, and stop when a time
 * budget is spent (the result is then the image so far). Uses Adam from seeded noise.
 *
 * <p>{@code ProgressAndCancel PHOTO PAINTING OUT_DIR [SECONDS] [SIZE]}
 */
public final class ProgressAndCancel {

    public static void main(String[] args) throws Exception {
        Path outDir = Path.of(args[2]);
        double budgetSeconds = args.length > 3 ? Double.parseDouble(args[3]) : 60;
        StyleTransferResult result = StyleTransfer.builder()
                .content(Path.of(args[0]))
                .style(Path.of(args[1]))
                .size(args.length > 4 ? Integer.parseInt(args[4]) : 384)
                .iterations(1000)
                .optimizer(Optimizer.ADAM)
                .initRandom()
                .seed(7)
                .progressEvery(20)
                .listener(p -> {
                    System.out.printf(
                            "%4d  content %.3g  style %.3g  tv %.3g%n",
                            p.iteration(),
                            p.losses().content(),
                            p.losses().style(),
                            p.losses().tv());
                    Images.write(p.preview(), outDir.resolve(String.format("preview-%04d.png", p.iteration())));
                    if (p.elapsedSeconds() > budgetSeconds) {
                        p.cancel();
                    }
                })
                .build()
                .run();
        result.save(outDir.resolve("final.png"));
        System.out.println((result.cancelled() ? "stopped" : "finished") + " after "
                + result.optimization().orElseThrow().iterations() + " iterations");
    }
}
