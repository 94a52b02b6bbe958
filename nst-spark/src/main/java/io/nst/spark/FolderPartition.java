package io.nst.spark;

import io.nst.Images;
import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.Stylizer;
import io.nst.internal.AtomicFiles;
import io.nst.video.VideoReport;
import io.nst.video.VideoStylizer;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.Iterator;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Row;

/**
 * One partition of a folder job on an executor: each planned image (or clip, its frames streamed)
 * is read from its file system, stylized with the executor's network and written whole to its
 * output path, one at a time as
 * Spark pulls the outcomes (nothing is buffered); each gives one outcome row. The engine computes
 * with the task's cores, since an executor runs several tasks at once.
 */
final class FolderPartition implements MapPartitionsFunction<Row, Row> {

    private static final long serialVersionUID = 1L;

    private final SparkStylizer job;
    private final long maxPixels;

    FolderPartition(SparkStylizer job, long maxPixels) {
        this.job = job;
        this.maxPixels = maxPixels;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        TaskContext task = TaskContext.get();
        if (task != null && System.getProperty("nst.threads") == null && System.getenv("NST_THREADS") == null) {
            System.setProperty("nst.threads", Integer.toString(Math.max(1, task.cpus())));
        }
        Configuration conf = new Configuration();
        return job.eachWithStylizer(rows, (planned, stylizer) -> stylize(planned, stylizer, conf));
    }

    private Row stylize(Row planned, Stylizer stylizer, Configuration conf) {
        Path input = new Path(URI.create(planned.getString(0)));
        Path output = new Path(URI.create(planned.getString(1)));
        String relative = planned.getString(2);
        String outputRelative = planned.getString(3);
        try {
            if (VideoStylizer.isClip(java.nio.file.Path.of(output.getName()))) {
                return stylizeClip(input, output, relative, outputRelative, stylizer, conf);
            }
            BufferedImage photo;
            // A local file is read by Java itself: Hadoop's local file system looks for a checksum
            // file beside it, whose name it cannot build when the photo's name has a colon.
            try (InputStream in = "file".equals(input.toUri().getScheme())
                    ? Files.newInputStream(FolderPlan.local(input))
                    : input.getFileSystem(conf).open(input)) {
                photo = Images.read(in, relative, maxPixels);
            }
            byte[] encoded = Images.encode(
                    stylizer.stylize(photo),
                    Images.formatOf(java.nio.file.Path.of(output.getName())),
                    job.jpegQuality());
            writeWhole(output, encoded, conf);
            return FolderPlan.outcome(relative, outputRelative, "written", null);
        } catch (StyleTransferException e) {
            if (e.kind() == Kind.CANCELLED) {
                throw e; // the task was killed: the rest of its rows are not bad images
            }
            return FolderPlan.outcome(relative, null, "failed", withoutName(e.getMessage(), relative));
        } catch (IOException | RuntimeException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return FolderPlan.outcome(relative, null, "failed", withoutName(why, relative));
        }
    }

    /**
     * A clip through {@link VideoStylizer} with the executor's stylizer: FFmpeg reads and writes
     * local files, so a remote clip is copied to the executor's temporary folder first and its
     * result copied back whole. A clip cut short is written with the frames it had, and says so.
     */
    private Row stylizeClip(
            Path input, Path output, String relative, String outputRelative, Stylizer stylizer, Configuration conf)
            throws IOException {
        java.nio.file.Path scratch = Files.createTempDirectory("nst-clip");
        try {
            java.nio.file.Path localIn;
            if ("file".equals(input.toUri().getScheme())) {
                localIn = FolderPlan.local(input);
            } else {
                localIn = scratch.resolve("in-" + input.getName());
                input.getFileSystem(conf).copyToLocalFile(input, new Path(localIn.toUri()));
            }
            boolean local = "file".equals(output.toUri().getScheme());
            java.nio.file.Path localOut = local ? FolderPlan.local(output) : scratch.resolve("out-" + output.getName());
            Files.createDirectories(localOut.getParent());
            VideoReport report;
            try {
                report = job.video(stylizer).stylize(localIn, localOut);
            } catch (StyleTransferException e) {
                if (e.kind() == Kind.CANCELLED) {
                    throw e;
                }
                // Named by its path in the job, not by the executor's copy of it.
                throw new StyleTransferException(
                        e.kind(), relative + ": " + withoutName(e.getMessage(), localIn.toString()), e);
            }
            if (!local) {
                placeWhole(
                        output,
                        conf,
                        (fs, temporary) -> fs.copyFromLocalFile(false, true, new Path(localOut.toUri()), temporary));
            }
            return FolderPlan.outcome(
                    relative,
                    outputRelative,
                    "written",
                    report.warnings().isEmpty()
                            ? null
                            : withoutName(String.join("; ", report.warnings()), localIn.toString()));
        } finally {
            AtomicFiles.deleteRecursively(scratch);
        }
    }

    private static String withoutName(String message, String name) {
        return message.startsWith(name + ": ") ? message.substring(name.length() + 2) : message;
    }

    /** Writes {@code bytes} to a hidden file beside {@code target}, then moves it into place. */
    private static void writeWhole(Path target, byte[] bytes, Configuration conf) throws IOException {
        if ("file".equals(target.toUri().getScheme())) {
            AtomicFiles.write(FolderPlan.local(target), part -> Files.write(part, bytes));
            return;
        }
        placeWhole(target, conf, (fs, temporary) -> {
            try (OutputStream out = fs.create(temporary, true)) {
                out.write(bytes);
            }
        });
    }

    /** Fills a file of a Hadoop file system. */
    @FunctionalInterface
    private interface Filler {
        void fill(FileSystem fs, Path temporary) throws IOException;
    }

    /**
     * {@code target} on its Hadoop file system written whole: {@code filler} fills a hidden file
     * beside it, which then replaces it.
     */
    private static void placeWhole(Path target, Configuration conf, Filler filler) throws IOException {
        FileSystem fs = target.getFileSystem(conf);
        Path temporary = new Path(target.getParent(), ".nst-" + UUID.randomUUID() + ".part");
        try {
            filler.fill(fs, temporary);
            fs.delete(target, false);
            if (!fs.rename(temporary, target)) {
                throw new IOException(target + ": cannot be moved into place");
            }
        } finally {
            fs.delete(temporary, false);
        }
    }
}
