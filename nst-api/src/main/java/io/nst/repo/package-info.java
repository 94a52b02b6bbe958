/** Resolves model and sample-asset ids to digest-verified local files: cache, mirror, pinned URL. */
package io.nst.repo;
