package io.nst.cli;

import io.nst.Images;
import io.nst.fast.StyleTrainer;
import io.nst.repo.ModelRepository;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * {@code nst bench train}: seconds per training step (batch 4) for each network width, on eight
 * test cards, the median step after two untimed ones.
 */
final class TrainBench {

    private final ModelRepository repository;
    private final String backend;
    private final int repeats;

    /** @param backend the backend's name, or null for the best at training */
    TrainBench(ModelRepository repository, String backend, int repeats) {
        this.repository = repository;
        this.backend = backend;
        this.repeats = repeats;
    }

    /** Fills {@code table} (width, size, images/s, s/step) for every network width at each of {@code sides}. */
    void measure(BenchTable table, List<Integer> sides) throws Exception {
        Path style = repository.resolve("images/style/starry_night.jpg");
        Path photos = Files.createTempDirectory("nst-bench-photos");
        Path out = Files.createTempDirectory("nst-bench-model");
        try {
            for (int i = 0; i < 8; i++) {
                Images.write(BenchSamples.testCard(320, 320, i + 1), photos.resolve("photo" + i + ".png"));
            }
            for (StyleTrainer.Width width : StyleTrainer.Width.values()) {
                for (int side : sides) {
                    List<Double> stamps = new ArrayList<>();
                    long t0 = System.nanoTime();
                    StyleTrainer.builder()
                            .style(style)
                            .dataset(photos)
                            .output(out)
                            .size(side)
                            .batch(4)
                            .iterations(2 + repeats)
                            .width(width)
                            .backend(backend)
                            .repository(repository)
                            .progressEvery(1)
                            .listener(p -> stamps.add((System.nanoTime() - t0) / 1e9))
                            .build()
                            .train();
                    double[] steps = new double[repeats];
                    for (int i = 0; i < repeats; i++) {
                        steps[i] = stamps.get(2 + i) - stamps.get(1 + i);
                    }
                    double step = BenchSamples.median(steps);
                    table.add(
                            width.name().toLowerCase(Locale.ROOT),
                            side,
                            String.format("%.2f", 4 / step),
                            String.format("%.3f", step));
                }
            }
        } finally {
            for (Path dir : List.of(photos, out)) {
                try (var walk = Files.walk(dir)) {
                    for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(p);
                    }
                }
            }
        }
    }
}
