package io.nst.spark;

import io.nst.Images;
import io.nst.Limits;
import io.nst.StyleTransferException;
import io.nst.Stylizer;
import io.nst.fast.ArbitraryStylizer;
import io.nst.fast.FastStylizer;
import io.nst.fast.StyleVector;
import io.nst.video.VideoStylizer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.Serializable;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.encoders.ExpressionEncoder;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.TaskCompletionListener;

/**
 * Stylizes images and clips on Spark, two ways. A folder to a folder ({@link #stylizeFolder}): the
 * executors read each photo or clip (MP4, MOV, WebM, MKV: one clip per task, its frames streamed and
 * steadied as {@link VideoStylizer} does) from its file system and write its stylization whole at
 * the same relative path under the output folder, and the job gives one outcome row for every file
 * (written, failed or skipped, with the reason). Or a table ({@link #apply}): rows of {@code path}
 * and {@code content} (a file's bytes, as Spark's {@code binaryFile} source reads them) become rows
 * of {@code path}, {@code image} (PNG bytes, or null) and {@code error}. A bad image fails its row,
 * never the job. Each executor loads the network once and reuses it for every partition it runs.
 *
 * <pre>{@code
 * Dataset<Row> outcomes = SparkStylizer.fast("wave").size(1024)
 *         .stylizeFolder(spark, "hdfs:///photos", "hdfs:///styled");
 * outcomes.filter("status != 'written'").show(false);
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

    /**
     * The columns {@link #stylizeFolder} gives, one row per file under the input folder: {@code
     * input} and {@code output} (paths relative to their folders; output null unless written),
     * {@code status} ({@code written}, {@code failed} or {@code skipped}) and {@code reason}.
     */
    public static final StructType OUTCOMES = new StructType()
            .add("input", DataTypes.StringType, false)
            .add("output", DataTypes.StringType, true)
            .add("status", DataTypes.StringType, false)
            .add("reason", DataTypes.StringType, true);

    private static final StructType PLANNED = new StructType()
            .add("inputUri", DataTypes.StringType, false)
            .add("outputUri", DataTypes.StringType, false)
            .add("input", DataTypes.StringType, false)
            .add("output", DataTypes.StringType, false);

    private final String model;
    private final float[] style;
    private final Integer size;
    private final int jpegQuality;

    private SparkStylizer(String model, float[] style, Integer size, int jpegQuality) {
        this.model = model;
        this.style = style;
        this.size = size;
        this.jpegQuality = jpegQuality;
    }

    /** With a fast style: a pretrained name or a model directory every executor can read. */
    public static SparkStylizer fast(String model) {
        return new SparkStylizer(Objects.requireNonNull(model, "model"), null, null, Images.DEFAULT_JPEG_QUALITY);
    }

    /** With the arbitrary method, in the style of {@code painting}, whose vector is computed here once. */
    public static SparkStylizer arbitrary(BufferedImage painting) {
        Objects.requireNonNull(painting, "painting");
        try (ArbitraryStylizer stylizer = ArbitraryStylizer.builder().build()) {
            return new SparkStylizer(null, stylizer.styleOf(painting).values(), null, Images.DEFAULT_JPEG_QUALITY);
        }
    }

    /**
     * The same, with images scaled to this long side first (default: each image's own size).
     *
     * @throws IllegalArgumentException unless {@code pixels} is from 16 to 4096
     */
    public SparkStylizer size(int pixels) {
        return new SparkStylizer(model, style, Limits.size("size", pixels), jpegQuality);
    }

    /**
     * The same, writing {@code .jpg} outputs of {@link #stylizeFolder} at {@code quality} (default
     * {@value Images#DEFAULT_JPEG_QUALITY}).
     *
     * @throws IllegalArgumentException unless {@code quality} is from 1 to 100
     */
    public SparkStylizer jpegQuality(int quality) {
        return new SparkStylizer(model, style, size, Images.checkJpegQuality("the JPEG quality", quality));
    }

    /** The quality of {@code .jpg} outputs. */
    int jpegQuality() {
        return jpegQuality;
    }

    /** Clips of this job, through {@code stylizer}, at the job's size and the default stability. */
    VideoStylizer video(Stylizer stylizer) {
        VideoStylizer.Builder video = VideoStylizer.builder().stylizer(stylizer);
        return (size == null ? video : video.size(size)).build();
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

    private String key() {
        return (model != null ? "fast:" + model : "arbitrary:" + Arrays.toString(style)) + ":" + size;
    }

    /**
     * {@code rows} mapped one at a time, as Spark pulls them, with this executor's stylizer of
     * this job, borrowed for the task and given back when the rows run out or the task ends.
     */
    Iterator<Row> eachWithStylizer(Iterator<Row> rows, BiFunction<Row, Stylizer, Row> each) {
        Stylizer stylizer = ExecutorStylizers.borrow(key(), this::newStylizer);
        AtomicBoolean givenBack = new AtomicBoolean();
        Runnable giveBack = () -> {
            if (givenBack.compareAndSet(false, true)) {
                ExecutorStylizers.giveBack(key(), stylizer);
            }
        };
        TaskContext task = TaskContext.get();
        if (task != null) {
            task.addTaskCompletionListener((TaskCompletionListener) context -> giveBack.run());
        }
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                boolean more = rows.hasNext();
                if (!more) {
                    giveBack.run();
                }
                return more;
            }

            @Override
            public Row next() {
                return each.apply(rows.next(), stylizer);
            }
        };
    }

    /**
     * Stylizes every image under the folder {@code input} (recursively) into {@code output},
     * keeping each one's relative path (GIF written as PNG); both are Hadoop paths every executor
     * can reach ({@code hdfs://}, {@code s3a://}, or a local folder for a local master). The files
     * are listed here, on the driver; the images are read, stylized and written by the executors,
     * one at a time, when the returned rows are computed (count them, write them, or iterate them).
     *
     * @return one row per file under {@code input}, in the columns of {@link #OUTCOMES}
     * @throws IllegalArgumentException if {@code input} is not a folder or {@code output} lies
     *     inside it
     * @throws java.io.UncheckedIOException if the folder cannot be listed
     */
    public Dataset<Row> stylizeFolder(SparkSession spark, String input, String output) {
        Objects.requireNonNull(spark, "spark");
        FolderPlan plan = FolderPlan.of(
                Objects.requireNonNull(input, "input"),
                Objects.requireNonNull(output, "output"),
                spark.sparkContext().hadoopConfiguration());
        int partitions =
                Math.max(1, Math.min(plan.work.size(), spark.sparkContext().defaultParallelism() * 4));
        Dataset<Row> done = spark.createDataFrame(plan.work, PLANNED)
                .repartition(partitions)
                .mapPartitions(new FolderPartition(this, Limits.DEFAULT_MAX_PIXELS), ExpressionEncoder.apply(OUTCOMES));
        return spark.createDataFrame(plan.decided, OUTCOMES).union(done);
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
            return job.eachWithStylizer(rows, Partition::stylize);
        }

        private static Row stylize(Row row, Stylizer stylizer) {
            String path = row.getString(0);
            try {
                BufferedImage photo =
                        Images.read(new ByteArrayInputStream((byte[]) row.get(1)), path, Limits.DEFAULT_MAX_PIXELS);
                return RowFactory.create(path, Images.toPng(stylizer.stylize(photo)), null);
            } catch (StyleTransferException e) {
                if (e.kind() == StyleTransferException.Kind.CANCELLED) {
                    throw e; // the task was killed: its remaining rows are not bad images
                }
                return RowFactory.create(path, null, e.getMessage());
            } catch (IllegalArgumentException e) {
                return RowFactory.create(path, null, e.getMessage());
            }
        }
    }
}
