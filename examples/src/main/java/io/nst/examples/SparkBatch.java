package io.nst.examples;

import io.nst.spark.SparkStylizer;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A folder of photos stylized on Spark into another folder, the same sub-folders kept, and every
 * file that was not written listed with the reason: run locally, or submitted to a cluster
 * (the master then comes from {@code spark-submit}).
 *
 * <p>{@code SparkBatch STYLE IN_DIR OUT_DIR [MASTER]} (Spark's JDK options on the command line)
 */
public final class SparkBatch {

    public static void main(String[] args) {
        SparkSession.Builder builder = SparkSession.builder().appName("nst-example");
        if (args.length > 3) {
            builder.master(args[3]).config("spark.ui.enabled", "false");
        }
        SparkSession spark = builder.getOrCreate();
        try {
            Dataset<Row> outcomes = SparkStylizer.fast(args[0]).stylizeFolder(spark, args[1], args[2]);
            outcomes.cache(); // computed once: the photos are stylized when the outcomes are
            long written = outcomes.filter("status = 'written'").count();
            for (Row other : outcomes.filter("status != 'written'").collectAsList()) {
                System.out.println(other.getString(2) + ": " + other.getString(0) + ": " + other.getString(3));
            }
            System.out.println("written: " + written);
        } finally {
            spark.stop();
        }
    }
}
