package io.nst.cli;

import io.nst.internal.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Milliseconds per image (log scale) against the image's side: a line per backend as the SDK runs
 * the network, a dashed one for the same engine run bare, and the time the network's
 * multiply-adds take at the matrix-multiply rate measured in the same run, the yardstick (an
 * engine near or below it runs its convolutions as fast as this machine multiplies matrices).
 */
final class BenchPlot {

    private record Point(double side, double ms) {}

    /** A backend's colour, shared by its two lines. */
    private static final Color[] COLOURS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e)
    };

    private final String title;
    private final Map<String, List<Point>> sdk = new LinkedHashMap<>();
    private final Map<String, List<Point>> bare = new LinkedHashMap<>();

    BenchPlot(String title) {
        this.title = title;
    }

    /** One measurement of {@code backend} at {@code side}: through the SDK and bare. */
    void add(String backend, int side, double sdkMs, double bareMs) {
        sdk.computeIfAbsent(backend, b -> new ArrayList<>()).add(new Point(side, sdkMs));
        bare.computeIfAbsent(backend, b -> new ArrayList<>()).add(new Point(side, bareMs));
    }

    /**
     * Writes the chart as a PNG (replaced whole), with the yardstick {@code yardstickMs(side)} over the
     * sides measured.
     *
     * @throws IOException when the file cannot be written
     */
    void write(Path png, String yardstickName, IntToDoubleFunction yardstickMs) throws IOException {
        XYChart chart = new XYChartBuilder()
                .width(900)
                .height(600)
                .title(title)
                .xAxisTitle("image side (px)")
                .yAxisTitle("ms per image")
                .build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        List<Double> sides = new ArrayList<>();
        int index = 0;
        for (var e : sdk.entrySet()) {
            Color colour = COLOURS[index++ % COLOURS.length];
            series(chart, e.getKey(), e.getValue(), SeriesLines.SOLID, colour);
            series(chart, e.getKey() + " (bare engine)", bare.get(e.getKey()), SeriesLines.DASH_DASH, colour);
            e.getValue().forEach(p -> {
                if (!sides.contains(p.side())) {
                    sides.add(p.side());
                }
            });
        }
        sides.sort(null);
        List<Point> yardstick = new ArrayList<>();
        for (double side : sides) {
            yardstick.add(new Point(side, yardstickMs.applyAsDouble((int) side)));
        }
        series(chart, yardstickName, yardstick, SeriesLines.DOT_DOT, Color.GRAY).setMarker(SeriesMarkers.NONE);
        byte[] bytes = BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        Path parent = png.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        AtomicFiles.write(png, part -> Files.write(part, bytes));
    }

    private static XYSeries series(XYChart chart, String name, List<Point> points, BasicStroke line, Color colour) {
        double[] x = points.stream().mapToDouble(Point::side).toArray();
        double[] y = points.stream().mapToDouble(Point::ms).toArray();
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineStyle(line);
        series.setLineColor(colour);
        series.setMarkerColor(colour);
        return series;
    }
}
