/** Concrete feature networks (Tiny Darknet, VGG19) and the readers of their weight formats, provided to the API by name. */
package io.nst.models;
