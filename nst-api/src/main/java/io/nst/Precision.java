package io.nst;

import io.nst.internal.EnumNames;

/**
 * The arithmetic a one-pass network runs in. Reduced precision trades a little accuracy for time
 * on engines that run it natively; a backend that cannot run a precision refuses it and names the
 * backends that can.
 */
public enum Precision {
    /** 32-bit floats, as the networks were trained: the reference result. The default. */
    FP32,
    /**
     * 16-bit brain floats in the convolutions, added up in 32 bits, where the engine runs them
     * natively: TensorFlow (its oneDNN kernels) on a CPU with AVX-512 BF16 or AMX. About 1.6 times
     * as fast as {@link #FP32} on such a CPU, within half a grey level of it on average; needs no
     * calibration. A CPU without those instructions is refused, naming them.
     */
    BF16,
    /**
     * 8-bit integer convolutions where they carry the network's work (the layers of 64 channels and
     * more), with each convolution's activations quantized to the ranges they took on a fixed set of
     * calibration photos; the first and last layers stay float. About 1.5 times as fast as
     * {@link #FP32} on a CPU with integer dot-product instructions, within 2 grey levels of it on
     * average. Calibration runs once per network and is cached next to the models; it needs the
     * calibration photos (eight photos of the training set, fetched like a model).
     */
    INT8;

    /**
     * Parses {@code fp32}, {@code bf16} or {@code int8}, ignoring case.
     *
     * @throws IllegalArgumentException naming the text otherwise
     */
    public static Precision parse(String text) {
        return EnumNames.parse(Precision.class, text, "precision");
    }
}
