/** The {@code nst} command-line tool and its benchmarks, on every backend. */
package io.nst.cli;
