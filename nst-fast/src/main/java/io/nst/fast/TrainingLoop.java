package io.nst.fast;

import com.google.gson.JsonObject;
import io.nst.FeatureNetwork;
import io.nst.Images;
import io.nst.LossTerms;
import io.nst.RunSettings;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.fast.internal.TransferModels;
import io.nst.internal.ImageTensors;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import io.nst.spi.TrainingProblem;
import io.nst.spi.TrainingSession;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One training run of a {@link StyleTrainer}: the steps over the photos, the checkpoints on the
 * way (resumed from when asked), progress to the listener and the model written at the end.
 */
record TrainingLoop(RunSettings runSettings, TrainingPlan plan, FeatureNetwork featureNetwork) {

    private static final Logger LOG = LoggerFactory.getLogger(StyleTrainer.class);
    private static final String CHECKPOINT = "checkpoint.json";

    /** Trains, writes the model directory whole and says what was done. */
    StyleTrainer.Result run() {
        long start = System.nanoTime();
        Backend backend = Backends.select(runSettings.backend(), Capability.TRAINING);
        boolean gpu = backend.useGpu(runSettings.device());
        ModelRepository repository = runSettings.repository();
        FloatTensor painting = ImageTensors.toTensor(Images.resizeLongSide(Images.read(plan.style), plan.size));
        List<String> skipped = new ArrayList<>();
        TrainingData data = new TrainingData(plan.dataset, plan.size, plan.seed, message -> {
            skipped.add(message);
            LOG.warn("skipped {}", message);
        });
        Set<String> layers =
                new LinkedHashSet<>(featureNetwork.defaultStyleLayers().keySet());
        layers.add(featureNetwork.defaultContentLayer());
        NetworkSpec features;
        try {
            features = featureNetwork.load(repository, layers);
        } catch (IOException e) {
            throw new StyleTransferException(
                    Kind.NOT_FOUND, "feature network " + featureNetwork + ": " + e.getMessage(), e);
        }
        int steps = plan.steps(data.count());
        JsonObject settings = TrainingManifest.settings(
                plan.width,
                featureNetwork,
                plan.style,
                plan.size,
                plan.batch,
                plan.learningRate,
                plan.weights,
                plan.seed);
        NetworkSpec initial = TransferModels.initial(TransferModels.Width.valueOf(plan.width.name()), plan.seed);
        Path checkpoint = plan.output.resolve(CHECKPOINT);
        TrainingCheckpoint resumeFrom = plan.resume
                ? TrainingCheckpoint.read(checkpoint, settings, initial).orElse(null)
                : null;
        TrainingProblem problem = new TrainingProblem(
                initial,
                features,
                painting,
                featureNetwork.defaultContentLayer(),
                featureNetwork.defaultStyleLayers(),
                plan.weights,
                plan.learningRate);
        double firstLoss = Double.NaN;
        double lastLoss = Double.NaN;
        try (TrainingSession session = backend.train(problem, gpu)) {
            long sample = 0;
            int done = 0;
            if (resumeFrom != null) {
                session.restore(resumeFrom.state());
                sample = resumeFrom.nextSample();
                done = (int) resumeFrom.state().step();
                LOG.info("resumed at step {} from {}", done, checkpoint);
            }
            int startStep = done;
            int checkpointed = resumeFrom != null ? done : -1;
            long runStart = System.nanoTime();
            while (done < steps) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new StyleTransferException(
                            Kind.CANCELLED,
                            "training interrupted after step " + done + "; "
                                    + (checkpointed >= 0
                                            ? "the checkpoint of step " + checkpointed
                                                    + " is kept, and resuming continues from it"
                                            : "no checkpoint was written (see checkpointEvery)"));
                }
                List<FloatTensor> photos = new ArrayList<>();
                for (int i = 0; i < plan.batch; i++) {
                    TrainingData.Sample s = data.sample(sample);
                    photos.add(s.image());
                    sample = s.next();
                }
                LossTerms loss;
                int attempted = done + 1;
                try {
                    loss = session.step(photos);
                    done++;
                    if (plan.checkpointEvery > 0 && done % plan.checkpointEvery == 0 && done < steps) {
                        TrainingCheckpoint.write(checkpoint, settings, session.state(), sample);
                        checkpointed = done;
                    }
                } catch (ArithmeticException e) {
                    throw diverged(attempted, e.getMessage(), checkpointed);
                }
                if (Double.isNaN(firstLoss)) {
                    firstLoss = loss.total();
                }
                lastLoss = loss.total();
                if (plan.listener != null && (done % plan.progressEvery == 0 || done == steps)) {
                    double seconds = (System.nanoTime() - runStart) / 1e9;
                    double rate = (done - startStep) * plan.batch / seconds;
                    NetworkSpec current = session.network();
                    plan.listener.accept(new TrainingProgress(
                            done,
                            steps,
                            loss,
                            rate,
                            (steps - done) * plan.batch / rate,
                            () -> preview(backend, current)));
                }
            }
            try {
                TrainingCheckpoint.write(checkpoint, settings, session.state(), sample);
            } catch (ArithmeticException e) {
                throw diverged(done, e.getMessage(), checkpointed);
            }
            JsonObject metadata = TrainingManifest.metadata(
                    settings, plan.width, plan.style, plan.dataset, data.count(), skipped.size(), done);
            TransferModels.save(session.network(), plan.output, metadata);
            double seconds = (System.nanoTime() - start) / 1e9;
            double runSeconds = (System.nanoTime() - runStart) / 1e9;
            return new StyleTrainer.Result(
                    plan.output,
                    done,
                    firstLoss,
                    lastLoss,
                    seconds,
                    (done - startStep) * plan.batch / Math.max(runSeconds, 1e-9),
                    skipped.size());
        } catch (IOException e) {
            throw new StyleTransferException(Kind.IO, plan.output + ": " + e.getMessage(), e);
        }
    }

    /** A numerical breakdown: what went non-finite, where, what is kept and what to try. */
    private StyleTransferException diverged(int step, String what, int checkpointed) {
        String kept = checkpointed >= 0
                ? "the checkpoint of step " + checkpointed + " is kept, and a resumed run continues from it"
                : "this run wrote no checkpoint";
        return new StyleTransferException(
                Kind.ENGINE,
                "training stopped at step " + step + ": " + what
                        + "; the model was not written and " + kept + ". Try a lower learning rate (now "
                        + plan.learningRate
                        + ") or style weight (now " + plan.weights.style() + ")");
    }

    private BufferedImage preview(Backend backend, NetworkSpec network) {
        if (plan.validation == null) {
            throw new IllegalStateException("no validation photo was given");
        }
        try (FastStylizer stylizer = FastStylizer.compiled(backend, network)) {
            return stylizer.stylize(Images.resizeLongSide(Images.read(plan.validation), plan.size));
        }
    }
}
