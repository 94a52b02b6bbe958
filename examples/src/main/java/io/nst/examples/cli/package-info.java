/** The {@code nst} command-line tool, built only on the public API. */
package io.nst.examples.cli;
