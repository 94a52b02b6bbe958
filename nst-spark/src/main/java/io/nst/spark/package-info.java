/** Style transfer over a table of images on Apache Spark, one network per executor, one error column for bad rows. */
package io.nst.spark;
