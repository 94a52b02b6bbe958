/**
 * The SDK's style networks in DJL's model zoo: {@code Criteria.builder().setTypes(Image.class,
 * Image.class).optGroupId("io.nst").optArtifactId("fast-style").optFilter("style", "wave")} loads a
 * {@code ZooModel} whose predictor stylizes as {@link io.nst.fast.FastStylizer} does, on ONNX
 * Runtime or TensorFlow; {@link io.nst.djl.FastStyleTranslator} and {@link
 * io.nst.djl.ArbitraryStyleTranslator} are the pixel conversions around the networks.
 */
package io.nst.djl;
