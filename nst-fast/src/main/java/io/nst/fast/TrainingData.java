package io.nst.fast;

import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.internal.ImageTensors;
import io.nst.net.FloatTensor;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The photos of a training folder (recursively, JPEG and PNG) as a deterministic stream of
 * random square crops: sample {@code k} depends only on the seed and {@code k}, so a resumed run
 * sees exactly the photos and crops an uninterrupted one would.
 */
final class TrainingData {

    private final List<Path> files;
    private final int size;
    private final long seed;
    private final Consumer<String> onSkipped;
    private final Set<Path> unreadable = new HashSet<>();
    private List<Integer> order;
    private long orderEpoch = -1;

    TrainingData(Path folder, int size, long seed, Consumer<String> onSkipped) {
        if (!Files.isDirectory(folder)) {
            throw new StyleTransferException(Kind.NOT_FOUND, folder + ": not a folder of training photos");
        }
        try (Stream<Path> walk = Files.walk(folder)) {
            this.files = walk.filter(Files::isRegularFile)
                    .filter(p -> Images.isImageName(p.getFileName().toString()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new StyleTransferException(Kind.IO, folder + ": cannot be listed: " + e.getMessage(), e);
        }
        if (files.isEmpty()) {
            throw new StyleTransferException(
                    Kind.BAD_INPUT, folder + ": no " + Images.READABLE_FORMATS + " photos to train on");
        }
        this.size = size;
        this.seed = seed;
        this.onSkipped = onSkipped;
    }

    int count() {
        return files.size();
    }

    /**
     * The crop for sample {@code k} and the sample index after it (unreadable photos are
     * skipped, deterministically).
     */
    Sample sample(long k) {
        long index = k;
        for (int tries = 0; tries <= files.size(); tries++, index++) {
            Path file = fileFor(index);
            if (unreadable.contains(file)) {
                continue;
            }
            try {
                return new Sample(
                        crop(Images.read(file), new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index)), index + 1);
            } catch (StyleTransferException e) {
                unreadable.add(file);
                onSkipped.accept(e.getMessage());
            }
        }
        throw new StyleTransferException(
                Kind.BAD_INPUT, "none of the " + files.size() + " training photos can be read");
    }

    record Sample(FloatTensor image, long next) {}

    private Path fileFor(long k) {
        long epoch = k / files.size();
        if (epoch != orderEpoch) {
            List<Integer> shuffled = new ArrayList<>();
            for (int i = 0; i < files.size(); i++) {
                shuffled.add(i);
            }
            Collections.shuffle(shuffled, new Random(seed * 31 + epoch));
            order = shuffled;
            orderEpoch = epoch;
        }
        return files.get(order.get((int) (k % files.size())));
    }

    /** Scaled so that the short side is 1 to 1.25 times the crop size, then a random square crop. */
    private FloatTensor crop(BufferedImage image, SplittableRandom random) {
        double scale = size * (1 + 0.25 * random.nextDouble()) / Math.min(image.getWidth(), image.getHeight());
        int w = Math.max(size, (int) Math.round(image.getWidth() * scale));
        int h = Math.max(size, (int) Math.round(image.getHeight() * scale));
        BufferedImage scaled = Images.resize(image, w, h);
        int x = random.nextInt(w - size + 1);
        int y = random.nextInt(h - size + 1);
        return ImageTensors.toTensor(scaled.getSubimage(x, y, size, size));
    }
}
