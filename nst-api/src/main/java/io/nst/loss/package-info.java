/** The loss math of style transfer as a plain-Java reference: the test oracle for every backend. */
package io.nst.loss;
