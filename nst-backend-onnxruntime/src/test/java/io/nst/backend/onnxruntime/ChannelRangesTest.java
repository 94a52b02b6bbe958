package io.nst.backend.onnxruntime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.FloatRange;
import net.jqwik.api.constraints.IntRange;

/** The per-channel uint8 mapping of a convolution's output: every value in range comes back within one step. */
class ChannelRangesTest {

    @Property(tries = 300)
    void everyChannelUsesTheWholeUint8RangeAndComesBackWithinOneOfItsSteps(
            @ForAll @FloatRange(min = -500, max = 0) float min0,
            @ForAll @FloatRange(min = 0, max = 500) float max0,
            @ForAll @FloatRange(min = -5, max = 0) float min1,
            @ForAll @FloatRange(min = 0.01f, max = 5) float max1,
            @ForAll @IntRange(min = 0, max = 100) int where) {
        ChannelRanges ranges = new ChannelRanges(new float[] {min0, min1}, new float[] {max0, max1});
        ChannelRanges.Alignment out = ranges.aligned();
        for (int c = 0; c < 2; c++) {
            float lo = ranges.min()[c];
            float hi = ranges.max()[c];
            float gain = out.gains()[c];
            assertTrue(gain >= 1 && gain <= ChannelRanges.MAX_GAIN, "gain " + gain);
            assertTrue(out.zeroPoint(c) >= 0 && out.zeroPoint(c) <= 255);
            float value = lo + (hi - lo) * where / 100f;
            // What QuantizeLinear then DequantizeLinear do to the lifted, scaled value.
            float q = Math.max(0, Math.min(255, Math.round((gain * value + out.lift(c)) / out.step())));
            float back = (q - out.zeroPoint(c)) * out.step() / gain;
            float channelStep = out.step() / gain;
            boolean clippedByTheGainCap = gain == ChannelRanges.MAX_GAIN;
            assertTrue(
                    clippedByTheGainCap || Math.abs(back - value) <= channelStep,
                    "channel " + c + ": " + value + " came back as " + back + " (step " + channelStep + ")");
        }
        assertEquals(Math.max(max0 - min0, max1 - min1) / 255f, out.step(), 1e-3f * out.step());
    }
}
