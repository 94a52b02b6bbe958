/** The PyTorch backend (through DJL): inference, the Gatys gradients and training. */
@SuppressWarnings("requires-automatic")
module io.nst.backend.pytorch {
    requires io.nst.api;
    requires ai.djl.api;
    requires ai.djl.pytorch_engine;
    requires org.slf4j;

    provides io.nst.spi.Backend with
            io.nst.backend.pytorch.PyTorchBackend;
}
