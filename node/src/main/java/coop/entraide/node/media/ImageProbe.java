package coop.entraide.node.media;

import java.util.Optional;

/**
 * What an uploaded file claims to be, read from its first bytes without decoding anything: the
 * format from its signature and the pixel size from its header (JPEG start of frame, PNG IHDR,
 * WebP's RIFF chunks as RFC 9649 lays them out). A decompression bomb (a small file that decodes
 * to billions of pixels) is refused on this information, before any decoder allocates memory.
 */
public final class ImageProbe {
    public enum Format { JPEG, PNG, WEBP }

    /** Why a file's header cannot be trusted; each one is told to the member in its own words. */
    public enum Defect {
        /** No JPEG, PNG or WebP signature. */
        UNKNOWN_FORMAT,
        /** A JPEG or PNG whose header holds no usable size. */
        UNREADABLE_HEADER,
        /** The RIFF header or a chunk announces more bytes than the file has. */
        TRUNCATED,
        /** The RIFF chunks do not make a WebP file: sizes too small, or an unknown first chunk. */
        BROKEN_CONTAINER,
        /** An extended WebP with no VP8 or VP8L image chunk. */
        NO_IMAGE,
        /** The VP8 or VP8L header is not one a decoder would accept. */
        BROKEN_FRAME_HEADER,
        /** An animated WebP (RFC 9649 §2.7.1.1): not a photo. */
        ANIMATED
    }

    /** What the header says: a size to check against the limits, or why it cannot be believed. */
    public sealed interface Result {
    }

    /**
     * The format and the largest size any header of the file claims. {@code lossless} is true for
     * PNG and VP8L, whose pixels are kept losslessly when re-encoded.
     */
    public record Probe(Format format, int width, int height, boolean lossless) implements Result {
        public long pixels() {
            return (long) width * height;
        }
    }

    /** A header that cannot be believed, and why. */
    public record Unreadable(Defect defect) implements Result {
    }

    private ImageProbe() {
    }

    public static Optional<Format> format(byte[] b) {
        if (b.length >= 3 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xD8 && (b[2] & 0xff) == 0xFF) {
            return Optional.of(Format.JPEG);
        }
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
            return Optional.of(Format.PNG);
        }
        if (b.length >= 12 && fourCc(b, 0, "RIFF") && fourCc(b, 8, "WEBP")) {
            return Optional.of(Format.WEBP);
        }
        return Optional.empty();
    }

    /** The format and pixel size from the header, or the defect that makes the header unusable. */
    public static Result probe(byte[] b) {
        Optional<Format> format = format(b);
        if (format.isEmpty()) {
            return new Unreadable(Defect.UNKNOWN_FORMAT);
        }
        return switch (format.get()) {
            case PNG -> png(b);
            case JPEG -> jpeg(b);
            case WEBP -> WebpHeader.probe(b);
        };
    }

    private static Result png(byte[] b) {
        // The first chunk must be IHDR: length (4), "IHDR", width (4), height (4).
        if (b.length < 24 || !fourCc(b, 12, "IHDR")) {
            return new Unreadable(Defect.UNREADABLE_HEADER);
        }
        long width = u32(b, 16);
        long height = u32(b, 20);
        if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            return new Unreadable(Defect.UNREADABLE_HEADER);
        }
        return new Probe(Format.PNG, (int) width, (int) height, true);
    }

    /** Walks the marker segments up to the first start-of-frame, which holds the size. */
    private static Result jpeg(byte[] b) {
        return JpegSegments.<Result>first(b, (marker, at, length) -> {
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (!startOfFrame) {
                return Optional.empty();
            }
            if (at + 9 > b.length) {
                return Optional.of(new Unreadable(Defect.UNREADABLE_HEADER));
            }
            int height = u16(b, at + 5);
            int width = u16(b, at + 7);
            return Optional.of(width < 1 || height < 1 ? new Unreadable(Defect.UNREADABLE_HEADER)
                    : new Probe(Format.JPEG, width, height, false));
        }).orElse(new Unreadable(Defect.UNREADABLE_HEADER));
    }

    static boolean fourCc(byte[] b, int at, String code) {
        return at + 4 <= b.length && b[at] == code.charAt(0) && b[at + 1] == code.charAt(1)
                && b[at + 2] == code.charAt(2) && b[at + 3] == code.charAt(3);
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
