package io.nst.spi;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The ranges a network's activations took on calibration photos: for each named point (a
 * backend's choice, such as a layer's input) the smallest and largest value of each channel.
 * Immutable; written and read as text, one point per line, so that a cached calibration can be
 * checked and kept.
 */
public final class Calibration {

    private static final String HEADER = "nst calibration 1";

    /** The smallest and largest value of each channel at one point. */
    private record Range(float[] min, float[] max) {}

    private final Map<String, Range> ranges;

    private Calibration(Map<String, Range> ranges) {
        this.ranges = ranges;
    }

    /**
     * A calibration from each point's per-channel minima and maxima (copied).
     *
     * @throws IllegalArgumentException if the two maps name different points, a point's arrays
     *     differ in length or are empty, or a minimum exceeds its maximum or is not finite
     */
    public static Calibration of(Map<String, float[]> min, Map<String, float[]> max) {
        if (!min.keySet().equals(max.keySet())) {
            throw new IllegalArgumentException("minima for " + min.keySet() + " but maxima for " + max.keySet());
        }
        Map<String, Range> ranges = new TreeMap<>();
        for (var e : min.entrySet()) {
            String point = e.getKey();
            if (point.isEmpty() || point.chars().anyMatch(c -> c == '\t' || c == '\n' || c == '\r')) {
                throw new IllegalArgumentException("point name '" + point + "' is empty or has a tab or line break");
            }
            float[] lo = e.getValue().clone();
            float[] hi = max.get(point).clone();
            if (lo.length == 0 || lo.length != hi.length) {
                throw new IllegalArgumentException(point + ": " + lo.length + " minima and " + hi.length + " maxima");
            }
            for (int c = 0; c < lo.length; c++) {
                if (!(lo[c] <= hi[c]) || !Float.isFinite(lo[c]) || !Float.isFinite(hi[c])) {
                    throw new IllegalArgumentException(
                            point + ", channel " + c + ": not a range: " + lo[c] + ".." + hi[c]);
                }
            }
            ranges.put(point, new Range(lo, hi));
        }
        return new Calibration(ranges);
    }

    /** The points, in name order. */
    public Set<String> points() {
        return java.util.Collections.unmodifiableSet(ranges.keySet());
    }

    /** Whether {@code point} was calibrated. */
    public boolean has(String point) {
        return ranges.containsKey(point);
    }

    /**
     * The smallest value of each channel at {@code point}.
     *
     * @throws IllegalArgumentException if {@code point} was not calibrated
     */
    public float[] min(String point) {
        return range(point).min().clone();
    }

    /**
     * The largest value of each channel at {@code point}.
     *
     * @throws IllegalArgumentException if {@code point} was not calibrated
     */
    public float[] max(String point) {
        return range(point).max().clone();
    }

    private Range range(String point) {
        Range range = ranges.get(point);
        if (range == null) {
            throw new IllegalArgumentException("no calibrated point " + point);
        }
        return range;
    }

    /** The text form: a header line, then {@code point <tab> minima <tab> maxima} per line. */
    public byte[] toBytes() {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        ranges.forEach((point, range) -> text.append(point)
                .append('\t')
                .append(join(range.min()))
                .append('\t')
                .append(join(range.max()))
                .append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads {@link #toBytes()}'s form.
     *
     * @throws IOException naming the line when the text is not a calibration
     */
    public static Calibration fromBytes(byte[] bytes) throws IOException {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        if (!lines[0].equals(HEADER) || !lines[lines.length - 1].isEmpty()) {
            throw new IOException("not a calibration (expected '" + HEADER + "' first and a final line break)");
        }
        Map<String, float[]> min = new TreeMap<>();
        Map<String, float[]> max = new TreeMap<>();
        for (int i = 1; i < lines.length - 1; i++) {
            String[] fields = lines[i].split("\t", -1);
            try {
                if (fields.length != 3 || min.containsKey(fields[0])) {
                    throw new IllegalArgumentException("expected a new point, minima and maxima");
                }
                min.put(fields[0], floats(fields[1]));
                max.put(fields[0], floats(fields[2]));
            } catch (IllegalArgumentException e) {
                throw new IOException("calibration line " + (i + 1) + ": " + e.getMessage(), e);
            }
        }
        try {
            return of(min, max);
        } catch (IllegalArgumentException e) {
            throw new IOException("calibration: " + e.getMessage(), e);
        }
    }

    private static String join(float[] values) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < values.length; i++) {
            text.append(i == 0 ? "" : ",").append(values[i]);
        }
        return text.toString();
    }

    private static float[] floats(String text) {
        String[] parts = text.split(",", -1);
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i]);
        }
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Calibration c && Arrays.equals(toBytes(), c.toBytes());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toBytes());
    }

    @Override
    public String toString() {
        return "Calibration[" + ranges.size() + " points]";
    }
}
