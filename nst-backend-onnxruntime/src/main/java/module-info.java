/** The ONNX Runtime backend: the SDK's networks written as ONNX graphs and run, and saved .onnx models. */
@SuppressWarnings("requires-automatic")
module io.nst.backend.onnxruntime {
    requires io.nst.api;
    requires com.microsoft.onnxruntime;
    // DJL's engine creates ONNX Runtime's environment first (see OnnxRuntimeBackend.environment).
    requires ai.djl.api;
    requires org.slf4j;

    provides io.nst.spi.Backend with
            io.nst.backend.onnxruntime.OnnxRuntimeBackend;
}
