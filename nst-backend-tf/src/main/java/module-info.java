/** The TensorFlow backend: the SDK's networks built as TF-Java graphs and run through DJL's engine, and SavedModels. */
@SuppressWarnings("requires-automatic")
module io.nst.backend.tensorflow {
    requires io.nst.api;
    requires ai.djl.api;
    requires ai.djl.tensorflow_api;
    requires org.slf4j;
    // Puts JNA in the module graph: io.nst.api sets the engine's native settings through it.
    requires com.sun.jna;

    provides io.nst.spi.Backend with
            io.nst.backend.tensorflow.TensorFlowBackend;
}
