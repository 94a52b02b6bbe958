package io.nst.gatys;

import io.nst.GatysOptions;
import io.nst.Images;
import io.nst.LossTerms;
import io.nst.Method;
import io.nst.Optimization;
import io.nst.Progress;
import io.nst.ProgressListener;
import io.nst.StyleMethod;
import io.nst.StyleTransfer;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.StyleTransferResult;
import io.nst.internal.ImageTensors;
import io.nst.internal.Luminance;
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
import java.util.Map;
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
        GatysOptions o = job.options(GatysOptions.class);
        stopIfInterrupted(0, o);
        long start = System.nanoTime();
        Backend backend = Backends.select(job.settings().backend(), Capability.GATYS_GRADIENTS);
        boolean gpu = backend.useGpu(job.settings().device());

        FloatTensor content =
                ImageTensors.toTensor(Images.resizeLongSide(job.content().read(job.maxInputPixels()), o.size()));
        int styleSize = (int) Math.max(16, Math.round(o.size() * o.styleScale()));
        List<FloatTensor> styles = new ArrayList<>();
        for (var style : job.styles()) {
            styles.add(ImageTensors.toTensor(Images.resizeLongSide(style.read(job.maxInputPixels()), styleSize)));
        }
        FloatTensor start0 = startImage(job, o, content);
        FloatTensor target = content;
        if (o.preserveColors()) {
            target = Luminance.grey(content);
            styles.replaceAll(s -> Luminance.greyMatched(s, content));
            start0 = Luminance.grey(start0);
        }

        String contentLayer = job.contentLayer();
        Map<String, Double> styleLayers = job.styleLayers();
        GatysProblem problem = new GatysProblem(
                loadNetwork(job, contentLayer, styleLayers.keySet()),
                target,
                styles,
                job.styleBlend(),
                contentLayer,
                styleLayers,
                o.weights());
        LOG.debug(
                "gatys on {} ({}), {}x{}, {} iterations",
                backend.name(),
                gpu ? "gpu" : "cpu",
                content.width(),
                content.height(),
                o.iterations());
        try (GatysObjective objective = backend.gatysObjective(problem, gpu)) {
            LossTerms[] last = new LossTerms[1];
            double[] lastValue = new double[1];
            AnchorTerm anchor = o.anchor()
                    .map(a -> AnchorTerm.of(a, content, o.preserveColors()))
                    .orElse(null);
            Objective f = (x, g) -> {
                last[0] = objective.evaluate(x, g);
                lastValue[0] = last[0].total() + (anchor == null ? 0 : anchor.addTo(x, g));
                return lastValue[0];
            };
            PixelOptimizer optimizer =
                    switch (o.optimizer()) {
                        case LBFGS -> new Lbfgs(f, start0.data());
                        case ADAM -> new Adam(f, start0.data(), o.learningRate());
                    };
            // The loss figures are the style transfer's own; an anchor's term steers, it is not reported.
            double initialLoss = last[0].total();
            LossTerms terms = last[0];
            int done = 0;
            AtomicBoolean cancelled = new AtomicBoolean();
            ProgressListener listener = o.listener().orElse(null);
            while (done < o.iterations() && !cancelled.get()) {
                stopIfInterrupted(done, o);
                optimizer.iterate();
                done++;
                // The optimiser's last evaluation may be a rejected trial; report the accepted point.
                if (optimizer.value == lastValue[0]) {
                    terms = last[0];
                }
                if (listener != null && (done % o.progressEvery() == 0 || done == o.iterations())) {
                    float[] snapshot = optimizer.x.clone();
                    FloatTensor shown = target;
                    Progress progress = new Progress(
                            done,
                            o.iterations(),
                            terms,
                            seconds(start),
                            () -> render(shown.withData(snapshot), content, o),
                            cancelled);
                    listener.onProgress(progress);
                }
            }
            BufferedImage image = render(target.withData(optimizer.x), content, o);
            return StyleTransferResult.optimized(
                    image,
                    backend.name(),
                    gpu ? "gpu" : "cpu",
                    seconds(start),
                    Optimization.of(done, optimizer.evaluations, initialLoss, terms),
                    cancelled.get());
        } catch (ArithmeticException e) {
            throw new StyleTransferException(Kind.ENGINE, "optimisation diverged: " + e.getMessage(), e);
        }
    }

    /**
     * An interrupted thread (a cancelled {@code Future}, a stopping executor, Ctrl-C in the CLI)
     * ends the run here, its interrupt still set.
     */
    private static void stopIfInterrupted(int done, GatysOptions o) {
        if (Thread.currentThread().isInterrupted()) {
            throw new StyleTransferException(
                    Kind.CANCELLED,
                    "interrupted after " + done + " of " + o.iterations() + " iterations; nothing was written");
        }
    }

    private static NetworkSpec loadNetwork(StyleTransfer job, String contentLayer, Set<String> styleLayers) {
        Set<String> layers = new LinkedHashSet<>(styleLayers);
        layers.add(contentLayer);
        try {
            return job.features().load(job.repository(), layers);
        } catch (IOException e) {
            throw new StyleTransferException(
                    Kind.NOT_FOUND, "feature network " + job.features() + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new StyleTransferException(Kind.BAD_INPUT, e.getMessage(), e);
        }
    }

    private static FloatTensor startImage(StyleTransfer job, GatysOptions o, FloatTensor content) {
        return switch (o.init()) {
            case CONTENT -> content.copy();
            case RANDOM -> {
                SplittableRandom random = new SplittableRandom(o.seed());
                float[] noise = new float[content.data().length];
                for (int i = 0; i < noise.length; i++) {
                    noise[i] = (float) random.nextDouble();
                }
                yield content.withData(noise);
            }
            case IMAGE -> ImageTensors.toTensor(Images.resize(
                    o.initImage().orElseThrow().read(job.maxInputPixels()), content.width(), content.height()));
        };
    }

    private static BufferedImage render(FloatTensor optimised, FloatTensor content, GatysOptions o) {
        return ImageTensors.toImage(o.preserveColors() ? Luminance.recolor(optimised, content) : optimised);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
