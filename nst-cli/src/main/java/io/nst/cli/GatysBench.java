package io.nst.cli;

import io.nst.FeatureNetwork;
import io.nst.ImageSource;
import io.nst.Images;
import io.nst.LossWeights;
import io.nst.Optimizer;
import io.nst.StyleTransfer;
import io.nst.StyleTransferResult;
import io.nst.internal.ImageTensors;
import io.nst.models.FeatureNetworks;
import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import io.nst.spi.GatysObjective;
import io.nst.spi.GatysProblem;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code nst bench gatys}: seconds per iteration of a real run (L-BFGS and Adam) against the bare
 * loss and gradient on the same engine, for Tiny Darknet and VGG19 on test cards.
 */
final class GatysBench {

    /** PyTorch plans its kernels for each new shape during the first calls. */
    private static final int WARM_UP = 3;

    private final ModelRepository repository;
    private final Backend engine;
    private final int repeats;

    GatysBench(ModelRepository repository, Backend engine, int repeats) {
        this.repository = repository;
        this.engine = engine;
        this.repeats = repeats;
    }

    /**
     * Fills {@code table} (network, size, fwd+bwd s, L-BFGS s/iter and overhead, Adam s/iter and
     * overhead) for Tiny Darknet and VGG19 at each of {@code sizes}.
     */
    void measure(BenchTable table, List<Integer> sizes) throws IOException {
        Map<String, FeatureNetwork> networks = new LinkedHashMap<>();
        networks.put("darknet-tiny", FeatureNetworks.darknetTiny());
        networks.put("vgg19 (random, relu1_1..relu5_1)", FeatureNetworks.vgg19().withRandomWeights(1));
        Map<String, Double> classicStyle = new LinkedHashMap<>();
        for (String layer : List.of("relu1_1", "relu2_1", "relu3_1", "relu4_1", "relu5_1")) {
            classicStyle.put(layer, 1.0);
        }
        for (var entry : networks.entrySet()) {
            FeatureNetwork network = entry.getValue();
            boolean vgg = network.name().equals("vgg19");
            String contentLayer = vgg ? "relu4_2" : network.defaultContentLayer();
            Map<String, Double> styleLayers = vgg ? classicStyle : network.defaultStyleLayers();
            Set<String> layers = new LinkedHashSet<>(styleLayers.keySet());
            layers.add(contentLayer);
            NetworkSpec spec = network.load(repository, layers);
            for (int size : sizes) {
                BufferedImage content = BenchSamples.testCard(size, size * 3 / 4, 1);
                BufferedImage style = BenchSamples.testCard(size, size, 2);
                GatysProblem problem = new GatysProblem(
                        spec,
                        ImageTensors.toTensor(content),
                        List.of(ImageTensors.toTensor(style)),
                        List.of(1.0),
                        contentLayer,
                        styleLayers,
                        LossWeights.DEFAULT);
                try (GatysObjective bare = engine.gatysObjective(problem, false)) {
                    java.util.function.Function<Optimizer, double[]> timed = optimizer -> interleaved(
                            bare,
                            engine,
                            network,
                            repository,
                            content,
                            style,
                            contentLayer,
                            styleLayers,
                            size,
                            optimizer);
                    double[] lbfgs = timed.apply(Optimizer.LBFGS);
                    double[] adam = timed.apply(Optimizer.ADAM);
                    table.add(
                            entry.getKey(),
                            size,
                            String.format("%.3f", (lbfgs[1] + adam[1]) / 2),
                            String.format("%.3f", lbfgs[0]),
                            String.format("%+.1f%%", 100 * lbfgs[2]),
                            String.format("%.3f", adam[0]),
                            String.format("%+.1f%%", 100 * adam[2]));
                }
            }
        }
    }

    /**
     * Fills {@code table} (size, quiet s/iter, busy s/iter, slowdown) for a default run (Tiny
     * Darknet, L-BFGS) of the sample photo and painting at each of {@code sizes}: each repeat times
     * one run while {@link CpuHog another process} keeps a core busy and one on a quiet machine.
     */
    void measureContention(BenchTable table, List<Integer> sizes) throws IOException {
        BufferedImage photo = Images.read(repository.resolve("images/content/tubingen.jpg"));
        BufferedImage painting = Images.read(repository.resolve("images/style/starry_night.jpg"));
        for (int size : sizes) {
            secondsPerIteration(photo, painting, size); // PyTorch plans its kernels for the new shapes
            double[] quiet = new double[repeats];
            double[] busy = new double[repeats];
            double[] ratio = new double[repeats];
            for (int i = 0; i < repeats; i++) {
                try (CpuHog hog = CpuHog.start()) {
                    busy[i] = secondsPerIteration(photo, painting, size);
                }
                quiet[i] = secondsPerIteration(photo, painting, size);
                ratio[i] = busy[i] / quiet[i];
            }
            table.add(
                    size,
                    String.format("%.3f", BenchSamples.median(quiet)),
                    String.format("%.3f", BenchSamples.median(busy)),
                    String.format("%.2fx", BenchSamples.median(ratio)));
        }
    }

    /**
     * Fills {@code table} (pair, schedule, iterations, seconds, final loss, loss reached per
     * second, style distance) for default runs (Tiny Darknet, L-BFGS, from the photo) of two
     * photo-and-painting pairs at {@code size}: all iterations at that size, and a coarse start
     * (the first half at half the size, the result scaled up as the start of the second half).
     * The loss reached per second is the drop from the full-size start's loss over the run's
     * seconds; the style distance is the result's style loss against the painting alone.
     */
    void measureQuality(BenchTable table, int size, int iterations) throws IOException {
        String[][] pairs = {{"tubingen.jpg", "starry_night.jpg"}, {"golden_gate.jpg", "picasso_selfport1907.jpg"}};
        for (String[] pair : pairs) {
            BufferedImage photo = Images.read(repository.resolve("images/content/" + pair[0]));
            BufferedImage painting = Images.read(repository.resolve("images/style/" + pair[1]));
            String name = pair[0].replace(".jpg", "") + " x " + pair[1].replace(".jpg", "");
            transfer(photo, painting, size, iterations).build().run(); // PyTorch plans its kernels for the new shapes
            StyleTransferResult whole =
                    transfer(photo, painting, size, iterations).build().run();
            StyleTransferResult coarse =
                    transfer(photo, painting, size / 2, iterations / 2).build().run();
            StyleTransferResult fine = transfer(photo, painting, size, iterations - iterations / 2)
                    .initFrom(ImageSource.of(coarse.image()))
                    .build()
                    .run();
            double start = whole.optimization().orElseThrow().initialLoss();
            try (StyleDistance distance = new StyleDistance(repository, painting, whole.image())) {
                addQualityRow(
                        table, name, "all at " + size + " px", iterations, whole, whole.seconds(), start, distance);
                addQualityRow(
                        table,
                        name,
                        "half at " + size / 2 + " px first",
                        iterations,
                        fine,
                        coarse.seconds() + fine.seconds(),
                        start,
                        distance);
            }
        }
    }

    /** A default Gatys run of {@code photo} in the style of {@code painting} on this engine. */
    private StyleTransfer.Builder transfer(BufferedImage photo, BufferedImage painting, int size, int iterations) {
        return StyleTransfer.builder()
                .content(photo)
                .style(painting)
                .size(size)
                .iterations(iterations)
                .backend(engine.name())
                .repository(repository);
    }

    /** One row of {@link #measureQuality}: a schedule's result, over its {@code seconds} in all. */
    private static void addQualityRow(
            BenchTable table,
            String pair,
            String schedule,
            int iterations,
            StyleTransferResult result,
            double seconds,
            double startLoss,
            StyleDistance distance) {
        double loss = result.optimization().orElseThrow().finalLoss();
        table.add(
                pair,
                schedule,
                iterations,
                String.format("%.1f", seconds),
                String.format("%.4g", loss),
                String.format("%.4g", (startLoss - loss) / seconds),
                String.format("%.4g", distance.of(result.image())));
    }

    /** Seconds per iteration of a default run after its warm-up. */
    private double secondsPerIteration(BufferedImage photo, BufferedImage painting, int size) {
        int timed = 10;
        double[] stamps = new double[WARM_UP + timed];
        int[] done = new int[1];
        StyleTransfer.builder()
                .content(photo)
                .style(painting)
                .size(size)
                .iterations(stamps.length)
                .backend(engine.name())
                .repository(repository)
                .progressEvery(1)
                .listener(p -> stamps[done[0]++] = p.elapsedSeconds())
                .build()
                .run();
        return (stamps[stamps.length - 1] - stamps[WARM_UP - 1]) / timed;
    }

    /**
     * Seconds per iteration of a real run and of the bare loss-and-gradient evaluation (medians),
     * and the median ratio of the two minus one, measured alternately: after each iteration the
     * progress listener times one bare evaluation, and that time is taken out of the next
     * iteration's. This machine's speed drifts by several per cent over seconds, so measuring the
     * two one after the other would compare drift.
     */
    private double[] interleaved(
            GatysObjective bare,
            Backend engine,
            FeatureNetwork network,
            ModelRepository repository,
            BufferedImage contentImage,
            BufferedImage style,
            String contentLayer,
            Map<String, Double> styleLayers,
            int size,
            Optimizer optimizer) {
        int iterations = WARM_UP + repeats;
        double[] stamps = new double[iterations];
        double[] listenerSeconds = new double[iterations];
        double[] bareSeconds = new double[iterations];
        int[] done = new int[1];
        StyleTransfer.builder()
                .content(contentImage)
                .style(style)
                .size(size)
                .iterations(iterations)
                .optimizer(optimizer)
                .features(network)
                .contentLayer(contentLayer)
                .styleLayers(styleLayers)
                .backend(engine.name())
                .repository(repository)
                .progressEvery(1)
                .listener(p -> {
                    long t0 = System.nanoTime();
                    // The image the optimiser has reached (8-bit): PyTorch's time depends on the
                    // values (it is faster near the content, where the content term vanishes).
                    float[] image = ImageTensors.toTensor(p.preview()).data();
                    float[] gradient = new float[image.length];
                    long t1 = System.nanoTime();
                    bare.evaluate(image, gradient);
                    long t2 = System.nanoTime();
                    stamps[done[0]] = p.elapsedSeconds();
                    listenerSeconds[done[0]] = (t2 - t0) / 1e9;
                    bareSeconds[done[0]] = (t2 - t1) / 1e9;
                    done[0]++;
                })
                .build()
                .run();
        double[] iteration = new double[repeats];
        double[] evaluation = new double[repeats];
        double[] ratio = new double[repeats];
        for (int i = 0; i < repeats; i++) {
            int k = WARM_UP + i;
            iteration[i] = stamps[k] - stamps[k - 1] - listenerSeconds[k - 1];
            evaluation[i] = bareSeconds[k - 1];
            ratio[i] = iteration[i] / evaluation[i];
        }
        // the overhead pairs each iteration with the bare evaluation just before it
        return new double[] {
            BenchSamples.median(iteration), BenchSamples.median(evaluation), BenchSamples.median(ratio) - 1
        };
    }
}
