package io.nst.cli;

import io.nst.Images;
import io.nst.Precision;
import io.nst.StyleTransferException;
import io.nst.fast.FastStylizer;
import io.nst.repo.ModelRepository;
import io.nst.spi.Backend;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code nst bench precision}: each reduced precision against float32 on photos the int8
 * calibration never saw (the two sample photos and four validation photos of the training set),
 * scaled to each size.
 */
final class PrecisionBench {

    private final ModelRepository repository;
    private final int repeats;
    private final List<String> photos =
            new ArrayList<>(List.of("images/content/tubingen.jpg", "images/content/golden_gate.jpg"));

    PrecisionBench(ModelRepository repository, int repeats) {
        this.repository = repository;
        this.repeats = repeats;
        List<String> validation = repository.idsUnder("datasets/bsds500/val/");
        for (int i = 0; i < 4; i++) {
            photos.add(validation.get(i * validation.size() / 4));
        }
    }

    /** How many photos the differences are taken over. */
    int photos() {
        return photos.size();
    }

    /**
     * The rows for {@code precision} on {@code engine}, a model and a size a row: the median time
     * of float32 and of {@code precision} and their ratio, and how far the reduced precision's
     * pixels are from float32's (mean and largest difference in grey levels, over all photos) and
     * its style (the largest {@link StyleDistance#shift} over the photos).
     */
    void rows(BenchTable table, Backend engine, Precision precision, List<Integer> sides) throws IOException {
        for (String model : List.of("wave", "udnie")) {
            for (int side : sides) {
                FastStylizer.Builder builder = FastStylizer.builder()
                        .model(model)
                        .backend(engine.name())
                        .repository(repository)
                        .size(side);
                try (FastStylizer fp32 = builder.build();
                        FastStylizer reduced = builder.precision(precision).build()) {
                    double sum = 0;
                    long values = 0;
                    int largest = 0;
                    double styleShift = 0;
                    for (String id : photos) {
                        BufferedImage photo = Images.read(repository.resolve(id));
                        BufferedImage full = fp32.stylize(photo);
                        BufferedImage cheap = reduced.stylize(photo);
                        styleShift = Math.max(styleShift, StyleDistance.shift(repository, photo, full, cheap));
                        int[] a = rgb(full);
                        int[] b = rgb(cheap);
                        for (int i = 0; i < a.length; i++) {
                            for (int shift = 0; shift < 24; shift += 8) {
                                int d = Math.abs(((a[i] >> shift) & 255) - ((b[i] >> shift) & 255));
                                sum += d;
                                largest = Math.max(largest, d);
                                values++;
                            }
                        }
                    }
                    BufferedImage image = BenchSamples.testCard(side, side, 3);
                    BenchSamples.Paired timed =
                            BenchSamples.paired(() -> fp32.stylize(image), () -> reduced.stylize(image), repeats);
                    double fp32Seconds = timed.first();
                    double reducedSeconds = timed.second();
                    table.add(
                            engine.name(),
                            precision.name().toLowerCase(Locale.ROOT),
                            model,
                            side,
                            String.format("%.0f", fp32Seconds * 1e3),
                            String.format("%.0f", reducedSeconds * 1e3),
                            String.format("%.2f", timed.ratio()),
                            String.format("%.2f", sum / values),
                            largest,
                            String.format(Locale.ROOT, "%.1f %%", 100 * styleShift));
                } catch (StyleTransferException e) { // bf16 refused where its result was wrong: say so
                    System.err.println("nst: " + model + " at " + side + " px in " + precision + ": " + e.getMessage());
                    table.add(
                            engine.name(),
                            precision.name().toLowerCase(Locale.ROOT),
                            model,
                            side,
                            "-",
                            "refused",
                            "-",
                            "-",
                            "-",
                            "-");
                }
            }
        }
    }

    private static int[] rgb(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
