/**
 * Neural style transfer: build a {@link io.nst.StyleTransfer} with a content photo and one or
 * more style paintings, run it, get a {@link io.nst.StyleTransferResult}.
 *
 * <p><b>Exceptions</b>, the same in every module: everything a user calls throws unchecked
 * exceptions, writing files included; checked {@code IOException}s appear only in the contracts
 * that modules implement for each other (the SPI, {@code FeatureNetwork.load}, the repository's
 * {@code resolve}), where the caller adds what it knows to the message. A setter refuses a bad value
 * at once with an {@link java.lang.IllegalArgumentException} naming the value ({@code null} gives a
 * {@link java.lang.NullPointerException} naming the parameter); {@code build()} refuses a missing
 * input the same way. What goes wrong while running (an unreadable file, a model that cannot be
 * had, a module missing from the class path, an engine failure) is a
 * {@link io.nst.StyleTransferException} whose one-line message names the file or option and the
 * problem.
 *
 * <p><b>Settings</b>: {@link io.nst.RunSettings} (backend, device, model repository) is shared by
 * the three entry points, {@code StyleTransfer}, {@code FastStylizer} and {@code StyleTrainer};
 * each copies its builder when it is built, and {@code toBuilder()} varies a built one.
 */
package io.nst;
