package io.nst.fast;

import io.nst.Images;
import io.nst.Method;
import io.nst.StyleTransfer;
import io.nst.StyleTransferException;
import io.nst.StyleTransferResult;
import io.nst.net.NetworkSpec;
import io.nst.spi.Backend;
import io.nst.spi.Backends;
import io.nst.spi.Capability;
import io.nst.spi.CompiledNetwork;
import io.nst.spi.FloatTensor;
import io.nst.spi.StyleMethod;
import java.awt.image.BufferedImage;
import java.io.IOException;

/** The fast method: one forward pass of a trained transfer network. */
public final class FastMethod implements StyleMethod {

    @Override
    public Method method() {
        return Method.FAST;
    }

    @Override
    public StyleTransferResult run(StyleTransfer job) {
        long start = System.nanoTime();
        Backend backend = Backends.select(job.backend(), Capability.FAST_INFERENCE);
        boolean gpu = backend.useGpu(job.device());
        NetworkSpec network;
        try {
            network = TransferModels.load(job.model(), job.repository());
        } catch (IOException e) {
            throw new StyleTransferException("model " + job.model() + ": " + e.getMessage(), e);
        }
        BufferedImage input = job.content().read(job.maxInputPixels());
        if (job.requestedSize().isPresent()) {
            input = Images.resizeLongSide(input, job.requestedSize().getAsInt());
        }
        if (input.getWidth() < 4 || input.getHeight() < 4) {
            throw new StyleTransferException(job.content() + ": " + input.getWidth() + "x" + input.getHeight()
                    + " is too small for the fast method (at least 4x4)");
        }
        FloatTensor image = Images.toTensor(input);
        try (CompiledNetwork net = backend.compile(network, gpu)) {
            FloatTensor out = stylize(net, image);
            return new StyleTransferResult(Images.toImage(out), Method.FAST.id(), backend.name(), gpu ? "gpu" : "cpu",
                    0, 1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    (System.nanoTime() - start) / 1e9, false);
        }
    }

    /**
     * RGB in {@code [0, 1]} to RGB in {@code [0, 1]}. The network halves the size twice and
     * doubles it twice, so the input is padded to a multiple of 4 by repeating its last row and
     * column, and the output cropped back.
     */
    static FloatTensor stylize(CompiledNetwork net, FloatTensor image) {
        int h = image.height();
        int w = image.width();
        int ph = (h + 3) / 4 * 4;
        int pw = (w + 3) / 4 * 4;
        float[] padded = new float[3 * ph * pw];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < ph; y++) {
                int sy = Math.min(y, h - 1);
                for (int x = 0; x < pw; x++) {
                    padded[(c * ph + y) * pw + x] = 255f * image.data()[(c * h + sy) * w + Math.min(x, w - 1)];
                }
            }
        }
        FloatTensor out = net.apply(new FloatTensor(3, ph, pw, padded));
        float[] cropped = new float[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    cropped[(c * h + y) * w + x] = out.data()[(c * ph + y) * pw + x] / 255f;
                }
            }
        }
        return new FloatTensor(3, h, w, cropped);
    }
}
