/** Service-provider interfaces that backends implement (compiling networks, Gatys objectives, training sessions), and how one is chosen. */
package io.nst.spi;
