package io.nst.backend.tensorflow;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import io.nst.net.FloatTensor;
import io.nst.spi.CompiledNetwork;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A bfloat16 network checked against its float32 twin on the first input of each size, so that
 * it never returns a wrong picture. On a CPU that advertises AVX-512 BF16 (AMD family 26, 2026-12-04)
 * oneDNN's bfloat16 kernels gave the wave network's output 5 to 141 grey levels from float32 on
 * average, depending on the size, where they give 0.3 when they work. A size whose result is
 * further from float32 than bfloat16's own rounding explains is refused, naming the difference;
 * later inputs of that size are refused at once, and of a checked size run in bfloat16 alone.
 */
final class CheckedBf16Network implements CompiledNetwork {

    /**
     * The largest mean absolute difference from float32, relative to float32's mean magnitude:
     * about 2 grey levels on a picture; working bfloat16 kernels stay near 0.3 %.
     */
    static final double MAX_RELATIVE_DIFFERENCE = 0.02;

    /** Sizes remembered at most: a server's clients may send any size, each remembered in a few bytes. */
    static final int SIZES_REMEMBERED = 1024;

    private final CompiledNetwork bf16;
    private final CompiledNetwork fp32;
    /** Per input size ("channels x height x width"): null while unchecked, else the refusal or "". */
    private final Map<String, String> verdicts = new ConcurrentHashMap<>();

    CheckedBf16Network(CompiledNetwork bf16, CompiledNetwork fp32) {
        this.bf16 = bf16;
        this.fp32 = fp32;
    }

    /**
     * @throws StyleTransferException of kind {@code ENGINE} when bfloat16 gave this size of input
     *     a result further from float32 than its rounding explains
     */
    @Override
    public FloatTensor apply(FloatTensor input, float[] condition) {
        String size = input.channels() + "x" + input.height() + "x" + input.width();
        String verdict = verdicts.get(size);
        if (verdict == null) {
            FloatTensor reduced = bf16.apply(input, condition);
            double difference = relativeDifference(fp32.apply(input, condition).data(), reduced.data());
            verdict = difference <= MAX_RELATIVE_DIFFERENCE
                    ? ""
                    : String.format(
                            "bf16 gave a %s input a result %.1f %% from float32 on this CPU (bfloat16's rounding"
                                    + " explains at most %.0f %%): TensorFlow's bfloat16 kernels are not reliable"
                                    + " here; use fp32, or int8 on ONNX Runtime",
                            size, 100 * difference, 100 * MAX_RELATIVE_DIFFERENCE);
            if (verdicts.size() >= SIZES_REMEMBERED) {
                verdicts.clear(); // checked again when they come back
            }
            verdicts.putIfAbsent(size, verdict);
            if (verdict.isEmpty()) {
                return reduced;
            }
        }
        if (!verdict.isEmpty()) {
            throw new StyleTransferException(Kind.ENGINE, verdict);
        }
        return bf16.apply(input, condition);
    }

    /** Mean |a - b| over mean |a|; not finite values count as entirely different. */
    static double relativeDifference(float[] a, float[] b) {
        if (a.length != b.length) {
            return Double.POSITIVE_INFINITY;
        }
        double difference = 0;
        double magnitude = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (!Double.isFinite(d)) {
                return Double.POSITIVE_INFINITY;
            }
            difference += d;
            magnitude += Math.abs(a[i]);
        }
        return magnitude == 0 ? (difference == 0 ? 0 : Double.POSITIVE_INFINITY) : difference / magnitude;
    }

    @Override
    public void close() {
        try {
            bf16.close();
        } finally {
            fp32.close();
        }
    }
}
