package io.nst.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nst.Images;
import io.nst.fast.FastStylizer;
import io.nst.testing.TestMirror;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spark in local mode over a folder of the mirror's photos with one broken file. */
class SparkStylizerTest {

    @TempDir
    static Path photos;

    private static SparkSession spark;

    @BeforeAll
    static void start() throws Exception {
        try (Stream<Path> files = Files.list(TestMirror.file("datasets/bsds500/val"))) {
            for (Path p : files.sorted().limit(4).toList()) {
                Files.copy(p, photos.resolve(p.getFileName()));
            }
        }
        Files.writeString(photos.resolve("broken.jpg"), "not a photo");
        spark = SparkSession.builder()
                .master("local[2]")
                .appName("nst-test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void everyGoodPhotoIsStylizedAsAloneAndTheBrokenOneFailsItsRow() throws Exception {
        List<Row> rows = SparkStylizer.fast("wave")
                .size(96)
                .apply(SparkStylizer.readImages(spark, photos.toString()).repartition(2))
                .collectAsList();
        assertEquals(5, rows.size());
        Map<String, Row> byName = rows.stream()
                .collect(Collectors.toMap(
                        r -> Path.of(java.net.URI.create(r.getString(0)))
                                .getFileName()
                                .toString(),
                        r -> r));
        Row broken = byName.get("broken.jpg");
        assertNull(broken.get(1));
        assertTrue(
                broken.getString(2).contains("broken.jpg")
                        && broken.getString(2).contains("not a supported image"),
                broken.getString(2));
        try (FastStylizer alone = FastStylizer.builder().model("wave").build()) {
            for (var entry : byName.entrySet()) {
                if (entry.getKey().equals("broken.jpg")) {
                    continue;
                }
                assertNull(entry.getValue().get(2), entry.getKey());
                BufferedImage fromSpark = ImageIO.read(
                        new ByteArrayInputStream((byte[]) entry.getValue().get(1)));
                BufferedImage expected =
                        alone.stylize(Images.resizeLongSide(Images.read(photos.resolve(entry.getKey())), 96));
                assertEquals(96, Math.max(fromSpark.getWidth(), fromSpark.getHeight()));
                assertArrayEquals(pixels(expected), pixels(fromSpark), entry.getKey());
            }
        }
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }
}
