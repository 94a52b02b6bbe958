package io.nst.cli;

import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.Stylizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One photo, or a folder of photos, stylized one at a time by the one-pass commands: the checks of
 * the input and output paths, the loop that reports and skips an unreadable file of a folder, and
 * the figures of the report.
 */
final class PhotoBatch {

    /**
     * What a run did: images written, images skipped, seconds in all and reading, stylizing and
     * writing, and the last image's size.
     */
    record Outcome(
            int done,
            int failed,
            double seconds,
            double readSeconds,
            double stylizeSeconds,
            double writeSeconds,
            int width,
            int height) {}

    private final Path out;
    private final Report report;
    private final JpegQuality jpeg;
    private final boolean timings;
    /**
     * Seconds from the JVM's start to this batch, the tool's own start; taken only when a report or
     * the timings are asked for (the management classes cost 20 ms to load).
     */
    private final double startSeconds;

    private final boolean folder;
    private final List<Path> inputs;
    /** Each input's output file; an input missing here is skipped for the reason in {@link #clashes}. */
    private final Map<Path, Path> targets = new LinkedHashMap<>();

    private final Map<Path, String> clashes = new LinkedHashMap<>();

    /**
     * Checks {@code in} (given as option {@code inOption}), the output and the report, if any,
     * before anything is loaded: a file to a file, or a folder to another folder; no output on an
     * input ({@code in} or {@code otherInputs}, such as the paintings). With {@code --timings} the
     * run ends with a line saying where the time went.
     */
    PhotoBatch(Path in, String inOption, Map<String, Path> otherInputs, OnePassFlags flags) throws IOException {
        this.out = flags.out;
        this.report = flags.report;
        this.jpeg = flags.jpeg;
        this.timings = flags.timings;
        jpeg.check();
        this.startSeconds = timings || report.file != null ? secondsSinceJvmStart() : Double.NaN;
        this.folder = Files.isDirectory(in);
        if (!folder && !Files.isRegularFile(in)) {
            throw new StyleTransferException(
                    Files.exists(in) ? Kind.BAD_INPUT : Kind.NOT_FOUND,
                    in + (Files.exists(in) ? ": not a regular file (a device or pipe)" : ": no such file or folder"));
        }
        Map<String, Path> taken = new LinkedHashMap<>(otherInputs);
        taken.put(inOption, in);
        if (folder) {
            flags.outputs.checkFolder("--out", out, taken);
        } else {
            flags.outputs.checkImage("--out", out, taken);
        }
        report.checkBeside(flags.outputs, out, taken);
        this.inputs = folder ? imagesIn(in) : List.of(in);
        if (inputs.isEmpty()) {
            throw new StyleTransferException(
                    Kind.BAD_INPUT, in + ": no " + Images.READABLE_FORMATS + " images in this folder");
        }
        planOutputs();
    }

    /**
     * Names each input's output. Two inputs whose outputs would be one file (a GIF and a PNG of
     * the same name, or names differing only in case, one file on some file systems) are not
     * both written: an input written under its own name keeps it, and the other is skipped with
     * the reason.
     */
    private void planOutputs() {
        if (!folder) {
            targets.put(inputs.get(0), out);
            return;
        }
        Map<String, Path> taken = new LinkedHashMap<>();
        List<Path> ownNamesFirst = inputs.stream()
                .sorted(Comparator.comparing((Path input) -> !keepsItsName(input)))
                .toList();
        for (Path input : ownNamesFirst) {
            String name = Images.outputName(input.getFileName().toString());
            Path first = taken.putIfAbsent(name.toLowerCase(Locale.ROOT), input);
            if (first == null) {
                targets.put(input, out.resolve(name));
            } else {
                clashes.put(
                        input,
                        "its output " + name + " would be the same file as " + first.getFileName()
                                + "'s (GIF, TIFF and WebP are written as PNG); rename one");
            }
        }
    }

    private static boolean keepsItsName(Path input) {
        String name = input.getFileName().toString();
        return Images.outputName(name).equals(name);
    }

    /**
     * Stylizes every photo with {@code stylizer}, loaded in {@code loadSeconds}; writes the report
     * with {@code figures} and the run's counts and says what was written.
     *
     * @return the exit code: 0 when every photo was written, 1 when some were skipped
     */
    int stylizeAll(Stylizer stylizer, String method, double loadSeconds, Map<String, Object> figures)
            throws IOException {
        Outcome outcome = run(stylizer);
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("method", method);
        all.putAll(figures);
        all.put("backend", stylizer.backend());
        all.put("device", stylizer.device());
        all.put("width", outcome.width());
        all.put("height", outcome.height());
        all.put("images", outcome.done());
        all.put("failed", outcome.failed());
        all.put("startSeconds", startSeconds);
        all.put("loadSeconds", loadSeconds);
        all.put("readSeconds", outcome.readSeconds());
        all.put("stylizeSeconds", outcome.stylizeSeconds());
        all.put("writeSeconds", outcome.writeSeconds());
        all.put("seconds", outcome.seconds());
        all.put("secondsPerImage", outcome.done() == 0 ? Double.NaN : outcome.seconds() / outcome.done());
        report.write(all);
        System.err.printf(
                "wrote %d image(s) to %s in %.2f s (%s on %s, %s)%n",
                outcome.done(), out, outcome.seconds(), method, stylizer.backend(), stylizer.device());
        if (timings) {
            System.err.printf(
                    Locale.ROOT,
                    "timings: start %.2f s (JVM and tool), load %.2f s, read %.2f s, stylize %.2f s, write %.2f s%n",
                    startSeconds,
                    loadSeconds,
                    outcome.readSeconds(),
                    outcome.stylizeSeconds(),
                    outcome.writeSeconds());
        }
        return outcome.failed() == 0 ? 0 : 1;
    }

    /** Stylizes every photo; in a folder an unreadable one is reported and skipped, alone it fails the run. */
    private Outcome run(Stylizer stylizer) {
        long start = System.nanoTime();
        long reading = 0;
        long stylizing = 0;
        long writing = 0;
        int failed = 0;
        int width = 0;
        int height = 0;
        for (Path input : inputs) {
            if (Thread.currentThread().isInterrupted()) {
                throw interruptedAfter(inputs.indexOf(input) - failed);
            }
            Path target = targets.get(input);
            if (target == null) {
                failed++;
                System.err.println("nst: skipped " + input + ": " + clashes.get(input));
                continue;
            }
            try {
                long t0 = System.nanoTime();
                BufferedImage photo = Images.read(input);
                long t1 = System.nanoTime();
                BufferedImage result = stylizer.stylize(photo);
                long t2 = System.nanoTime();
                width = result.getWidth();
                height = result.getHeight();
                jpeg.write(result, target);
                reading += t1 - t0;
                stylizing += t2 - t1;
                writing += System.nanoTime() - t2;
                if (folder) {
                    System.err.printf(
                            "%d/%d %s (%.1f s)%n",
                            inputs.indexOf(input) + 1,
                            inputs.size(),
                            input.getFileName(),
                            (System.nanoTime() - start) / 1e9);
                }
            } catch (StyleTransferException e) {
                if (!folder) {
                    throw e;
                }
                if (e.kind() == Kind.CANCELLED) {
                    // Not a bad photo: the run was stopped in the middle of this one.
                    throw interruptedAfter(inputs.indexOf(input) - failed);
                }
                failed++;
                String why = e.getMessage();
                System.err.println("nst: skipped " + (why.startsWith(input.toString()) ? why : input + ": " + why));
            }
        }
        return new Outcome(
                inputs.size() - failed,
                failed,
                (System.nanoTime() - start) / 1e9,
                reading / 1e9,
                stylizing / 1e9,
                writing / 1e9,
                width,
                height);
    }

    private static double secondsSinceJvmStart() {
        return ManagementFactory.getRuntimeMXBean().getUptime() / 1e3;
    }

    private static StyleTransferException interruptedAfter(int written) {
        return new StyleTransferException(
                Kind.CANCELLED,
                "interrupted after " + written + " image(s); the ones written are whole, the rest were not started");
    }

    private static List<Path> imagesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            // Folders, pipes and dangling links with an image's name are kept, to be reported as skipped.
            return files.filter(p -> Images.isImageName(p.getFileName().toString()))
                    .sorted()
                    .toList();
        }
    }
}
