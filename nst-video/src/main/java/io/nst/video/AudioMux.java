package io.nst.video;

import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_query_codec;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_close;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_AUDIO;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_compare_ts;
import static org.bytedeco.ffmpeg.global.avutil.av_rescale_q;

import io.nst.StyleTransferException;
import io.nst.StyleTransferException.Kind;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a clip's audio track, packet for packet (never decoded), beside the stylized video:
 * JavaCV's recorder either encodes every stream or copies every stream, so the two come together
 * here, through FFmpeg's own muxing calls.
 */
final class AudioMux {

    private static final Logger LOG = LoggerFactory.getLogger(AudioMux.class);

    /** Packets between two looks at the thread's interrupt. */
    private static final int CHECK_EVERY = 256;

    private AudioMux() {}

    /**
     * Writes to {@code output} (a {@code format} container) the video of {@code video} and the
     * first audio track of {@code source}, shifted so that it keeps its place against the
     * source's video.
     *
     * @return false, writing nothing, when the container cannot hold the source's audio codec
     * @throws StyleTransferException of kind {@code IO} when a file cannot be read or written,
     *     {@code CANCELLED} when the thread is interrupted (the interrupt kept)
     */
    static boolean mux(Path video, Path source, Path output, String format) {
        AVFormatContext videoIn = open(video);
        AVFormatContext audioIn = null;
        AVFormatContext out = null;
        AVPacket videoPacket = av_packet_alloc();
        AVPacket audioPacket = av_packet_alloc();
        try {
            audioIn = open(source);
            int videoIndex = streamOf(videoIn, AVMEDIA_TYPE_VIDEO);
            int audioIndex = streamOf(audioIn, AVMEDIA_TYPE_AUDIO);
            int sourceVideo = streamOf(audioIn, AVMEDIA_TYPE_VIDEO);
            out = new AVFormatContext(null);
            check(avformat_alloc_output_context2(out, null, format, output.toString()), output, "set up");
            AVStream audio = audioIn.streams(audioIndex);
            if (avformat_query_codec(out.oformat(), audio.codecpar().codec_id(), FF_COMPLIANCE_NORMAL) != 1) {
                LOG.debug("{} cannot hold the audio of {}", format, source);
                return false;
            }
            AVStream videoOut = copyStream(out, videoIn.streams(videoIndex));
            AVStream audioOut = copyStream(out, audio);
            AVIOContext pb = new AVIOContext(null);
            check(avio_open(pb, output.toString(), AVIO_FLAG_WRITE), output, "open");
            out.pb(pb);
            check(avformat_write_header(out, (AVDictionary) null), output, "start");
            long shift = 0;
            AVStream sourceVideoStream = sourceVideo < 0 ? null : audioIn.streams(sourceVideo);
            if (sourceVideoStream != null && sourceVideoStream.start_time() != AV_NOPTS_VALUE) {
                shift = av_rescale_q(sourceVideoStream.start_time(), sourceVideoStream.time_base(), audio.time_base());
            }
            AVRational videoBase = videoIn.streams(videoIndex).time_base();
            boolean moreVideo = next(videoIn, videoIndex, videoPacket);
            boolean moreAudio = next(audioIn, audioIndex, audioPacket);
            long written = 0;
            while (moreVideo || moreAudio) {
                if (++written % CHECK_EVERY == 0 && Thread.currentThread().isInterrupted()) {
                    throw new StyleTransferException(Kind.CANCELLED, output + ": cancelled while adding the audio");
                }
                boolean takeVideo = moreVideo
                        && (!moreAudio
                                || av_compare_ts(
                                                time(videoPacket),
                                                videoBase,
                                                time(audioPacket) - shift,
                                                audio.time_base())
                                        <= 0);
                if (takeVideo) {
                    write(out, videoPacket, videoBase, videoOut, 0, output);
                    moreVideo = next(videoIn, videoIndex, videoPacket);
                } else {
                    write(out, audioPacket, audio.time_base(), audioOut, shift, output);
                    moreAudio = next(audioIn, audioIndex, audioPacket);
                }
            }
            check(av_write_trailer(out), output, "finish");
            return true;
        } finally {
            av_packet_free(videoPacket);
            av_packet_free(audioPacket);
            if (out != null) {
                if (out.pb() != null) {
                    avio_close(out.pb());
                }
                avformat_free_context(out);
            }
            avformat_close_input(videoIn);
            if (audioIn != null) {
                avformat_close_input(audioIn);
            }
        }
    }

    private static AVFormatContext open(Path file) {
        AVFormatContext context = new AVFormatContext(null);
        check(avformat_open_input(context, file.toString(), null, null), file, "read");
        if (avformat_find_stream_info(context, (PointerPointer<?>) null) < 0) {
            avformat_close_input(context);
            throw new StyleTransferException(Kind.IO, file + ": cannot be read for its audio");
        }
        return context;
    }

    private static int streamOf(AVFormatContext context, int type) {
        for (int i = 0; i < context.nb_streams(); i++) {
            if (context.streams(i).codecpar().codec_type() == type) {
                return i;
            }
        }
        return -1;
    }

    private static AVStream copyStream(AVFormatContext out, AVStream in) {
        AVStream stream = avformat_new_stream(out, (AVCodec) null);
        avcodec_parameters_copy(stream.codecpar(), in.codecpar());
        stream.codecpar().codec_tag(0);
        stream.time_base(in.time_base());
        // Matroska keeps times in milliseconds: without the rate, a player would infer 14.985 from 15.
        stream.avg_frame_rate(in.avg_frame_rate());
        stream.r_frame_rate(in.r_frame_rate());
        return stream;
    }

    /** Reads the next packet of stream {@code index} into {@code packet}; false at the end. */
    private static boolean next(AVFormatContext in, int index, AVPacket packet) {
        while (true) {
            av_packet_unref(packet);
            if (av_read_frame(in, packet) < 0) {
                return false;
            }
            if (packet.stream_index() == index) {
                return true;
            }
        }
    }

    private static long time(AVPacket packet) {
        return packet.dts() != AV_NOPTS_VALUE ? packet.dts() : packet.pts();
    }

    private static void write(
            AVFormatContext out, AVPacket packet, AVRational base, AVStream stream, long shift, Path output) {
        if (packet.pts() != AV_NOPTS_VALUE) {
            packet.pts(packet.pts() - shift);
        }
        if (packet.dts() != AV_NOPTS_VALUE) {
            packet.dts(packet.dts() - shift);
        }
        av_packet_rescale_ts(packet, base, stream.time_base());
        packet.stream_index(stream.index());
        packet.pos(-1);
        check(av_interleaved_write_frame(out, packet), output, "write");
    }

    private static void check(int result, Path file, String what) {
        if (result < 0) {
            throw new StyleTransferException(Kind.IO, file + ": cannot " + what + " (FFmpeg error " + result + ")");
        }
    }
}
