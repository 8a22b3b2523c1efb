package coop.entraide.node.media;

import coop.entraide.node.media.ImageProbe.Format;
import java.util.Optional;

/**
 * Reads the one EXIF tag the node acts on, Orientation (0x0112), from the first image file
 * directory of the TIFF structure (TIFF 6.0 §2): byte order mark, the number 42, the offset of
 * IFD0, then 12-byte entries. Only that one offset is followed, never the chain of further
 * directories or sub-directories, so no loop or deep nesting can keep it busy. A block that is
 * short, inconsistent or absurd gives no orientation: the photo is then kept as its pixels lie,
 * and never refused for its metadata.
 */
final class ExifOrientation {
    static final int TAG = 0x0112;
    private static final int TIFF_HEADER = 8;
    private static final int ENTRY = 12;
    private static final int SHORT = 3;
    private static final int LONG = 4;

    private ExifOrientation() {
    }

    /** The orientation a file's EXIF data gives, if it has EXIF data that can be believed. */
    static Optional<Orientation> of(byte[] file, Format format) {
        return ExifBlock.in(file, format).flatMap(block -> read(file, block));
    }

    /** The Orientation tag of the TIFF structure in this block of bytes. */
    static Optional<Orientation> read(byte[] b, ExifBlock block) {
        int base = block.offset();
        int length = block.length();
        if (base < 0 || length < TIFF_HEADER || (long) base + length > b.length) {
            return Optional.empty();
        }
        boolean littleEndian;
        if (b[base] == 'I' && b[base + 1] == 'I') {
            littleEndian = true;
        } else if (b[base] == 'M' && b[base + 1] == 'M') {
            littleEndian = false;
        } else {
            return Optional.empty();
        }
        Reader r = new Reader(b, base, littleEndian);
        long ifd = r.u32(4);
        if (r.u16(2) != 42 || ifd < TIFF_HEADER || ifd + 2 > length) {
            return Optional.empty();
        }
        int entries = r.u16((int) ifd);
        if (ifd + 2 + (long) entries * ENTRY > length) {
            return Optional.empty();
        }
        for (int i = 0; i < entries; i++) {
            int entry = (int) ifd + 2 + i * ENTRY;
            if (r.u16(entry) == TAG) {
                return value(r, entry);
            }
        }
        return Optional.empty();
    }

    /** The tag should be one SHORT, held in the entry itself; a LONG is taken too, anything else is not believed. */
    private static Optional<Orientation> value(Reader r, int entry) {
        int type = r.u16(entry + 2);
        if (r.u32(entry + 4) != 1) {
            return Optional.empty();
        }
        long value = type == SHORT ? r.u16(entry + 8) : type == LONG ? r.u32(entry + 8) : 0;
        return Orientation.ofTag(value);
    }

    /** Unsigned reads at offsets from the start of the TIFF structure, in its byte order; callers check bounds. */
    private record Reader(byte[] b, int base, boolean littleEndian) {
        int u16(int at) {
            int x = b[base + at] & 0xff;
            int y = b[base + at + 1] & 0xff;
            return littleEndian ? x | (y << 8) : (x << 8) | y;
        }

        long u32(int at) {
            long high = u16(littleEndian ? at + 2 : at);
            long low = u16(littleEndian ? at : at + 2);
            return (high << 16) | low;
        }
    }
}
