package io.nst.spi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import org.junit.jupiter.api.Test;

class CalibrationTest {

    @Property(tries = 50)
    void theTextFormReadsBackExactly(
            @ForAll @FloatRange(min = -1e6f, max = 0) float low, @ForAll @FloatRange(min = 0, max = 1e6f) float high)
            throws IOException {
        Calibration calibration = Calibration.of(
                Map.of("conv/in", new float[] {low, low / 3}, "conv/out", new float[] {-0f}),
                Map.of("conv/in", new float[] {high, high * 0.7f}, "conv/out", new float[] {Float.MIN_VALUE}));
        Calibration read = Calibration.fromBytes(calibration.toBytes());
        assertEquals(calibration, read);
        assertArrayEquals(new float[] {low, low / 3}, read.min("conv/in"));
        assertArrayEquals(new float[] {high, high * 0.7f}, read.max("conv/in"));
    }

    @Test
    void damagedTextIsRefusedNamingTheLine() {
        byte[] good = Calibration.of(Map.of("a", new float[] {0}), Map.of("a", new float[] {1}))
                .toBytes();
        String text = new String(good, StandardCharsets.UTF_8);
        IOException swapped = assertThrows(
                IOException.class,
                () -> Calibration.fromBytes(
                        text.replace("\t0.0\t1.0", "\t1.0\t0.0").getBytes(StandardCharsets.UTF_8)));
        assertTrue(swapped.getMessage().contains("not a range"), swapped.getMessage());
        IOException cut = assertThrows(
                IOException.class,
                () -> Calibration.fromBytes(text.substring(0, text.length() - 3).getBytes(StandardCharsets.UTF_8)));
        assertTrue(cut.getMessage().contains("final line break"), cut.getMessage());
        IOException notANumber = assertThrows(
                IOException.class, () -> Calibration.fromBytes((text + "b\tx\t1\n").getBytes(StandardCharsets.UTF_8)));
        assertTrue(notANumber.getMessage().startsWith("calibration line 3"), notANumber.getMessage());
    }

    @Test
    void argumentsAreCheckedAtOnce() {
        assertThrows(
                IllegalArgumentException.class,
                () -> Calibration.of(Map.of("a", new float[] {0}), Map.of("b", new float[] {1})));
        assertThrows(
                IllegalArgumentException.class,
                () -> Calibration.of(Map.of("a", new float[] {0, 0}), Map.of("a", new float[] {1})));
        assertThrows(
                IllegalArgumentException.class,
                () -> Calibration.of(Map.of("a", new float[] {Float.NaN}), Map.of("a", new float[] {1})));
        assertThrows(
                IllegalArgumentException.class,
                () -> Calibration.of(Map.of("a\tb", new float[] {0}), Map.of("a\tb", new float[] {1})));
    }
}
