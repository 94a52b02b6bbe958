/**
 * What the SDK's modules share among themselves and users do not call: the providers found once
 * per process. Exported only to the SDK's own modules.
 */
package io.nst.internal;
