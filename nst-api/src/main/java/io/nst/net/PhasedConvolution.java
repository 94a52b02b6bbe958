package io.nst.net;

/**
 * A stride-1 convolution of a few output channels computed two output rows and two columns at a
 * time, for engines whose CPU convolutions work on blocks of 8 or 16 channels: the 3 channels of
 * the transfer networks' picture-making last layer (9x9, at full size) took a whole block, five
 * times the work they needed, and as {@link #blocks} their 12 fill most of one at a quarter of the
 * positions. The sums are the same.
 *
 * <p>A backend pads the input with {@code top}, {@code left}, {@code bottom} and {@code right}
 * zero cells, runs {@link #blocks} (stride 2, a kernel one cell larger each way, no padding of
 * its own), lays its channels out as DepthToSpace of block 2 does in TensorFlow's order (ONNX's
 * {@code DCR}: channel {@code (dy * 2 + dx) * C + c} is output channel {@code c} at row {@code 2i
 * + dy}, column {@code 2j + dx}), and cuts the result to the input's height plus {@link
 * #heightChange} and width plus {@link #widthChange}: a convolution whose output is odd in a
 * direction gives one row or column too many.
 *
 * @param blocks the stride-2 convolution giving each output channel once per position in a 2x2 block
 * @param top zero rows above the input
 * @param left zero columns before the input
 * @param bottom zero rows below the input
 * @param right zero columns after the input
 * @param heightChange the output's height less the input's
 * @param widthChange the output's width less the input's
 */
public record PhasedConvolution(
        Layer.Conv2d blocks, int top, int left, int bottom, int right, int heightChange, int widthChange) {

    /** The most output channels computed in phases: four times as many fill one block of 16. */
    public static final int MAX_OUT_CHANNELS = 4;

    /**
     * Whether {@code c} is better computed in phases: stride 1, a kernel wider than one cell each
     * way, at most {@value #MAX_OUT_CHANNELS} output channels.
     */
    public static boolean suits(Layer.Conv2d c) {
        return suits(c, MAX_OUT_CHANNELS);
    }

    /**
     * Whether {@code c} is better computed in phases where an engine gains up to {@code
     * maxOutChannels} output channels: stride 1, a kernel wider than one cell each way.
     */
    public static boolean suits(Layer.Conv2d c, int maxOutChannels) {
        return c.stride() == 1 && c.outChannels() <= maxOutChannels && c.kernelHeight() > 1 && c.kernelWidth() > 1;
    }

    /**
     * {@code c} in phases.
     *
     * @throws IllegalArgumentException if {@code c} has a stride other than 1
     */
    public static PhasedConvolution of(Layer.Conv2d c) {
        if (c.stride() != 1) {
            throw new IllegalArgumentException(c.name() + ": only a stride-1 convolution runs in phases");
        }
        int kh = c.kernelHeight();
        int kw = c.kernelWidth();
        int in = c.inChannels();
        int out = c.outChannels();
        boolean same = c.padding() == Padding.SAME;
        // SAME at stride 1 pads k - 1 cells, the odd one after, as TensorFlow and ONNX's SAME_UPPER do.
        int top = same ? (kh - 1) / 2 : 0;
        int bottom = same ? kh - 1 - top : 0;
        int left = same ? (kw - 1) / 2 : 0;
        int right = same ? kw - 1 - left : 0;
        int ph = kh + 1;
        int pw = kw + 1;
        float[] weight = new float[4 * out * in * ph * pw];
        float[] bias = c.bias() == null ? null : new float[4 * out];
        for (int dy = 0; dy < 2; dy++) {
            for (int dx = 0; dx < 2; dx++) {
                for (int o = 0; o < out; o++) {
                    int phase = (dy * 2 + dx) * out + o;
                    if (bias != null) {
                        bias[phase] = c.bias()[o];
                    }
                    // The output at (2i + dy, 2j + dx) is the kernel shifted down by dy and right by dx.
                    for (int i = 0; i < in; i++) {
                        for (int ky = 0; ky < kh; ky++) {
                            for (int kx = 0; kx < kw; kx++) {
                                weight[((phase * in + i) * ph + ky + dy) * pw + kx + dx] =
                                        c.weight()[((o * in + i) * kh + ky) * kw + kx];
                            }
                        }
                    }
                }
            }
        }
        Layer.Conv2d blocks =
                new Layer.Conv2d(c.name() + "/phased", in, 4 * out, ph, pw, 2, Padding.VALID, weight, bias);
        // One more zero row and column after: an odd output's last row needs its block's.
        return new PhasedConvolution(
                blocks, top, left, bottom + 1, right + 1, top + bottom - kh + 1, left + right - kw + 1);
    }
}
