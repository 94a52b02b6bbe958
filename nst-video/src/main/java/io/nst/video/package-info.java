/** Video: clips (MP4, WebM, MOV) and frame folders stylized frame by frame, streaming, with flicker removed by flow-warped blending. */
package io.nst.video;
