/** The fast method: the transfer network defined once, its pretrained styles, one-pass stylization. */
package io.nst.fast;
