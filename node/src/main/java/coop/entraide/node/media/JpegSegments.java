package coop.entraide.node.media;

import java.util.Optional;

/**
 * The marker segments of a JPEG that come before its scan (ITU-T T.81, B.1.1), walked with every
 * length checked: what the size probe and the EXIF reader both need, without decoding anything.
 */
final class JpegSegments {
    /** Looks at one segment: {@code at} is the index of its {@code 0xFF}, {@code length} its length field (≥ 2). */
    @FunctionalInterface
    interface Reader<T> {
        Optional<T> read(int marker, int at, int length);
    }

    private JpegSegments() {
    }

    /**
     * Hands each segment with a length to {@code reader} until it answers; empty when none does
     * before the scan or the end of the image, or when the bytes are not segments.
     */
    static <T> Optional<T> first(byte[] b, Reader<T> reader) {
        int i = 2; // after the start-of-image marker
        while (i + 4 <= b.length) {
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
                return Optional.empty(); // end of image, or the scan: no metadata or frame header after it
            }
            int length = ImageProbe.u16(b, i + 2);
            if (length < 2) {
                return Optional.empty();
            }
            Optional<T> found = reader.read(marker, i, length);
            if (found.isPresent()) {
                return found;
            }
            i += 2 + length;
        }
        return Optional.empty();
    }
}
