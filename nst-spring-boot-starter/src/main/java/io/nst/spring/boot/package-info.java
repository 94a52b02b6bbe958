/**
 * Spring Boot auto-configuration of the SDK: {@code nst.*} properties, a {@link
 * io.nst.spring.boot.StylizerPool} bean closed with the context, Micrometer metrics and, with
 * {@code nst.web.enabled=true}, the HTTP API of {@code nst serve} under {@code /api}.
 */
package io.nst.spring.boot;
