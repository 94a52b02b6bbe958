package io.nst.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/** This machine's single-precision matrix-multiply rate, the yardstick for network speed. */
final class MatrixMultiplyRate {

    private static final int N = 2048;

    private MatrixMultiplyRate() {}

    static double gflops() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray a = manager.randomUniform(-1, 1, new Shape(N, N));
            NDArray b = manager.randomUniform(-1, 1, new Shape(N, N));
            double[] times = new double[7];
            for (int i = 0; i < times.length; i++) {
                long t0 = System.nanoTime();
                try (NDArray c = a.matMul(b)) {
                    c.getFloat(0, 0);
                }
                times[i] = (System.nanoTime() - t0) / 1e9;
            }
            Arrays.sort(times);
            return 2.0 * N * N * N / times[times.length / 2] / 1e9;
        }
    }
}
