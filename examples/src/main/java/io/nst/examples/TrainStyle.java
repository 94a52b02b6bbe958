package io.nst.examples;

import io.nst.Images;
import io.nst.fast.FastStylizer;
import io.nst.fast.StyleTrainer;
import java.nio.file.Path;

/**
 * Train a slim transfer network for a painting on a folder of photos, printing the loss as it
 * goes, then stylize a photo with the new model.
 *
 * <p>{@code TrainStyle PAINTING PHOTO_DIR MODEL_DIR PHOTO OUT.png [ITERATIONS] [SIZE]}
 */
public final class TrainStyle {

    public static void main(String[] args) throws Exception {
        Path model = Path.of(args[2]);
        StyleTrainer.Result result = StyleTrainer.builder()
                .style(Path.of(args[0]))
                .dataset(Path.of(args[1]))
                .output(model)
                .width(StyleTrainer.Width.SLIM)
                .iterations(args.length > 5 ? Integer.parseInt(args[5]) : 2000)
                .size(args.length > 6 ? Integer.parseInt(args[6]) : 256)
                .checkpointEvery(200)
                .resume(true)
                .listener(p -> System.out.printf(
                        "%d/%d loss %.4g, %.1f images/s%n",
                        p.iteration(), p.iterations(), p.losses().total(), p.imagesPerSecond()))
                .progressEvery(50)
                .build()
                .train();
        System.out.printf("trained %d steps in %.0f s%n", result.iterations(), result.seconds());
        try (FastStylizer stylizer =
                FastStylizer.builder().model(model.toString()).build()) {
            Images.write(stylizer.stylize(Images.read(Path.of(args[3]))), Path.of(args[4]));
        }
    }
}
