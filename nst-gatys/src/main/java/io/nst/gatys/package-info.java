/** The Gatys method: optimises an image's pixels with L-BFGS or Adam against a backend's losses. */
package io.nst.gatys;
