package coop.entraide.node.media;

import coop.entraide.node.media.ImageProbe.Format;
import java.util.Optional;

/**
 * Where a file's EXIF data lies: the TIFF structure (starting at its II or MM byte order mark) that
 * JPEG keeps in an APP1 segment after {@code Exif\0\0} (EXIF 2.3 §4.5.4), PNG in an {@code eXIf}
 * chunk before the image data (PNG third edition §11.3.3.6), and extended WebP in an {@code EXIF}
 * chunk (RFC 9649 §2.7.1.4). Only segment and chunk lengths are followed, each one checked against
 * the bytes that are there, so any file gives an answer in time proportional to its size.
 */
record ExifBlock(int offset, int length) {
    private static final byte[] EXIF_HEADER = {'E', 'x', 'i', 'f', 0, 0};

    /** The EXIF block of a file of this format, if it has one whose bounds hold. */
    static Optional<ExifBlock> in(byte[] file, Format format) {
        return switch (format) {
            case JPEG -> jpeg(file);
            case PNG -> png(file);
            case WEBP -> webp(file);
        };
    }

    /** The first APP1 segment that starts with the EXIF header; XMP also lives in APP1, under another name. */
    private static Optional<ExifBlock> jpeg(byte[] b) {
        return JpegSegments.first(b, (marker, at, length) -> {
            int payload = at + 4;
            int end = at + 2 + length;
            if (end > b.length) {
                return Optional.empty(); // cut short: the walk ends at the next step
            }
            return marker == 0xE1 && startsWith(b, payload, end, EXIF_HEADER)
                    ? Optional.of(new ExifBlock(payload + EXIF_HEADER.length, end - payload - EXIF_HEADER.length))
                    : Optional.empty();
        });
    }

    /** An {@code eXIf} chunk before the first IDAT: one after the image data is not honoured by viewers either. */
    private static Optional<ExifBlock> png(byte[] b) {
        int at = 8;
        while (at + 8 <= b.length) {
            long length = ImageProbe.u32(b, at);
            long end = at + 12L + length; // length, type, data, CRC
            if (end > b.length) {
                return Optional.empty();
            }
            if (ImageProbe.fourCc(b, at + 4, "eXIf")) {
                return Optional.of(new ExifBlock(at + 8, (int) length));
            }
            if (ImageProbe.fourCc(b, at + 4, "IDAT") || ImageProbe.fourCc(b, at + 4, "IEND")) {
                return Optional.empty();
            }
            at = (int) end;
        }
        return Optional.empty();
    }

    /**
     * The {@code EXIF} chunk of an extended file; the simple formats carry no metadata. The chunk
     * should hold the TIFF structure alone, but some writers keep the JPEG header in front of it.
     */
    private static Optional<ExifBlock> webp(byte[] b) {
        if (b.length < 12) {
            return Optional.empty();
        }
        int end = (int) Math.min(b.length, 8 + WebpHeader.u32le(b, 4));
        Optional<WebpHeader.Chunk> first = WebpHeader.Chunk.at(b, 12, end);
        if (first.isEmpty() || !first.get().is(b, "VP8X")) {
            return Optional.empty();
        }
        int at = first.get().next();
        while (at < end) {
            Optional<WebpHeader.Chunk> found = WebpHeader.Chunk.at(b, at, end);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            WebpHeader.Chunk chunk = found.get();
            if (chunk.is(b, "EXIF")) {
                int skip = startsWith(b, chunk.data(), chunk.data() + chunk.size(), EXIF_HEADER) ? EXIF_HEADER.length : 0;
                return Optional.of(new ExifBlock(chunk.data() + skip, chunk.size() - skip));
            }
            at = chunk.next();
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] b, int at, int end, byte[] prefix) {
        if (end - at < prefix.length) {
            return false;
        }
        for (int k = 0; k < prefix.length; k++) {
            if (b[at + k] != prefix[k]) {
                return false;
            }
        }
        return true;
    }
}
