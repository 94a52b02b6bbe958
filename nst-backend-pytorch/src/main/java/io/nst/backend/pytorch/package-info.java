/** The PyTorch backend: compiles network descriptions to DJL PyTorch ops and differentiates them. */
package io.nst.backend.pytorch;
