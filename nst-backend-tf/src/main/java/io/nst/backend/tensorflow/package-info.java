/** The TensorFlow backend: network descriptions built as TF-Java graphs, run and exported as SavedModels. */
package io.nst.backend.tensorflow;
