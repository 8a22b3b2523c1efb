package coop.entraide.node.media;

import coop.entraide.node.media.ImageProbe.Defect;
import coop.entraide.node.media.ImageProbe.Format;
import coop.entraide.node.media.ImageProbe.Probe;
import coop.entraide.node.media.ImageProbe.Result;
import coop.entraide.node.media.ImageProbe.Unreadable;
import java.util.Optional;

/**
 * Reads the size of a WebP file from its RIFF chunks (RFC 9649 §2): the simple lossy ({@code VP8 },
 * size in the key frame header of RFC 6386 §9.1) and lossless ({@code VP8L}, RFC 9649 §3) formats,
 * and the extended one ({@code VP8X}, RFC 9649 §2.7), whose canvas is 24 bits a side and which may
 * be animated. Nothing is decoded; every offset is checked against the bytes that are there.
 */
final class WebpHeader {
    private static final int CHUNK_HEADER = 8;
    private static final int VP8X_ANIMATION = 0x02;

    private WebpHeader() {
    }

    /** Called with a file that starts with RIFF....WEBP. */
    static Result probe(byte[] b) {
        long riffSize = u32le(b, 4);
        if (riffSize < 4 + CHUNK_HEADER) {
            return new Unreadable(Defect.BROKEN_CONTAINER);
        }
        if (CHUNK_HEADER + riffSize > b.length) {
            return new Unreadable(Defect.TRUNCATED);
        }
        // Bytes after the RIFF payload are ignored, as the container specification allows.
        int end = (int) (CHUNK_HEADER + riffSize);
        Optional<Chunk> found = Chunk.at(b, 12, end);
        if (found.isEmpty()) {
            return new Unreadable(Defect.TRUNCATED);
        }
        Chunk first = found.get();
        if (first.is(b, "VP8 ") || first.is(b, "VP8L")) {
            return frame(b, first);
        }
        if (first.is(b, "VP8X")) {
            return extended(b, first, end);
        }
        return new Unreadable(Defect.BROKEN_CONTAINER);
    }

    /**
     * An extended file: refused when animated (a decoder would allocate the whole canvas for every
     * frame), otherwise the larger of the canvas and the image chunk on each side, so that neither
     * can smuggle a size past the limits.
     */
    private static Result extended(byte[] b, Chunk vp8x, int end) {
        if (vp8x.size() < 10) {
            return new Unreadable(Defect.BROKEN_CONTAINER);
        }
        int flags = b[vp8x.data()] & 0xff;
        int canvasWidth = u24le(b, vp8x.data() + 4) + 1;
        int canvasHeight = u24le(b, vp8x.data() + 7) + 1;
        if ((flags & VP8X_ANIMATION) != 0) {
            return new Unreadable(Defect.ANIMATED);
        }
        int at = vp8x.next();
        while (at < end) {
            Optional<Chunk> found = Chunk.at(b, at, end);
            if (found.isEmpty()) {
                return new Unreadable(Defect.TRUNCATED);
            }
            Chunk chunk = found.get();
            if (chunk.is(b, "ANIM") || chunk.is(b, "ANMF")) {
                return new Unreadable(Defect.ANIMATED); // frames without the flag: still an animation
            }
            if (chunk.is(b, "VP8 ") || chunk.is(b, "VP8L")) {
                Result frame = frame(b, chunk);
                if (frame instanceof Probe image) {
                    return new Probe(Format.WEBP, Math.max(canvasWidth, image.width()),
                            Math.max(canvasHeight, image.height()), image.lossless());
                }
                return frame;
            }
            at = chunk.next();
        }
        return new Unreadable(Defect.NO_IMAGE);
    }

    private static Result frame(byte[] b, Chunk chunk) {
        return chunk.is(b, "VP8L") ? lossless(b, chunk) : lossy(b, chunk);
    }

    /** A VP8 key frame: 3-byte frame tag, start code 9D 01 2A, then 14-bit width and height. */
    private static Result lossy(byte[] b, Chunk chunk) {
        int d = chunk.data();
        if (chunk.size() < 10) {
            return new Unreadable(Defect.BROKEN_FRAME_HEADER);
        }
        boolean keyFrame = (b[d] & 0x01) == 0;
        boolean startCode = (b[d + 3] & 0xff) == 0x9D && (b[d + 4] & 0xff) == 0x01 && (b[d + 5] & 0xff) == 0x2A;
        int width = u16le(b, d + 6) & 0x3FFF;
        int height = u16le(b, d + 8) & 0x3FFF;
        if (!keyFrame || !startCode || width == 0 || height == 0) {
            return new Unreadable(Defect.BROKEN_FRAME_HEADER);
        }
        return new Probe(Format.WEBP, width, height, false);
    }

    /** A VP8L header: signature 0x2F, then width − 1 and height − 1 in 14 bits each, alpha, version 0. */
    private static Result lossless(byte[] b, Chunk chunk) {
        int d = chunk.data();
        if (chunk.size() < 5 || (b[d] & 0xff) != 0x2F) {
            return new Unreadable(Defect.BROKEN_FRAME_HEADER);
        }
        long bits = u32le(b, d + 1);
        int width = (int) (bits & 0x3FFF) + 1;
        int height = (int) ((bits >>> 14) & 0x3FFF) + 1;
        int version = (int) ((bits >>> 29) & 0x07);
        if (version != 0) {
            return new Unreadable(Defect.BROKEN_FRAME_HEADER);
        }
        return new Probe(Format.WEBP, width, height, true);
    }

    /** A chunk whose header and payload both lie before {@code end}: its FourCC, payload offset and size. */
    record Chunk(int offset, int size) {
        static Optional<Chunk> at(byte[] b, int offset, int end) {
            if (offset + CHUNK_HEADER > end) {
                return Optional.empty();
            }
            long size = u32le(b, offset + 4);
            if (offset + CHUNK_HEADER + size > end) {
                return Optional.empty();
            }
            return Optional.of(new Chunk(offset, (int) size));
        }

        boolean is(byte[] b, String fourCc) {
            return ImageProbe.fourCc(b, offset, fourCc);
        }

        int data() {
            return offset + CHUNK_HEADER;
        }

        /** Payloads of odd size are followed by one byte of padding. */
        int next() {
            return data() + size + (size & 1);
        }
    }

    private static int u16le(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8);
    }

    private static int u24le(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16);
    }

    static long u32le(byte[] b, int at) {
        return (b[at] & 0xff) | ((b[at + 1] & 0xff) << 8) | ((b[at + 2] & 0xff) << 16) | ((long) (b[at + 3] & 0xff) << 24);
    }
}
