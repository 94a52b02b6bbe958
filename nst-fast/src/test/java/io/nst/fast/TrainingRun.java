package io.nst.fast;

import io.nst.testing.TestMirror;
import java.nio.file.Path;

/** One short training, as its own program, so that tests can run it in fresh JVMs. */
public final class TrainingRun {

    private TrainingRun() {}

    /** The training {@code StyleTrainerTest} repeats: 5 BSDS500 photos, Starry Night, 48 px, slim. */
    static StyleTrainer.Builder trainer(Path photos, Path out) {
        return StyleTrainer.builder()
                .style(TestMirror.file("images/style/starry_night.jpg"))
                .dataset(photos)
                .output(out)
                .size(48)
                .batch(2)
                .width(StyleTrainer.Width.SLIM)
                .learningRate(0.01)
                .seed(5)
                .repository(TestMirror.repository());
    }

    /**
     * {@code photos out steps [checkpointEvery [resume]]}: trains and writes the model directory
     * {@code out}.
     */
    public static void main(String[] args) {
        trainer(Path.of(args[0]), Path.of(args[1]))
                .iterations(Integer.parseInt(args[2]))
                .checkpointEvery(args.length > 3 ? Integer.parseInt(args[3]) : 0)
                .resume(args.length > 4 && Boolean.parseBoolean(args[4]))
                .build()
                .train();
    }
}
