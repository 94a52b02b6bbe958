/** The PyTorch backend (through DJL): inference, the Gatys gradients and training. */
@SuppressWarnings("requires-automatic")
module io.nst.backend.pytorch {
    requires io.nst.api;
    requires ai.djl.api;
    requires ai.djl.pytorch_engine;
    // Puts JNA in the module graph: io.nst.api sets the engine's native settings through it.
    requires com.sun.jna;

    provides io.nst.spi.Backend with
            io.nst.backend.pytorch.PyTorchBackend;
}
