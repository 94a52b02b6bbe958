package io.nst.spark;

import io.nst.Images;
import io.nst.Limits;
import io.nst.StyleTransferException;
import io.nst.Stylizer;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.FastStylizer;
import io.nst.fast.StyleVector;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Stylizes a table of images on Spark: rows of {@code path} (string) and {@code content}
 * (binary, the file's bytes, as Spark's {@code binaryFile} source reads them) become rows of
 * {@code path}, {@code image} (the stylization as PNG bytes, or null) and {@code error} (why the
 * row failed, or null). A bad image fails its row, never the job. Each executor loads the network
 * once and reuses it for every partition it runs.
 *
 * <pre>{@code
 * Dataset<Row> photos = SparkStylizer.readImages(spark, "hdfs:///photos");
 * Dataset<Row> out = SparkStylizer.fast("wave").size(1024).apply(photos);
 * }</pre>
 *
 * Immutable and serializable: it travels to the executors with the job.
 */
public final class SparkStylizer implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The columns {@link #apply} gives: {@code path}, {@code image}, {@code error}. */
    public static final StructType OUTPUT = new StructType()
            .add("path", DataTypes.StringType, false)
            .add("image", DataTypes.BinaryType, true)
            .add("error", DataTypes.StringType, true);

    private final String model;
    private final float[] style;
    private final Integer size;

    private SparkStylizer(String model, float[] style, Integer size) {
        this.model = model;
        this.style = style;
        this.size = size;
    }

    /** With a fast style: a pretrained name or a model directory every executor can read. */
    public static SparkStylizer fast(String model) {
        return new SparkStylizer(Objects.requireNonNull(model, "model"), null, null);
    }

    /** With the arbitrary method, in the style of {@code painting}, whose vector is computed here once. */
    public static SparkStylizer arbitrary(BufferedImage painting) {
        Objects.requireNonNull(painting, "painting");
        try (ArbitraryStylizer stylizer = ArbitraryStylizer.builder().build()) {
            return new SparkStylizer(null, stylizer.styleOf(painting).values(), null);
        }
    }

    /**
     * The same, with images scaled to this long side first (default: each image's own size).
     *
     * @throws IllegalArgumentException unless {@code pixels} is from 16 to 4096
     */
    public SparkStylizer size(int pixels) {
        return new SparkStylizer(model, style, Limits.size("size", pixels));
    }

    /** A new stylizer of this job's style, on this JVM. */
    private Stylizer newStylizer() {
        if (model != null) {
            FastStylizer.Builder fast = FastStylizer.builder().model(model);
            return (size == null ? fast : fast.size(size)).build();
        }
        ArbitraryStylizer.Builder arbitrary = ArbitraryStylizer.builder().style(StyleVector.of(style));
        return (size == null ? arbitrary : arbitrary.size(size)).build();
    }

    /** The images of a folder (or any path Spark reads), recursively, as {@code path} and {@code content}. */
    public static Dataset<Row> readImages(SparkSession spark, String location) {
        return spark.read()
                .format("binaryFile")
                .option("pathGlobFilter", "*.{jpg,jpeg,JPG,JPEG,png,PNG,bmp,BMP,gif,GIF}")
                .option("recursiveFileLookup", "true")
                .load(location)
                .select("path", "content");
    }

    /**
     * The stylized images of {@code images} (columns {@code path} and {@code content}), one row
     * each, in the columns of {@link #OUTPUT}.
     */
    public Dataset<Row> apply(Dataset<Row> images) {
        return images.select("path", "content").mapPartitions(new Partition(this), ExpressionEncoder.apply(OUTPUT));
    }

    /** One partition on an executor: the network borrowed once, every row stylized or failed. */
    private static final class Partition implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;
        private final SparkStylizer job;

        Partition(SparkStylizer job) {
            this.job = job;
        }

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            String key = (job.model != null ? "fast:" + job.model : "arbitrary:" + Arrays.toString(job.style)) + ":"
                    + job.size;
            Stylizer stylizer = ExecutorStylizers.borrow(key, job::newStylizer);
            List<Row> out = new ArrayList<>();
            try {
                while (rows.hasNext()) {
                    Row row = rows.next();
                    String path = row.getString(0);
                    try {
                        BufferedImage photo = Images.read(
                                new ByteArrayInputStream((byte[]) row.get(1)), path, Limits.DEFAULT_MAX_PIXELS);
                        out.add(RowFactory.create(path, Images.toPng(stylizer.stylize(photo)), null));
                    } catch (StyleTransferException e) {
                        if (e.kind() == StyleTransferException.Kind.CANCELLED) {
                            // The task was killed: its remaining rows are not bad images.
                            throw e;
                        }
                        out.add(RowFactory.create(path, null, e.getMessage()));
                    } catch (IllegalArgumentException e) {
                        out.add(RowFactory.create(path, null, e.getMessage()));
                    }
                }
            } finally {
                ExecutorStylizers.giveBack(key, stylizer);
            }
            return out.iterator();
        }
    }
}
