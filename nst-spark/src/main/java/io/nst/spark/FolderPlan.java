package io.nst.spark;

import io.nst.Images;
import io.nst.video.VideoStylizer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * What a folder-to-folder job will do with every file under its input folder, decided on the
 * driver before any work: each image and clip gets its output at the same relative path under the
 * output folder (GIF as PNG), and every other file, and every one that cannot be done, gets a reason.
 * Paths are Hadoop paths: any legal file name (spaces, {@code %}, {@code #}, {@code :}, Unicode)
 * is carried as an encoded URI and never parsed as text.
 */
final class FolderPlan {

    /** How deep folders are followed; deeper means a loop of links. */
    private static final int MAX_DEPTH = 64;

    private final Path in;
    private final Path out;
    /** Rows of {@code input}, {@code output} (encoded URIs) and {@code relative} path, to stylize. */
    final List<Row> work = new ArrayList<>();
    /** Rows of {@link SparkStylizer#OUTCOMES} for the files decided here. */
    final List<Row> decided = new ArrayList<>();

    private FolderPlan(Path in, Path out) {
        this.in = in;
        this.out = out;
    }

    /**
     * Lists {@code input} recursively and plans every file.
     *
     * @throws IllegalArgumentException if the input is not a folder, or the output is the input
     *     or lies inside it (a rerun would stylize the first run's outputs)
     * @throws UncheckedIOException if the input cannot be listed
     */
    static FolderPlan of(String input, String output, Configuration conf) {
        try {
            Path inPath = new Path(input);
            FileSystem inFs = inPath.getFileSystem(conf);
            Path in = inFs.makeQualified(inPath);
            Path outPath = new Path(output);
            Path out = outPath.getFileSystem(conf).makeQualified(outPath);
            if (!inFs.getFileStatus(in).isDirectory()) {
                throw new IllegalArgumentException(input + ": not a folder; give the folder of photos");
            }
            if (inside(out, in)) {
                throw new IllegalArgumentException("the output folder " + output + " is inside the input folder "
                        + input + ": a second run would stylize the first one's results; choose a folder outside it");
            }
            FolderPlan plan = new FolderPlan(in, out);
            plan.walk(inFs, in, 0);
            return plan;
        } catch (IOException e) {
            throw new UncheckedIOException(input + ": cannot be listed: " + e.getMessage(), e);
        }
    }

    private static boolean inside(Path child, Path parent) {
        URI c = child.toUri().normalize();
        URI p = parent.toUri().normalize();
        String cs = c.getPath().endsWith("/") ? c.getPath() : c.getPath() + "/";
        String ps = p.getPath().endsWith("/") ? p.getPath() : p.getPath() + "/";
        return String.valueOf(c.getScheme()).equals(String.valueOf(p.getScheme()))
                && String.valueOf(c.getAuthority()).equals(String.valueOf(p.getAuthority()))
                && cs.startsWith(ps);
    }

    /** One entry of a folder: a Hadoop path, and what it is. */
    private record Entry(Path path, boolean folder, boolean regular, long length) {}

    /**
     * A folder's entries, sorted. A local folder is listed by Java, which also sees what Hadoop's
     * listing leaves out without a word (dangling links).
     */
    private static List<Entry> list(FileSystem fs, Path folder) throws IOException {
        List<Entry> entries = new ArrayList<>();
        if ("file".equals(folder.toUri().getScheme())) {
            try (Stream<java.nio.file.Path> children = Files.list(local(folder))) {
                for (java.nio.file.Path child : children.toList()) {
                    boolean regular = Files.isRegularFile(child);
                    entries.add(new Entry(
                            new Path(child.toUri()),
                            Files.isDirectory(child),
                            regular,
                            regular ? Files.size(child) : 0));
                }
            }
        } else {
            for (FileStatus status : fs.listStatus(folder)) {
                entries.add(new Entry(status.getPath(), status.isDirectory(), status.isFile(), status.getLen()));
            }
        }
        // Photos written under their own names first: one of them keeps its name when a GIF, TIFF or
        // WebP of the same name would be written as the same PNG.
        entries.sort(Comparator.comparing((Entry e) ->
                        !Images.outputName(e.path().getName()).equals(e.path().getName()))
                .thenComparing(e -> e.path().toUri().toString()));
        return entries;
    }

    private void walk(FileSystem fs, Path folder, int depth) throws IOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("interrupted while listing " + folder);
        }
        Map<String, String> outputs = new HashMap<>();
        for (Entry entry : list(fs, folder)) {
            String relative = relative(entry.path());
            if (entry.folder()) {
                if (depth + 1 >= MAX_DEPTH) {
                    skip(relative, "folders nested deeper than " + MAX_DEPTH + " (a loop of links?) are not followed");
                } else {
                    walk(fs, entry.path(), depth + 1);
                }
                continue;
            }
            String name = entry.path().getName();
            if (!Images.isImageName(name) && !VideoStylizer.isClip(java.nio.file.Path.of(name))) {
                skip(relative, "not an image name (" + Images.READABLE_FORMATS + ") or a clip (MP4, MOV, WebM, MKV)");
                continue;
            }
            if (!entry.regular()) {
                skip(relative, "not a regular file (a pipe, a device or a dangling link)");
                continue;
            }
            if (entry.length() == 0) {
                decided.add(outcome(relative, null, "failed", "the file is empty"));
                continue;
            }
            String outputName = Images.outputName(name);
            // Compared without case: names differing only in case are one file on some file systems.
            String clash = outputs.putIfAbsent(outputName.toLowerCase(Locale.ROOT), relative);
            if (clash != null) {
                skip(
                        relative,
                        "its output would be the same file as " + clash
                                + "'s (GIF, TIFF and WebP are written as PNG); rename one");
                continue;
            }
            String outputRelative = relative.substring(0, relative.length() - name.length()) + outputName;
            Path target = new Path(out, new Path(null, null, outputRelative));
            work.add(RowFactory.create(
                    entry.path().toUri().toASCIIString(), target.toUri().toASCIIString(), relative, outputRelative));
        }
    }

    /** A {@code file:} Hadoop path as a Java one (its URI in ASCII: Java refuses raw Unicode there). */
    static java.nio.file.Path local(Path path) {
        return java.nio.file.Path.of(URI.create(path.toUri().toASCIIString()));
    }

    /** {@code file}'s path below the input folder, decoded, with {@code /} between folders. */
    private String relative(Path file) {
        return in.toUri().relativize(file.toUri()).getPath();
    }

    private void skip(String relative, String reason) {
        decided.add(outcome(relative, null, "skipped", reason));
    }

    static Row outcome(String input, String output, String status, String reason) {
        return RowFactory.create(input, output, status, reason);
    }
}
