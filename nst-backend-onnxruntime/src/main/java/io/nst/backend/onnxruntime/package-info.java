/** The ONNX Runtime backend: network descriptions compiled to ONNX graphs (the SDK's ONNX export) and run. */
package io.nst.backend.onnxruntime;
