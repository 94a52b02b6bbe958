package io.nst.cli;

import io.nst.fast.FastStylizer;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code stylizations warmUp}: runs the fast method that many times per backend on one stylizer
 * and prints, per backend, the resident set size after the warm-up and at every 25th image after
 * it, as {@code backend rss1 rss2 ...} in kB. Run in its own JVM with a bounded heap.
 */
public final class Soak {

    private Soak() {}

    public static void main(String[] args) throws Exception {
        int stylizations = Integer.parseInt(args[0]);
        int warmUp = Integer.parseInt(args[1]);
        BufferedImage photo = new BufferedImage(128, 96, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 96; y++) {
            for (int x = 0; x < 128; x++) {
                photo.setRGB(x, y, (x * 2) << 16 | (y * 2) << 8 | (x + y));
            }
        }
        for (Backend backend : Backends.available()) {
            if (!backend.capabilities().contains(Capability.FAST_INFERENCE)) {
                continue;
            }
            StringBuilder line = new StringBuilder(backend.name());
            try (FastStylizer stylizer =
                    FastStylizer.builder().model("wave").backend(backend.name()).build()) {
                for (int i = 1; i <= stylizations; i++) {
                    stylizer.stylize(photo);
                    if (i >= warmUp && (i - warmUp) % 25 == 0) {
                        line.append(' ').append(residentKb());
                    }
                }
            }
            System.out.println(line);
        }
    }

    private static long residentKb() throws java.io.IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IllegalStateException("no VmRSS in /proc/self/status");
    }
}
