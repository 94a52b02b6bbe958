/** Video: clips and frame sequences repainted frame by frame by any one-pass stylizer, kept steady by optical flow. */
@SuppressWarnings("requires-automatic")
module io.nst.video {
    requires transitive io.nst.api;
    requires org.slf4j;
    requires org.bytedeco.javacv;
    requires org.bytedeco.javacpp;
    requires org.bytedeco.ffmpeg;
    requires org.bytedeco.opencv;

    exports io.nst.video;
}
