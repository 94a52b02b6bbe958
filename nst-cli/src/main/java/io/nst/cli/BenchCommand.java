package io.nst.cli;

import io.nst.OnePassOptions;
import io.nst.internal.ImageTensors;
import io.nst.models.internal.ArbitraryStyleNetworks;
import io.nst.net.FloatTensor;
import io.nst.net.NetworkSpec;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import io.nst.spi.CompiledNetwork;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code nst bench TARGET}: each method's time next to the bare engine on the same machine, as
 * tables; {@code nst bench docs} runs them all and writes {@code docs/performance.md} with plots.
 */
@Command(
        name = "bench",
        description = "Benchmarks; prints tables. Targets: gatys, fast, tiles, precision, train, arbitrary,"
                + " video, or docs (all but train, written to --out with plots).")
final class BenchCommand implements Callable<Integer> {

    @Parameters(
            index = "0",
            description = "What to measure: gatys, fast, tiles, precision, train, arbitrary, video, or docs.")
    String target;

    @Option(
            names = "--plot",
            description = "fast, arbitrary: also draw ms per image against size per backend, bare engine"
                    + " and the matrix-multiply yardstick, as a PNG; video: the before-and-after strip.")
    Path plot;

    @Option(
            names = "--out",
            defaultValue = "docs/performance.md",
            description = "docs: the Markdown file to write (plots beside it).")
    Path out;

    @Option(
            names = "--sizes",
            split = ",",
            description = "Sides in pixels (default 256,512 for gatys; 256,512,1024 for fast).")
    List<Integer> sizes;

    @Option(names = "--repeats", defaultValue = "15", description = "Measured repetitions.")
    int repeats;

    @Option(
            names = "--backend",
            description = "Backend name (default: every one for fast, tiles and arbitrary; the best for the rest).")
    String backend;

    /** Every table printed so far, for {@code docs}. */
    private final List<BenchTable> tables = new ArrayList<>();

    /** The matrix-multiply rate, measured once per run. */
    private double matrixMultiplyGflops;

    @Override
    public Integer call() throws Exception {
        if (repeats < 2) {
            throw new IllegalArgumentException("--repeats must be at least 2");
        }
        if (plot != null && !target.equals("fast") && !target.equals("arbitrary") && !target.equals("video")) {
            throw new IllegalArgumentException("--plot draws fast, arbitrary and video only, not " + target);
        }
        // As the SDK's model zoo does: the bare-engine and matrix-multiply measurements use DJL
        // directly, and an engine started that way would miss the backends' settings.
        Backends.available().forEach(Backend::startEngine);
        switch (target) {
            case "gatys" -> gatys(sizes != null ? sizes : List.of(256, 512));
            case "fast" -> fast(sizes != null ? sizes : List.of(256, 512, 1024), plot);
            case "train" -> train(sizes != null ? sizes : List.of(256));
            case "arbitrary" -> arbitrary(sizes != null ? sizes : List.of(256, 512, 1024), plot);
            case "tiles" -> tiles(sizes != null ? sizes : List.of(1400, 2800));
            case "precision" -> precision(sizes != null ? sizes : List.of(512, 1024));
            case "video" -> video(sizes != null ? sizes : List.of(512), plot);
            case "docs" -> docs();
            default -> throw new IllegalArgumentException("unknown benchmark '" + target
                    + "'; available: gatys, fast, tiles, precision, train, arbitrary, video, docs");
        }
        return 0;
    }

    /**
     * Every benchmark but training at its default sizes, then {@link #out} written whole: the
     * machine, each table, and the fast and arbitrary plots beside it.
     */
    private void docs() throws Exception {
        Path dir = out.toAbsolutePath().getParent();
        Path fastPlot = dir.resolve("performance-fast.png");
        Path arbitraryPlot = dir.resolve("performance-arbitrary.png");
        fast(List.of(256, 512, 1024), fastPlot);
        arbitrary(List.of(256, 512, 1024), arbitraryPlot);
        tiles(List.of(1400));
        precision(List.of(512, 1024));
        gatys(List.of(256, 512));
        video(List.of(512), dir.resolve("images/video-strip.jpg"));
        StringBuilder text = new StringBuilder("# Performance\n\n");
        text.append("Written by `./nst bench docs")
                .append(backend == null ? "" : " --backend " + backend)
                .append(" --repeats ")
                .append(repeats)
                .append("` on ")
                .append(java.time.LocalDate.now())
                .append(" (do not edit; run it again). Machine: ")
                .append(MachineDescription.cpu())
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores, Java ")
                .append(Runtime.version())
                .append(String.format(", PyTorch's float32 matrix multiply %.0f GFLOP/s.\n\n", matrixMultiplyGflops()));
        text.append("![fast method](").append(fastPlot.getFileName()).append(")\n\n");
        text.append("![arbitrary method](").append(arbitraryPlot.getFileName()).append(")\n\n");
        tables.forEach(table -> text.append(table.markdown()));
        byte[] bytes = text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.nio.file.Files.createDirectories(dir);
        io.nst.internal.AtomicFiles.write(out, part -> java.nio.file.Files.write(part, bytes));
        System.out.println("wrote " + out);
    }

    /**
     * Video at each frame width: flicker, style and speed of the stabilised method against
     * per-frame stylization ({@code 2 * repeats} frames), a 480p clip against real time and the
     * memory over a 1,000-frame clip (ONNX Runtime, or {@code --backend}); with {@code strip}, the
     * docs' before-and-after picture there.
     */
    private void video(List<Integer> widths, Path strip) throws Exception {
        VideoBench bench = new VideoBench();
        int frames = 2 * repeats;
        for (int width : widths) {
            BenchTable flicker = table(
                    "Video: flicker (fast and arbitrary methods, " + width + " px wide)",
                    String.format(
                            Locale.ROOT,
                            "%d frames of a photo panned %d px a frame with noise (sigma 4 grey levels); separate"
                                    + " images and stabilised (%s) timed alternately frame by frame. Temporal error:"
                                    + " mean absolute difference in grey levels between each output and the previous"
                                    + " one warped by the input's optical flow, on reliable pixels. Style: Gatys style"
                                    + " loss (Tiny Darknet) to the painting.",
                            frames,
                            2,
                            io.nst.video.VideoStylizer.DEFAULT_STABILITY),
                    "backend",
                    "method",
                    "separate frames/s",
                    "stabilised frames/s",
                    "speed kept",
                    "per-frame error",
                    "stabilised error",
                    "ratio",
                    "per-frame style",
                    "stabilised style",
                    "style change");
            bench.flicker(flicker, backendsThatCan(Capability.FAST_INFERENCE), width, frames);
        }
        Backend engine = Backends.select(backend == null ? "onnxruntime" : backend, Capability.FAST_INFERENCE);
        BenchTable realTime = table(
                "Video: a clip end to end against real time",
                "Stabilised; H.264 MP4 with AAC audio in and out, 25 frames/s.",
                "backend",
                "method",
                "clip",
                "seconds",
                "frames/s",
                "x real time");
        // Issue 20's yardstick: ten seconds, so that start-up weighs as it does on a real clip.
        bench.realTime(realTime, engine, 480, 10);
        BenchTable memory = table(
                "Video: memory over a long clip",
                "Fast method (wave), stabilised, in a JVM of its own with a fixed 768 MB heap touched at start; its resident"
                        + " memory after frame 100, halfway and after the last.",
                "backend",
                "clip",
                "RSS MB at frame 100",
                "halfway",
                "at the end",
                "change");
        bench.memory(memory, engine, 192, 1000);
        if (strip != null) {
            bench.strip(strip, engine);
        }
    }

    private BenchTable table(String title, String conditions, String... columns) {
        BenchTable table = new BenchTable(System.out, title, conditions, columns);
        tables.add(table);
        return table;
    }

    private double matrixMultiplyGflops() {
        if (matrixMultiplyGflops == 0) {
            matrixMultiplyGflops = MatrixMultiplyRate.gflops();
        }
        return matrixMultiplyGflops;
    }

    /**
     * Milliseconds per square image for each backend that runs the fast method, the model loaded
     * once and the image conversion included, and the effective GFLOP/s next to this machine's
     * single-precision matrix-multiply rate; then the bare compiled network on a ready tensor
     * (no conversion, padding or cropping) and the ratio of the two.
     */
    private void fast(List<Integer> sides, Path plotFile) throws Exception {
        ModelRepository repository = ModelRepository.fromEnvironment();
        NetworkSpec wave = io.nst.fast.internal.TransferModels.load("wave", repository);
        double rate = matrixMultiplyGflops();
        BenchTable table = table(
                "Fast method (wave network)",
                String.format(
                        "Matrix multiply (PyTorch, 2048x2048, float32): %.0f GFLOP/s on %d cores; median of %d"
                                + " pairs, the SDK and the bare engine timed alternately.",
                        rate, Runtime.getRuntime().availableProcessors(), repeats),
                "backend",
                "size",
                "ms/image",
                "GFLOP/s",
                "bare engine ms",
                "SDK / bare");
        BenchPlot chart =
                new BenchPlot("Fast method (wave), " + Runtime.getRuntime().availableProcessors() + " cores");
        for (Backend engine : backendsThatCan(Capability.FAST_INFERENCE)) {
            try (io.nst.fast.FastStylizer stylizer = io.nst.fast.FastStylizer.builder()
                            .model("wave")
                            .backend(engine.name())
                            .repository(repository)
                            .build();
                    CompiledNetwork bare = engine.compile(wave, false)) {
                for (int side : sides) {
                    BufferedImage image = BenchSamples.testCard(side, side, 3);
                    FloatTensor tensor = ImageTensors.toTensor(image);
                    BenchSamples.Paired timed =
                            BenchSamples.paired(() -> stylizer.stylize(image), () -> bare.apply(tensor), repeats);
                    double seconds = timed.first();
                    double bareSeconds = timed.second();
                    double gflops = 2.0 * wave.multiplyAdds(side, side) / seconds / 1e9;
                    table.add(
                            engine.name(),
                            side,
                            String.format("%.0f", seconds * 1e3),
                            String.format("%.1f", gflops),
                            String.format("%.0f", bareSeconds * 1e3),
                            String.format("%.2f", timed.ratio()));
                    chart.add(engine.name(), side, seconds * 1e3, bareSeconds * 1e3);
                }
            }
        }
        if (plotFile != null) {
            chart.write(
                    plotFile,
                    String.format("multiply-adds at %.0f GFLOP/s", rate),
                    side -> 2.0 * wave.multiplyAdds(side, side) / rate / 1e6);
        }
    }

    /** {@link PrecisionBench}: each reduced precision against float32 on each backend that runs it. */
    private void precision(List<Integer> sides) throws Exception {
        PrecisionBench bench = new PrecisionBench(ModelRepository.fromEnvironment(), repeats);
        BenchTable table = table(
                "Precision: bf16 and int8 against float32 (fast method)",
                String.format(
                        "Median of %d pairs on %d cores, fp32 and the reduced precision timed alternately;"
                                + " grey-level differences over %d photos the int8 calibration never saw.",
                        repeats, Runtime.getRuntime().availableProcessors(), bench.photos()),
                "backend",
                "precision",
                "model",
                "size",
                "fp32 ms",
                "reduced ms",
                "speed",
                "mean grey",
                "max grey",
                "style shift");
        Map<io.nst.Precision, Capability> reduced = new java.util.LinkedHashMap<>();
        reduced.put(io.nst.Precision.BF16, Capability.BF16_INFERENCE);
        reduced.put(io.nst.Precision.INT8, Capability.INT8_INFERENCE);
        for (var precision : reduced.entrySet()) {
            for (Backend engine : backendsThatCan(precision.getValue())) {
                bench.rows(table, engine, precision.getKey(), sides);
            }
        }
    }

    /**
     * The arbitrary method per backend: the style predictor (one 256x256 painting) and the
     * transformer at each size, as the SDK runs them ({@code ArbitraryStylizer}, image conversion
     * and padding included) next to the same networks run bare on ready tensors.
     */
    private void arbitrary(List<Integer> sides, Path plotFile) throws Exception {
        ModelRepository repository = ModelRepository.fromEnvironment();
        NetworkSpec predictor = io.nst.models.internal.ArbitraryStyleNetworks.predictor(repository);
        NetworkSpec transformer = io.nst.models.internal.ArbitraryStyleNetworks.transformer(repository);
        BenchTable table = table(
                "Arbitrary method (style predictor on a 256x256 painting, transformer per size)",
                String.format(
                        "Median of %d pairs on %d cores, the SDK and the bare engine timed alternately.",
                        repeats, Runtime.getRuntime().availableProcessors()),
                "backend",
                "network",
                "size",
                "ms",
                "bare engine ms",
                "SDK / bare");
        BenchPlot chart = new BenchPlot(
                "Arbitrary method (transformer), " + Runtime.getRuntime().availableProcessors() + " cores");
        BufferedImage painting =
                BenchSamples.testCard(ArbitraryStyleNetworks.STYLE_SIZE, ArbitraryStyleNetworks.STYLE_SIZE, 5);
        for (Backend engine : backendsThatCan(Capability.FAST_INFERENCE)) {
            try (io.nst.fast.ArbitraryStylizer stylizer = io.nst.fast.ArbitraryStylizer.builder()
                            .backend(engine.name())
                            .repository(repository)
                            .build();
                    CompiledNetwork barePredictor = engine.compile(predictor, false)) {
                io.nst.fast.StyleVector style = stylizer.styleOf(painting);
                FloatTensor paintingTensor = ImageTensors.toTensor(painting);
                BenchSamples.Paired predicted = BenchSamples.paired(
                        () -> stylizer.styleOf(painting), () -> barePredictor.apply(paintingTensor), repeats);
                double seconds = predicted.first();
                double bare = predicted.second();
                table.add(
                        engine.name(),
                        "predictor",
                        256,
                        String.format("%.1f", seconds * 1e3),
                        String.format("%.1f", bare * 1e3),
                        String.format("%.2f", predicted.ratio()));
                try (CompiledNetwork bareTransformer = engine.compile(transformer, false)) {
                    for (int side : sides) {
                        BufferedImage photo = BenchSamples.testCard(side, side, 6);
                        FloatTensor tensor = ImageTensors.toTensor(photo);
                        BenchSamples.Paired timed = BenchSamples.paired(
                                () -> stylizer.stylize(photo, style),
                                () -> bareTransformer.apply(tensor, style.values()),
                                repeats);
                        double t = timed.first();
                        double tBare = timed.second();
                        table.add(
                                engine.name(),
                                "transformer",
                                side,
                                String.format("%.1f", t * 1e3),
                                String.format("%.1f", tBare * 1e3),
                                String.format("%.2f", timed.ratio()));
                        chart.add(engine.name(), side, t * 1e3, tBare * 1e3);
                    }
                }
            }
        }
        if (plotFile != null) {
            double rate = matrixMultiplyGflops();
            chart.write(
                    plotFile,
                    String.format("multiply-adds at %.0f GFLOP/s", rate),
                    side -> 2.0 * transformer.multiplyAdds(side, side) / rate / 1e6);
        }
    }

    /** The backend asked for (refused if it cannot), else every one on the class path that can. */
    private List<Backend> backendsThatCan(Capability needed) {
        if (backend != null) {
            return List.of(Backends.select(backend, needed));
        }
        return Backends.available().stream()
                .filter(engine -> engine.capabilities().contains(needed))
                .toList();
    }

    /**
     * The fast method on photos of each width (4:3) whole and in the default tiles, per backend:
     * what tiling costs in time. At most 3 repetitions, as a large untiled photo takes long.
     */
    private void tiles(List<Integer> widths) throws Exception {
        int times = Math.min(repeats, 3);
        BenchTable table = table(
                "Tiles (fast method, wave)",
                String.format(
                        "Median of %d pairs on %d cores, whole and tiled timed alternately; tiles of %d px.",
                        times, Runtime.getRuntime().availableProcessors(), OnePassOptions.DEFAULT_MAX_TILE),
                "backend",
                "photo",
                "whole ms",
                "tiled ms",
                "tiled / whole");
        for (Backend engine : backendsThatCan(Capability.FAST_INFERENCE)) {
            io.nst.fast.FastStylizer.Builder builder = io.nst.fast.FastStylizer.builder()
                    .model("wave")
                    .backend(engine.name())
                    .repository(ModelRepository.fromEnvironment());
            try (io.nst.fast.FastStylizer whole =
                            builder.maxTile(Integer.MAX_VALUE).build();
                    io.nst.fast.FastStylizer tiled =
                            builder.maxTile(OnePassOptions.DEFAULT_MAX_TILE).build()) {
                for (int width : widths) {
                    BufferedImage photo = BenchSamples.testCard(width, width * 3 / 4, 7);
                    BenchSamples.Paired timed =
                            BenchSamples.paired(() -> whole.stylize(photo), () -> tiled.stylize(photo), times);
                    double wholeSeconds = timed.first();
                    double tiledSeconds = timed.second();
                    table.add(
                            engine.name(),
                            width + "x" + width * 3 / 4,
                            String.format("%.0f", wholeSeconds * 1e3),
                            String.format("%.0f", tiledSeconds * 1e3),
                            String.format("%.2f", 1 / timed.ratio()));
                }
            }
        }
    }

    /**
     * Training throughput (images per second, batch 4, Tiny Darknet features) for each network
     * width, on generated photos, after two warm-up steps.
     */
    private void train(List<Integer> sides) throws Exception {
        ModelRepository repository = ModelRepository.fromEnvironment();
        BenchTable table = table(
                "Training",
                String.format(
                        "Backend %s, %d cores, batch 4, median step of %d.",
                        Backends.select(backend, Capability.TRAINING).name(),
                        Runtime.getRuntime().availableProcessors(),
                        repeats),
                "width",
                "size",
                "images/s",
                "s/step");
        new TrainBench(repository, backend, repeats).measure(table, sides);
    }

    private void gatys(List<Integer> sizes) throws Exception {
        Backend engine = Backends.select(backend, Capability.GATYS_GRADIENTS);
        BenchTable table = table(
                "Gatys (seconds per iteration against the bare loss and gradient)",
                String.format(
                        "Backend %s, %d cores, median of %d, each iteration followed by one bare evaluation.",
                        engine.name(), Runtime.getRuntime().availableProcessors(), repeats),
                "network",
                "size",
                "fwd+bwd s",
                "L-BFGS s/iter",
                "overhead",
                "Adam s/iter",
                "overhead");
        GatysBench bench = new GatysBench(ModelRepository.fromEnvironment(), engine, repeats);
        bench.measure(table, sizes);
        BenchTable contention = table(
                "Gatys with another process keeping a core busy",
                String.format(
                        "Backend %s, %d cores, Tiny Darknet, L-BFGS, the sample photo and Starry Night; OpenMP"
                                + " wait policy %s; median of %d runs of 10 iterations each way, alternately, after"
                                + " one untimed.",
                        engine.name(),
                        Runtime.getRuntime().availableProcessors(),
                        Objects.requireNonNullElse(System.getenv("OMP_WAIT_POLICY"), "PASSIVE (the SDK's)"),
                        repeats),
                "size",
                "quiet s/iter",
                "busy s/iter",
                "slowdown");
        bench.measureContention(contention, sizes);
        int iterations = 200;
        BenchTable quality = table(
                "Gatys: the loss reached per second",
                String.format(
                        "Backend %s, %d cores, Tiny Darknet, L-BFGS from the photo, %d iterations at %d px, or the"
                                + " first half at half the size and the result scaled up to start the second half;"
                                + " one run each after an untimed one. Loss reached per second: the drop from the"
                                + " full-size start's loss over the run's seconds. Style distance: the result's"
                                + " style loss against the painting.",
                        engine.name(), Runtime.getRuntime().availableProcessors(), iterations, sizes.get(0)),
                "pair",
                "schedule",
                "iterations",
                "seconds",
                "final loss",
                "loss reached per second",
                "style distance");
        bench.measureQuality(quality, sizes.get(0), iterations);
    }
}
