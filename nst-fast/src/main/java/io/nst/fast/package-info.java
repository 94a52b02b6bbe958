/** The fast method, its training and export: the transfer network defined once, its pretrained styles, one-pass stylization. */
package io.nst.fast;
