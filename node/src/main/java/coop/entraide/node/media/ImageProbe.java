package coop.entraide.node.media;

import java.util.Optional;

/**
 * What an uploaded file claims to be, read from its first bytes without decoding anything: the
 * format from its signature and, for JPEG and PNG, the pixel size from its header. A
 * decompression bomb (a small file that decodes to billions of pixels) is refused on this
 * information, before any decoder allocates memory.
 */
public final class ImageProbe {
    public enum Format { JPEG, PNG, WEBP }

    /** The format and, when the header could be read, the size in pixels. */
    public record Probe(Format format, int width, int height) {
        public long pixels() {
            return (long) width * height;
        }
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
        if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
                && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
            return Optional.of(Format.WEBP);
        }
        return Optional.empty();
    }

    /** The pixel size of a JPEG or PNG from its header; empty when the header is missing or broken. */
    public static Optional<Probe> probe(byte[] b) {
        Optional<Format> format = format(b);
        if (format.isEmpty()) {
            return Optional.empty();
        }
        return switch (format.get()) {
            case PNG -> png(b);
            case JPEG -> jpeg(b);
            case WEBP -> Optional.empty();
        };
    }

    private static Optional<Probe> png(byte[] b) {
        // The first chunk must be IHDR: length (4), "IHDR", width (4), height (4).
        if (b.length < 24 || b[12] != 'I' || b[13] != 'H' || b[14] != 'D' || b[15] != 'R') {
            return Optional.empty();
        }
        long width = u32(b, 16);
        long height = u32(b, 20);
        if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
            return Optional.empty();
        }
        return Optional.of(new Probe(Format.PNG, (int) width, (int) height));
    }

    /** Walks the marker segments up to the first start-of-frame, which holds the size. */
    private static Optional<Probe> jpeg(byte[] b) {
        int i = 2;
        while (i + 3 < b.length) {
            if ((b[i] & 0xff) != 0xFF) {
                return Optional.empty();
            }
            int marker = b[i + 1] & 0xff;
            if (marker == 0xFF) {
                i++; // fill byte
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                i += 2; // markers without a length
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                return Optional.empty(); // end of image or scan data before any frame header
            }
            int length = u16(b, i + 2);
            if (length < 2) {
                return Optional.empty();
            }
            boolean startOfFrame = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
            if (startOfFrame) {
                if (i + 9 > b.length) {
                    return Optional.empty();
                }
                int height = u16(b, i + 5);
                int width = u16(b, i + 7);
                return width < 1 || height < 1 ? Optional.empty() : Optional.of(new Probe(Format.JPEG, width, height));
            }
            i += 2 + length;
        }
        return Optional.empty();
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static long u32(byte[] b, int at) {
        return ((long) (b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
