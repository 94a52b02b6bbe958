/** A web page and an HTTP API in front of the three methods, bounded and cancellable, for people to see and products to call. */
package io.nst.web;
