/** Engine-free network descriptions (layers, weights, tensors), their plain-Java reference forward pass, and the feature-network contract that model modules provide. */
package io.nst.net;
