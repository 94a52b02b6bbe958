package io.nst.gatys;

import io.nst.Images;
import io.nst.Luminance;
import io.nst.Method;
import io.nst.Progress;
import io.nst.ProgressListener;
import io.nst.StyleMethod;
import io.nst.StyleTransfer;
import io.nst.StyleTransferException;
import io.nst.StyleTransferResult;
import io.nst.loss.LossTerms;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import io.nst.spi.GatysObjective;
import io.nst.spi.GatysProblem;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Gatys method: loads and sizes the images, asks a backend for the objective, and runs
 * L-BFGS or Adam on the pixels. The optimiser is engine-independent; any backend with
 * {@link Capability#GATYS_GRADIENTS} serves.
 */
public final class GatysMethod implements StyleMethod {

    private static final Logger LOG = LoggerFactory.getLogger(GatysMethod.class);

    @Override
    public Method method() {
        return Method.GATYS;
    }

    @Override
    public StyleTransferResult run(StyleTransfer job) {
        stopIfInterrupted(0, job);
        long start = System.nanoTime();
        Backend backend = Backends.select(job.backend(), Capability.GATYS_GRADIENTS);
        boolean gpu = backend.useGpu(job.device());

        FloatTensor content =
                Images.toTensor(Images.resizeLongSide(job.content().read(job.maxInputPixels()), job.size()));
        int styleSize = (int) Math.max(16, Math.round(job.size() * job.styleScale()));
        List<FloatTensor> styles = new ArrayList<>();
        for (var style : job.styles()) {
            styles.add(Images.toTensor(Images.resizeLongSide(style.read(job.maxInputPixels()), styleSize)));
        }
        FloatTensor start0 = startImage(job, content);
        FloatTensor target = content;
        if (job.preserveColors()) {
            target = Luminance.grey(content);
            styles.replaceAll(s -> Luminance.greyMatched(s, content));
            start0 = Luminance.grey(start0);
        }

        GatysProblem problem = new GatysProblem(
                loadNetwork(job),
                target,
                styles,
                job.styleBlend(),
                job.contentLayer(),
                job.styleLayers(),
                job.weights());
        LOG.debug(
                "gatys on {} ({}), {}x{}, {} iterations",
                backend.name(),
                gpu ? "gpu" : "cpu",
                content.width(),
                content.height(),
                job.iterations());
        try (GatysObjective objective = backend.gatysObjective(problem, gpu)) {
            LossTerms[] last = new LossTerms[1];
            Objective f = (x, g) -> {
                last[0] = objective.evaluate(x, g);
                return last[0].total();
            };
            PixelOptimizer optimizer =
                    switch (job.optimizer()) {
                        case LBFGS -> new Lbfgs(f, start0.data());
                        case ADAM -> new Adam(f, start0.data(), job.learningRate());
                    };
            double initialLoss = optimizer.value;
            LossTerms terms = last[0];
            int done = 0;
            AtomicBoolean cancelled = new AtomicBoolean();
            ProgressListener listener = job.listener();
            while (done < job.iterations() && !cancelled.get()) {
                stopIfInterrupted(done, job);
                optimizer.iterate();
                done++;
                // The optimiser's last evaluation may be a rejected trial; report the accepted point.
                if (optimizer.value == last[0].total()) {
                    terms = last[0];
                }
                if (listener != null && (done % job.progressEvery() == 0 || done == job.iterations())) {
                    float[] snapshot = optimizer.x.clone();
                    FloatTensor shown = target;
                    Progress progress = new Progress(
                            done,
                            job.iterations(),
                            terms.content(),
                            terms.style(),
                            terms.tv(),
                            seconds(start),
                            () -> render(shown.withData(snapshot), content, job),
                            cancelled);
                    listener.onProgress(progress);
                }
            }
            BufferedImage image = render(target.withData(optimizer.x), content, job);
            return new StyleTransferResult(
                    image,
                    Method.GATYS.id(),
                    backend.name(),
                    gpu ? "gpu" : "cpu",
                    done,
                    optimizer.evaluations,
                    initialLoss,
                    optimizer.value,
                    terms.content(),
                    terms.style(),
                    terms.tv(),
                    seconds(start),
                    cancelled.get());
        } catch (ArithmeticException e) {
            throw new StyleTransferException("optimisation diverged: " + e.getMessage(), e);
        }
    }

    /**
     * An interrupted thread (a cancelled {@code Future}, a stopping executor, Ctrl-C in the CLI)
     * ends the run here, its interrupt still set.
     */
    private static void stopIfInterrupted(int done, StyleTransfer job) {
        if (Thread.currentThread().isInterrupted()) {
            throw new StyleTransferException(
                    "interrupted after " + done + " of " + job.iterations() + " iterations; nothing was written");
        }
    }

    private static NetworkSpec loadNetwork(StyleTransfer job) {
        Set<String> layers = new LinkedHashSet<>(job.styleLayers().keySet());
        layers.add(job.contentLayer());
        try {
            return job.features().load(job.repository(), layers);
        } catch (IOException e) {
            throw new StyleTransferException("feature network " + job.features() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StyleTransferException(e.getMessage(), e);
        }
    }

    private static FloatTensor startImage(StyleTransfer job, FloatTensor content) {
        return switch (job.init()) {
            case CONTENT -> content.copy();
            case RANDOM -> {
                SplittableRandom random = new SplittableRandom(job.seed());
                float[] noise = new float[content.data().length];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (float) random.nextDouble();
                }
                yield content.withData(noise);
            }
            case IMAGE -> Images.toTensor(
                    Images.resize(job.initImage().read(job.maxInputPixels()), content.width(), content.height()));
        };
    }

    private static BufferedImage render(FloatTensor optimised, FloatTensor content, StyleTransfer job) {
        return Images.toImage(job.preserveColors() ? Luminance.recolor(optimised, content) : optimised);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
