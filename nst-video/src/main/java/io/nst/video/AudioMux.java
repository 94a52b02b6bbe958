package io.nst.video;

import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_NONE;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_ID_OPUS;
import static org.bytedeco.ffmpeg.global.avcodec.FF_COMPLIANCE_NORMAL;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_get_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_copy;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_guess_format;
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
import org.bytedeco.ffmpeg.avformat.AVOutputFormat;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.FFmpegFrameRecorder;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.FrameGrabber;
import org.bytedeco.javacv.FrameRecorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a clip's audio track, packet for packet (never decoded where the container can hold it),
 * beside the stylized video: JavaCV's recorder either encodes every stream or copies every
 * stream, so the two come together here, through FFmpeg's own muxing calls.
 */
final class AudioMux {

    private static final Logger LOG = LoggerFactory.getLogger(AudioMux.class);

    /** Packets between two looks at the thread's interrupt. */
    private static final int CHECK_EVERY = 256;

    private static final AVRational MICROSECONDS = new AVRational().num(1).den(1_000_000);

    private AudioMux() {}

    /**
     * What became of a clip's audio track in the output.
     *
     * @param kept whether the output has it
     * @param note empty when it was copied as it was; else how it was changed or why it was left
     *     out, to follow "the audio track was"
     */
    record Outcome(boolean kept, String note) {
        static final Outcome COPIED = new Outcome(true, "");

        /** Before a clip is finished, or for a source without audio. */
        static final Outcome NONE = new Outcome(false, "");
    }

    /**
     * Writes to {@code output} (a {@code format} container) the video of {@code video} and the
     * first audio track of {@code source}, shifted so that it keeps its place against the
     * source's video: packet for packet where the container can hold the audio's codec, else
     * re-encoded to the container's own audio codec (AAC into WebM becomes Opus) when FFmpeg has
     * its encoder.
     *
     * @return what became of the audio; when it was left out, nothing was written
     * @throws StyleTransferException of kind {@code IO} when a file cannot be read or written,
     *     {@code CANCELLED} when the thread is interrupted (the interrupt kept)
     */
    static Outcome mux(Path video, Path source, Path output, String format) {
        AVOutputFormat container = av_guess_format(format, null, null);
        if (container == null) {
            throw new StyleTransferException(Kind.IO, output + ": FFmpeg has no " + format + " container");
        }
        AVFormatContext probe = open(source);
        long audioStart;
        long videoStart;
        int sourceCodec;
        try {
            AVStream audio = probe.streams(streamOf(probe, AVMEDIA_TYPE_AUDIO));
            sourceCodec = audio.codecpar().codec_id();
            audioStart = micros(audio);
            int sourceVideo = streamOf(probe, AVMEDIA_TYPE_VIDEO);
            videoStart = sourceVideo < 0 ? 0 : micros(probe.streams(sourceVideo));
        } finally {
            avformat_close_input(probe);
        }
        if (avformat_query_codec(container, sourceCodec, FF_COMPLIANCE_NORMAL) == 1) {
            copy(video, source, videoStart, output, format);
            return Outcome.COPIED;
        }
        int containerCodec = container.audio_codec();
        String from = avcodec_get_name(sourceCodec).getString();
        if (containerCodec == AV_CODEC_ID_NONE || avcodec_find_encoder(containerCodec) == null) {
            LOG.debug("{} cannot hold the audio of {} and has no encoder", format, source);
            return new Outcome(false, "left out (the " + format + " container cannot hold " + from + ")");
        }
        String to = avcodec_get_name(containerCodec).getString();
        Path encoded = FrameWriter.partBeside(output, ".audio");
        try {
            reencode(source, encoded, format, containerCodec);
            // The re-encoded audio starts at 0 where the source's started at audioStart.
            copy(video, encoded, videoStart - audioStart, output, format);
        } finally {
            FrameWriter.discard(encoded);
        }
        return new Outcome(true, "re-encoded as " + to + " (the " + format + " container cannot hold " + from + ")");
    }

    /**
     * Writes {@code output} from the video of {@code video} and the first audio track of {@code
     * audioFile}, its packets moved back by {@code shiftMicros}.
     */
    private static void copy(Path video, Path audioFile, long shiftMicros, Path output, String format) {
        AVFormatContext videoIn = open(video);
        AVFormatContext audioIn = null;
        AVFormatContext out = null;
        AVPacket videoPacket = av_packet_alloc();
        AVPacket audioPacket = av_packet_alloc();
        try {
            audioIn = open(audioFile);
            int videoIndex = streamOf(videoIn, AVMEDIA_TYPE_VIDEO);
            int audioIndex = streamOf(audioIn, AVMEDIA_TYPE_AUDIO);
            out = new AVFormatContext(null);
            check(avformat_alloc_output_context2(out, null, format, output.toString()), output, "set up");
            AVStream audio = audioIn.streams(audioIndex);
            AVStream videoOut = copyStream(out, videoIn.streams(videoIndex));
            AVStream audioOut = copyStream(out, audio);
            AVIOContext pb = new AVIOContext(null);
            check(avio_open(pb, output.toString(), AVIO_FLAG_WRITE), output, "open");
            out.pb(pb);
            check(avformat_write_header(out, (AVDictionary) null), output, "start");
            long shift = av_rescale_q(shiftMicros, MICROSECONDS, audio.time_base());
            AVRational videoBase = videoIn.streams(videoIndex).time_base();
            boolean moreVideo = next(videoIn, videoIndex, videoPacket);
            boolean moreAudio = next(audioIn, audioIndex, audioPacket);
            long written = 0;
            while (moreVideo || moreAudio) {
                if (++written % CHECK_EVERY == 0 && Thread.currentThread().isInterrupted()) {
                    throw cancelled(output);
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

    /**
     * Decodes the first audio track of {@code source} and encodes it with {@code codec} into an
     * audio-only {@code format} file {@code encoded}, through JavaCV, which resamples and frames
     * the samples as the encoder needs.
     */
    private static void reencode(Path source, Path encoded, String format, int codec) {
        FFmpegFrameGrabber grabber = new FFmpegFrameGrabber(source.toFile());
        FFmpegFrameRecorder recorder = null;
        try {
            grabber.start();
            int channels = Math.min(2, grabber.getAudioChannels());
            recorder = new FFmpegFrameRecorder(encoded.toFile(), channels);
            recorder.setFormat(format);
            recorder.setAudioCodec(codec);
            // Opus encodes at 48 kHz only, among the rates a clip's audio has.
            recorder.setSampleRate(codec == AV_CODEC_ID_OPUS ? 48_000 : grabber.getSampleRate());
            recorder.setAudioBitrate(Math.max(64_000, Math.min(256_000, grabber.getAudioBitrate())));
            recorder.start();
            Frame samples;
            while ((samples = grabber.grabSamples()) != null) {
                if (Thread.currentThread().isInterrupted()) {
                    throw cancelled(encoded);
                }
                recorder.recordSamples(samples.sampleRate, samples.audioChannels, samples.samples);
            }
            recorder.stop();
        } catch (FrameGrabber.Exception | FrameRecorder.Exception e) {
            throw new StyleTransferException(
                    Kind.IO, source + ": its audio cannot be re-encoded: " + Ffmpeg.reason(e), e);
        } finally {
            if (recorder != null) {
                Ffmpeg.release(recorder);
            }
            Ffmpeg.release(grabber);
        }
    }

    private static StyleTransferException cancelled(Path output) {
        return new StyleTransferException(Kind.CANCELLED, output + ": cancelled while adding the audio");
    }

    /** When {@code stream} starts, in microseconds; 0 when the container does not say. */
    private static long micros(AVStream stream) {
        return stream.start_time() == AV_NOPTS_VALUE
                ? 0
                : av_rescale_q(stream.start_time(), stream.time_base(), MICROSECONDS);
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
