package io.nst.cli;

import io.nst.Images;
import io.nst.fast.FastStylizer;
import io.nst.spark.SparkStylizer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code nst spark}: a folder of photos stylized on Apache Spark, locally or on a cluster, the
 * results written by the executors at the same relative paths, every file accounted for.
 */
@Command(
        name = "spark",
        description =
                "Stylize a folder of photos on Apache Spark (local or a cluster) with a fast style or a painting.")
final class SparkCommand implements Callable<Integer> {

    @Option(
            names = "--master",
            defaultValue = "local[*]",
            description =
                    "Spark's master: local[N], or a cluster (spark://host:7077, yarn) that gets this tool's jars.")
    String master;

    @Option(names = "--model", description = "A fast style, or a model directory every executor can read.")
    String model;

    @Option(names = "--style", description = "A painting, for the arbitrary method (instead of --model).")
    Path style;

    @Option(
            names = "--content",
            description = "The folder of photos, searched recursively: a local folder or any path Hadoop reads.")
    String content;

    @Option(
            names = "--out",
            description =
                    "The folder the stylized photos are written to, outside --content, with the same sub-folders.")
    String out;

    @Option(names = "--size", description = "Long side of the outputs in pixels (default: each photo's own).")
    Integer size;

    @Mixin
    JpegQuality jpeg;

    @Mixin
    Outputs outputs;

    @Option(
            names = "--print-jars",
            description = "Print the jars a cluster needs for a job of your own (spark-submit --jars) and stop.")
    boolean printJars;

    @Override
    public Integer call() throws Exception {
        if (printJars) {
            System.out.println(String.join(",", executorJars()));
            return 0;
        }
        if (content == null || out == null) {
            throw new IllegalArgumentException(
                    "--content and --out are required: the folder of photos and the one to write");
        }
        if ((model == null) == (style == null)) {
            throw new IllegalArgumentException("give either --model (a fast style) or --style (a painting)");
        }
        if (model != null
                && !FastStylizer.PRETRAINED.contains(model)
                && !model.contains("://")
                && !Files.isDirectory(Path.of(model))) {
            throw new IllegalArgumentException("--model " + model + ": neither a style ("
                    + String.join(", ", FastStylizer.PRETRAINED) + ") nor a model directory");
        }
        jpeg.check();
        if (!out.contains("://") && !out.startsWith("file:")) {
            // A local folder is held to the rule of every command; a cluster's file system makes its own.
            outputs.checkFolder("--out", Path.of(out), Map.of());
        }
        SparkStylizer job = (style != null ? SparkStylizer.arbitrary(Images.read(style)) : SparkStylizer.fast(model))
                .jpegQuality(jpeg.quality);
        if (size != null) {
            job = job.size(size);
        }
        long start = System.nanoTime();
        Map<String, Integer> counts = new LinkedHashMap<>(Map.of("written", 0, "failed", 0, "skipped", 0));
        SparkSession.Builder session =
                SparkSession.builder().master(master).appName("nst").config("spark.ui.enabled", "false");
        if (!master.startsWith("local")) {
            session.config("spark.jars", String.join(",", executorJars()));
            // The executors find the models where this tool does, offline as it is.
            for (String name : List.of("NST_MIRROR", "NST_HOME", "NST_THREADS", "DJL_OFFLINE")) {
                if (System.getenv(name) != null) {
                    session.config("spark.executorEnv." + name, System.getenv(name));
                }
            }
        }
        SparkSession spark = session.getOrCreate();
        try {
            Iterator<Row> outcomes = job.stylizeFolder(spark, content, out).toLocalIterator();
            while (outcomes.hasNext()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException();
                }
                Row row = outcomes.next();
                String status = row.getString(2);
                counts.merge(status, 1, Integer::sum);
                if (status.equals("written")) {
                    System.err.printf("%d %s%n", counts.get("written"), row.getString(1));
                } else {
                    System.err.println("nst: " + status + " " + row.getString(0) + ": " + row.getString(3));
                }
            }
        } finally {
            spark.stop();
        }
        System.err.printf(
                Locale.ROOT,
                "wrote %d image(s) to %s in %.1f s on %s; %d failed, %d skipped%n",
                counts.get("written"),
                out,
                (System.nanoTime() - start) / 1e9,
                master,
                counts.get("failed"),
                counts.get("skipped"));
        return counts.get("failed") + counts.get("skipped") == 0 ? 0 : 1;
    }

    /**
     * The jars a cluster's executors need and a Spark installation lacks: this tool's own, the
     * libraries beside it ({@code lib}: the web server's and Spark's are in {@code
     * lib-web-spark}, which the cluster has, or does not need) and {@code nst-spark}, less the
     * PyTorch and TensorFlow engines: the executors stylize on ONNX Runtime, the fast methods'
     * engine, which is also what {@code nst fast} uses, so the bytes are the same.
     */
    private static List<String> executorJars() throws IOException, URISyntaxException {
        Path self = Path.of(
                NstCli.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path lib = self.resolveSibling("lib");
        Path webAndSpark = self.resolveSibling("lib-web-spark");
        if (!Files.isRegularFile(self) || !Files.isDirectory(lib) || !Files.isDirectory(webAndSpark)) {
            throw new IllegalStateException(
                    "a cluster needs this tool's jars, but it does not run from its jar (" + self + ")");
        }
        try (Stream<Path> core = Files.list(lib);
                Stream<Path> extra = Files.list(webAndSpark)) {
            return Stream.concat(
                            Stream.of(self),
                            Stream.concat(
                                            core.filter(
                                                    j -> !j.getFileName()
                                                            .toString()
                                                            .matches(
                                                                    "(tensorflow|pytorch|nst-backend-tf|nst-backend-pytorch)-.*")),
                                            extra.filter(j ->
                                                    j.getFileName().toString().startsWith("nst-spark-")))
                                    .filter(j -> j.toString().endsWith(".jar"))
                                    .sorted())
                    .map(Path::toString)
                    .toList();
        }
    }
}
