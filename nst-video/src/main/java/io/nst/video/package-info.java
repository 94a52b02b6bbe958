/**
 * Video: clips (MP4, MOV, WebM, MKV) and folders of frames stylized frame by frame by any one-pass
 * stylizer, streaming, with flicker removed by blending along the optical flow.
 *
 * <p>The jar is the automatic module {@code io.nst.video}: JavaCV's own module descriptor requires
 * JavaFX and camera drivers that this module leaves out, so JavaCV goes on the class path.
 */
package io.nst.video;
