package io.nst.video;

import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacv.FFmpegLogCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** FFmpeg's log and JavaCV's exceptions, made to fit the SDK's: quiet unless asked, one-line reasons. */
final class Ffmpeg {

    private static final Logger LOG = LoggerFactory.getLogger(Ffmpeg.class);

    private Ffmpeg() {}

    /** FFmpeg writes nothing to the terminal, unless this module's debug log is on; then it goes there. */
    static void quiet() {
        Holder.SET.hashCode();
    }

    private static final class Holder {
        static final Object SET = set();

        private static Object set() {
            if (LOG.isDebugEnabled()) {
                FFmpegLogCallback.set();
            } else {
                avutil.av_log_set_level(avutil.AV_LOG_QUIET);
            }
            return Boolean.TRUE;
        }
    }

    /** The reason in {@code e}'s message, without JavaCV's advice (turn on FFmpeg's log, set a format). */
    static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        for (String advice : new String[] {" (For more details", " (Has setFormat() been called?)"}) {
            int at = message.indexOf(advice);
            message = at >= 0 ? message.substring(0, at) : message;
        }
        return message.strip();
    }

    /** Closes {@code resource}, a grabber or recorder already failing or finished, without throwing. */
    static void release(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            LOG.debug("closing {} failed", resource, e);
        }
    }
}
