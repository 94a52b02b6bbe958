/** Engine-free network descriptions, their plain-Java reference forward pass, and the feature networks. */
package io.nst.net;
