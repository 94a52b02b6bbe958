/** Service-provider interfaces that methods and backends implement, and the types they exchange. */
package io.nst.spi;
