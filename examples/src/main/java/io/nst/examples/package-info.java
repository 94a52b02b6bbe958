/** Runnable examples of the public API, one per feature; each main's Javadoc shows its arguments. */
package io.nst.examples;
