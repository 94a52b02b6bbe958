/**
 * Neural style transfer: build a {@link io.nst.StyleTransfer} with a content photo and one or
 * more style paintings, run it, get a {@link io.nst.StyleTransferResult}.
 */
package io.nst;
