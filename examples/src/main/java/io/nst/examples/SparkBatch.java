package io.nst.examples;

import io.nst.spark.SparkStylizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A folder of photos stylized on Spark (local mode here; the same job runs on a cluster), the
 * results written as Parquet and the failed files listed.
 *
 * <p>{@code SparkBatch STYLE IN_DIR OUT_PARQUET [MASTER]} (Spark's JDK options on the command line)
 */
public final class SparkBatch {

    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder()
                .appName("nst-example")
                .master(args.length > 3 ? args[3] : "local[2]")
                .config("spark.ui.enabled", "false")
                .getOrCreate();
        try {
            Dataset<Row> styled = SparkStylizer.fast(args[0]).apply(SparkStylizer.readImages(spark, args[1]));
            styled.cache();
            styled.filter("error IS NULL").select("path", "image").write().parquet(args[2]);
            for (Row failed : styled.filter("error IS NOT NULL").collectAsList()) {
                System.out.println("failed: " + failed.getString(2));
            }
        } finally {
            spark.stop();
        }
    }
}
