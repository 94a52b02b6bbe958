package io.nst.cli;

import io.nst.Images;
import io.nst.spark.SparkStylizer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code nst spark}: a folder of photos stylized on Apache Spark, the results written here. */
@Command(
        name = "spark",
        description =
                "Stylize a folder of photos on Apache Spark (local or a cluster) with a fast style or a painting.")
final class SparkCommand implements Callable<Integer> {

    @Option(names = "--master", defaultValue = "local[*]", description = "Spark's master: local[N], spark://..., yarn.")
    String master;

    @Option(names = "--model", description = "A fast style or a model directory every executor can read.")
    String model;

    @Option(names = "--style", description = "A painting, for the arbitrary method (instead of --model).")
    Path style;

    @Option(names = "--in", required = true, description = "The photos: a folder (or any path Spark reads).")
    String in;

    @Option(names = "--out", required = true, description = "The folder the stylized photos are written to.")
    Path out;

    @Option(names = "--size", description = "Long side of the outputs in pixels (default: each photo's own).")
    Integer size;

    @Override
    public Integer call() throws Exception {
        if ((model == null) == (style == null)) {
            throw new IllegalArgumentException("give either --model (a fast style) or --style (a painting)");
        }
        Map<String, Path> inputs = new java.util.LinkedHashMap<>();
        if (!in.contains("://")) {
            inputs.put("--in", Path.of(in));
        }
        if (style != null) {
            inputs.put("--style", style);
        }
        Outputs.checkFolder("--out", out, inputs);
        SparkStylizer job = style != null ? SparkStylizer.arbitrary(Images.read(style)) : SparkStylizer.fast(model);
        if (size != null) {
            job = job.size(size);
        }
        Files.createDirectories(out);
        long start = System.nanoTime();
        int done = 0;
        int failed = 0;
        SparkSession spark = SparkSession.builder()
                .master(master)
                .appName("nst")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            Iterator<Row> rows = job.apply(SparkStylizer.readImages(spark, in)).toLocalIterator();
            while (rows.hasNext()) {
                Row row = rows.next();
                String path = row.getString(0);
                if (row.get(2) != null) {
                    failed++;
                    System.err.println("nst: skipped " + row.getString(2));
                    continue;
                }
                Path name = PhotoBatch.outputName(Path.of(URI.create(path).getPath()));
                Images.write(ImageIO.read(new ByteArrayInputStream((byte[]) row.get(1))), out.resolve(name));
                done++;
                System.err.printf("%d %s%n", done, name);
            }
        } finally {
            spark.stop();
        }
        System.err.printf(
                "wrote %d image(s) to %s in %.1f s on %s; %d failed%n",
                done, out, (System.nanoTime() - start) / 1e9, master, failed);
        return failed == 0 ? 0 : 1;
    }
}
