package io.nst.backend.tensorflow;

import io.nst.fast.internal.TransferModels;
import io.nst.net.FloatTensor;
import io.nst.spi.CompiledNetwork;
import io.nst.testing.RandomTensors;
import io.nst.testing.TestMirror;
import java.io.IOException;

/** Starts TensorFlow and runs a transfer network once, as its own program, for tests of what a fresh JVM prints. */
public final class OneRun {

    private OneRun() {}

    public static void main(String[] args) throws IOException {
        try (CompiledNetwork net =
                new TensorFlowBackend().compile(TransferModels.load("wave", TestMirror.repository()), false)) {
            net.apply(new FloatTensor(3, 16, 16, RandomTensors.gaussian(3 * 16 * 16, 1)));
        }
        System.out.println("ran");
    }
}
