package io.nst.djl;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An engine that runs the zoo's networks, with what goes with it: the name DJL knows it by, the
 * format the SDK writes for it, the SDK backend that writes that format and its artifact. In the
 * order tried when a criteria names no engine.
 */
enum ZooEngine {
    ONNX_RUNTIME("OnnxRuntime", "onnx", "onnxruntime", "nst-backend-onnxruntime"),
    TENSORFLOW("TensorFlow", "savedmodel", "tensorflow", "nst-backend-tf");

    /** The engine's name in DJL. */
    final String djlName;

    /** The export format of {@link io.nst.fast.ModelExport} the engine loads. */
    final String format;

    /** The SDK backend of the same engine. */
    final String backend;

    /** The SDK module that writes the format and brings the engine. */
    final String artifact;

    ZooEngine(String djlName, String format, String backend, String artifact) {
        this.djlName = djlName;
        this.format = format;
        this.backend = backend;
        this.artifact = artifact;
    }

    /** The engine DJL calls {@code djlName}, if it runs the networks. */
    static Optional<ZooEngine> named(String djlName) {
        return Arrays.stream(values()).filter(e -> e.djlName.equals(djlName)).findFirst();
    }

    /** Where the export of {@code model} goes in {@code folder}: an {@code .onnx} file, or a SavedModel folder. */
    Path exportPath(Path folder, String model) {
        return this == ONNX_RUNTIME ? folder.resolve(model + ".onnx") : folder.resolve(model);
    }

    /** What DJL's {@code Model.load} takes for an export: the folder holding the file, or the SavedModel itself. */
    Path loadPath(Path exported) {
        return this == ONNX_RUNTIME ? exported.getParent() : exported;
    }

    /**
     * The engine's options as the SDK's backend sets them (ONNX Runtime: every graph optimisation,
     * a thread per core where its default takes one per physical core), under {@code given}, which
     * win.
     */
    Map<String, Object> options(Map<String, String> given) {
        Map<String, Object> options = new HashMap<>();
        if (this == ONNX_RUNTIME) {
            options.put("intraOpNumThreads", String.valueOf(io.nst.spi.EngineThreads.effective()));
            options.put("optLevel", "ALL_OPT");
        }
        if (given != null) {
            options.putAll(given);
        }
        return options;
    }
}
