package io.nst.fast;

import io.nst.Stylizer;
import io.nst.spi.Backend;

/**
 * What both one-pass stylizers are made of: networks compiled for one backend and device, held in
 * native memory, that calls use one at a time and that {@link #close()} frees only once no call
 * runs. Public so that the stylizers' methods can be named from any package ({@code
 * FastStylizer::close}); sealed, as only this package's stylizers extend it.
 */
public abstract sealed class NativeStylizer implements Stylizer permits FastStylizer, ArbitraryStylizer {

    final Backend backend;
    final boolean gpu;
    final CallGuard guard;

    /**
     * @param owner names the stylizer in messages
     * @param release frees the networks, once
     */
    NativeStylizer(Backend backend, boolean gpu, String owner, Runnable release) {
        this.backend = backend;
        this.gpu = gpu;
        this.guard = new CallGuard(owner, release);
    }

    @Override
    public final String backend() {
        return backend.name();
    }

    @Override
    public final String device() {
        return gpu ? "gpu" : "cpu";
    }

    /**
     * Frees the networks once the call in flight, if any, has ended; calls after it fail with kind
     * {@code CLOSED}. A second call does nothing.
     */
    @Override
    public final void close() {
        guard.close();
    }
}
