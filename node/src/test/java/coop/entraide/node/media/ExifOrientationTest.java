package coop.entraide.node.media;

import static coop.entraide.node.media.ExifImages.ORIENTATION_ENTRY;
import static coop.entraide.node.media.ExifImages.tiff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import coop.entraide.node.media.ImageProbe.Format;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The Orientation tag read from TIFF structures of both byte orders, and nothing believed from a broken one. */
class ExifOrientationTest {
    private static final Optional<Orientation> NONE = Optional.empty();

    static Optional<Orientation> read(byte[] tiff) {
        return ExifOrientation.read(tiff, new ExifBlock(0, tiff.length));
    }

    static ByteBuffer edit(byte[] tiff) {
        return ByteBuffer.wrap(tiff).order(tiff[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    }

    @Test
    void readsEveryValueInBothByteOrders() {
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            for (Orientation o : Orientation.values()) {
                assertEquals(Optional.of(o), read(tiff(order, o.tag())), order + " " + o);
            }
        }
        assertEquals(Optional.of(Orientation.RIGHT_TOP), read(tiff(ByteOrder.LITTLE_ENDIAN, 6)));
        byte[] intel = tiff(ByteOrder.LITTLE_ENDIAN, 6);
        assertEquals(6, intel[ORIENTATION_ENTRY + 8], "little-endian: the low byte first");
    }

    @Test
    void readsTheBlockWhereItLiesInTheFile() {
        byte[] tiff = tiff(ByteOrder.BIG_ENDIAN, 8);
        byte[] file = new byte[tiff.length + 20];
        System.arraycopy(tiff, 0, file, 7, tiff.length);
        assertEquals(Optional.of(Orientation.LEFT_BOTTOM), ExifOrientation.read(file, new ExifBlock(7, tiff.length)));
        assertEquals(NONE, ExifOrientation.read(file, new ExifBlock(7, 45)), "a block that ends inside IFD0");
        assertEquals(NONE, ExifOrientation.read(file, new ExifBlock(7, file.length)), "a block past the end of the file");
        assertEquals(NONE, ExifOrientation.read(file, new ExifBlock(-1, 10)));
        assertEquals(NONE, ExifOrientation.read(file, new ExifBlock(Integer.MAX_VALUE, Integer.MAX_VALUE)));
    }

    @Test
    void aLongValueIsTakenAsWell() {
        byte[] tiff = tiff(ByteOrder.BIG_ENDIAN, 1);
        edit(tiff).putShort(ORIENTATION_ENTRY + 2, (short) 4).putInt(ORIENTATION_ENTRY + 8, 3);
        assertEquals(Optional.of(Orientation.BOTTOM_RIGHT), read(tiff));
    }

    @Test
    void aValueOutsideOneToEightIsNoOrientation() {
        for (int value : new int[] {0, 9, 255, 0x0600, 0xFFFF}) {
            byte[] tiff = tiff(ByteOrder.BIG_ENDIAN, 6);
            edit(tiff).putShort(ORIENTATION_ENTRY + 8, (short) value);
            assertEquals(NONE, read(tiff), "value " + value);
        }
        byte[] tiff = tiff(ByteOrder.BIG_ENDIAN, 6);
        edit(tiff).putShort(ORIENTATION_ENTRY + 2, (short) 4).putInt(ORIENTATION_ENTRY + 8, 0x0001_0006);
        assertEquals(NONE, read(tiff), "a LONG whose low half looks right");
    }

    @Test
    void anEntryOfTheWrongShapeIsNoOrientation() {
        byte[] ascii = tiff(ByteOrder.BIG_ENDIAN, 6);
        edit(ascii).putShort(ORIENTATION_ENTRY + 2, (short) 2);
        assertEquals(NONE, read(ascii), "ASCII type");
        byte[] two = tiff(ByteOrder.BIG_ENDIAN, 6);
        edit(two).putInt(ORIENTATION_ENTRY + 4, 2);
        assertEquals(NONE, read(two), "a count of 2");
        byte[] huge = tiff(ByteOrder.BIG_ENDIAN, 6);
        edit(huge).putInt(ORIENTATION_ENTRY + 4, -1);
        assertEquals(NONE, read(huge), "a count of 2^32 − 1");
    }

    @Test
    void aWrongByteOrderMarkOrMagicNumberIsNoOrientation() {
        for (String mark : new String[] {"IM", "MI", "ii", "mm", "\0\0"}) {
            byte[] tiff = tiff(ByteOrder.BIG_ENDIAN, 6);
            tiff[0] = (byte) mark.charAt(0);
            tiff[1] = (byte) mark.charAt(1);
            assertEquals(NONE, read(tiff), mark);
        }
        byte[] swapped = tiff(ByteOrder.BIG_ENDIAN, 6);
        swapped[0] = 'I';
        swapped[1] = 'I';
        assertEquals(NONE, read(swapped), "a big-endian structure announced as little-endian: 42 reads as 10752");
        byte[] bigTiff = tiff(ByteOrder.BIG_ENDIAN, 6);
        edit(bigTiff).putShort(2, (short) 43);
        assertEquals(NONE, read(bigTiff));
    }

    @Test
    void truncatedBlocksAreNoOrientation() {
        byte[] tiff = tiff(ByteOrder.LITTLE_ENDIAN, 6);
        int endOfIfd0 = 8 + 2 + 3 * 12;
        for (int length = 0; length < endOfIfd0; length++) {
            assertEquals(NONE, read(Arrays.copyOf(tiff, length)), "cut at " + length);
        }
        assertEquals(Optional.of(Orientation.RIGHT_TOP), read(Arrays.copyOf(tiff, endOfIfd0)),
                "IFD0 whole, the values it points to cut off: the orientation is inside the entry");
    }

    @Test
    void anIfdOffsetOutsideTheBlockIsNoOrientation() {
        for (long offset : new long[] {0, 4, 7, 113, 114, 115, 1_000_000, 0xFFFF_FFFFL}) {
            byte[] tiff = tiff(ByteOrder.BIG_ENDIAN, 6);
            edit(tiff).putInt(4, (int) offset);
            assertEquals(NONE, read(tiff), "IFD0 at " + offset);
        }
        // IFD0 at 4, inside the header: its offset field reads as a count of 4 entries, the second a valid Orientation.
        ByteBuffer overlapping = ByteBuffer.allocate(58).order(ByteOrder.LITTLE_ENDIAN);
        overlapping.put("II".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(4);
        overlapping.position(18);
        overlapping.putShort((short) 0x0112).putShort((short) 3).putInt(1).putInt(6);
        assertEquals(NONE, read(overlapping.array()), "a directory overlapping the header");
        byte[] entries = tiff(ByteOrder.BIG_ENDIAN, 6);
        edit(entries).putShort(8, (short) 0xFFFF);
        assertEquals(NONE, read(entries), "65535 entries announced in a 114-byte block");
        byte[] empty = tiff(ByteOrder.BIG_ENDIAN, 6);
        edit(empty).putShort(8, (short) 0);
        assertEquals(NONE, read(empty), "no entries");
    }

    /**
     * Only IFD0 is read: a next-directory pointer back to itself (or to the header) cannot make the
     * reader loop, and an orientation that only a later directory (a thumbnail's) holds is not taken.
     */
    @Test
    void directoryChainsAreNotFollowed() {
        byte[] selfLoop = tiff(ByteOrder.BIG_ENDIAN, 6);
        edit(selfLoop).putInt(8 + 2 + 36, 8);
        assertEquals(Optional.of(Orientation.RIGHT_TOP), read(selfLoop));
        byte[] gpsLoop = tiff(ByteOrder.BIG_ENDIAN, 3);
        edit(gpsLoop).putInt(60 + 2 + 24, 60).putInt(8 + 2 + 36, 60);
        assertEquals(Optional.of(Orientation.BOTTOM_RIGHT), read(gpsLoop));

        // IFD0 without Orientation, whose next directory (IFD1, the thumbnail's) has one.
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        b.putShort((short) 1).putShort((short) 0x0100).putShort((short) 3).putInt(1).putInt(0x0030_0000).putInt(26);
        b.putShort((short) 1).putShort((short) 0x0112).putShort((short) 3).putInt(1).putInt(0x0006_0000).putInt(26);
        assertEquals(NONE, read(Arrays.copyOf(b.array(), b.position())));
    }

    @Test
    void theFirstOrientationEntryCounts() {
        byte[] tiff = tiff(ByteOrder.BIG_ENDIAN, 6);
        edit(tiff).putShort(ORIENTATION_ENTRY + 12, (short) 0x0112).putShort(ORIENTATION_ENTRY + 14, (short) 3)
                .putInt(ORIENTATION_ENTRY + 16, 1).putInt(ORIENTATION_ENTRY + 20, 0x0003_0000);
        assertEquals(Optional.of(Orientation.RIGHT_TOP), read(tiff));
    }

    /** Every prefix and many random corruptions of a real block give an answer, never an exception. */
    @Test
    void noBlockMakesTheReaderThrow() {
        Random random = new Random(112);
        for (byte[] tiff : List.of(tiff(ByteOrder.BIG_ENDIAN, 6), tiff(ByteOrder.LITTLE_ENDIAN, 8))) {
            for (int i = 0; i < 20_000; i++) {
                byte[] mutated = tiff.clone();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
                }
                assertNotNull(read(mutated));
                assertNotNull(read(Arrays.copyOf(mutated, random.nextInt(mutated.length))));
            }
        }
    }

    // Where the block is found in each container.

    @Test
    void findsTheBlocksThatToolsWrite() {
        assertEquals(Optional.of(Orientation.RIGHT_TOP),
                ExifOrientation.of(ExifImages.resource("quadrants-6-motorola.jpg"), Format.JPEG), "after a JFIF APP0");
        assertEquals(Optional.of(Orientation.LEFT_BOTTOM),
                ExifOrientation.of(ExifImages.resource("quadrants-8-intel.jpg"), Format.JPEG));
        assertEquals(Optional.of(Orientation.LEFT_TOP),
                ExifOrientation.of(ExifImages.resource("quadrants-5.png"), Format.PNG));
        assertEquals(Optional.of(Orientation.RIGHT_TOP),
                ExifOrientation.of(ExifImages.resource("quadrants-6-lossless.webp"), Format.WEBP));
        assertEquals(Optional.of(Orientation.BOTTOM_RIGHT),
                ExifOrientation.of(ExifImages.resource("quadrants-3-exif-header.webp"), Format.WEBP),
                "an EXIF chunk that starts with the JPEG header");
        assertEquals(NONE, ExifOrientation.of(ImageProbeTest.fixture("lossy.webp"), Format.WEBP), "simple format");
        assertEquals(NONE, ExifOrientation.of(ImageProbeTest.fixture("exif-gps.webp"), Format.WEBP),
                "EXIF without Orientation");
        assertEquals(NONE, ExifOrientation.of(MediaApiTest.jpegWithGps(), Format.JPEG), "EXIF without Orientation");
    }

    @Test
    void jpegSegmentsAreWalkedToTheExifOne() {
        byte[] jpeg = ExifImages.encode(ExifImages.quadrants(16, 16), "jpeg");
        byte[] tiff = tiff(ByteOrder.BIG_ENDIAN, 6);
        byte[] file = ExifImages.withApp1(jpeg, tiff);
        byte[] xmp = ExifImages.segment(0xE1, "http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>".getBytes(StandardCharsets.US_ASCII));
        byte[] xmpFirst = ExifImages.insert(file, 2, xmp);
        assertEquals(Optional.of(Orientation.RIGHT_TOP), ExifOrientation.of(xmpFirst, Format.JPEG));
        byte[] padded = ExifImages.insert(file, 2, new byte[] {(byte) 0xFF, (byte) 0xFF});
        assertEquals(Optional.of(Orientation.RIGHT_TOP), ExifOrientation.of(padded, Format.JPEG), "fill bytes");

        byte[] notExif = file.clone();
        notExif[6] = 'e';
        assertEquals(NONE, ExifOrientation.of(notExif, Format.JPEG), "APP1 not named Exif");
        byte[] app2 = file.clone();
        app2[3] = (byte) 0xE2;
        assertEquals(NONE, ExifOrientation.of(app2, Format.JPEG), "Exif in another segment");
        byte[] overrun = file.clone();
        overrun[4] = (byte) 0xFF;
        assertEquals(NONE, ExifOrientation.of(overrun, Format.JPEG), "a segment longer than the file");
        assertEquals(NONE, ExifOrientation.of(Arrays.copyOf(file, 40), Format.JPEG), "cut inside the segment");
        byte[] afterScan = ExifImages.insert(jpeg, jpeg.length - 2,
                ExifImages.segment(0xE1, ExifImages.concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff)));
        assertEquals(NONE, ExifOrientation.of(afterScan, Format.JPEG), "after the scan: image data, not metadata");
    }

    @Test
    void pngTakesAnExifChunkBeforeTheImageData() {
        byte[] png = ExifImages.encode(ExifImages.quadrants(16, 16), "png");
        byte[] tiff = tiff(ByteOrder.LITTLE_ENDIAN, 8);
        assertEquals(Optional.of(Orientation.LEFT_BOTTOM),
                ExifOrientation.of(ExifImages.withExifChunk(png, tiff), Format.PNG));
        byte[] afterData = ExifImages.insert(png, png.length - 12, ExifImages.pngChunk("eXIf", tiff));
        assertEquals(NONE, ExifOrientation.of(afterData, Format.PNG));
        byte[] overrun = ExifImages.withExifChunk(png, tiff);
        ByteBuffer.wrap(overrun).putInt(33, 0x7FFF_FFFF);
        assertEquals(NONE, ExifOrientation.of(overrun, Format.PNG), "a chunk longer than the file");
        assertEquals(NONE, ExifOrientation.of(png, Format.PNG));
    }

    @Test
    void webpTakesTheExifChunkOfAnExtendedFile() {
        byte[] tiff = tiff(ByteOrder.BIG_ENDIAN, 7);
        byte[] file = ImageProbeTest.webp(ImageProbeTest.vp8x(0x08, 8, 8), ImageProbeTest.vp8l(8, 8, 0),
                ImageProbeTest.chunk("EXIF", tiff));
        assertEquals(Optional.of(Orientation.RIGHT_BOTTOM), ExifOrientation.of(file, Format.WEBP), "after the image");
        byte[] simple = ImageProbeTest.webp(ImageProbeTest.vp8l(8, 8, 0), ImageProbeTest.chunk("EXIF", tiff));
        assertEquals(NONE, ExifOrientation.of(simple, Format.WEBP), "the simple format has no metadata");
        byte[] odd = ImageProbeTest.webp(ImageProbeTest.vp8x(0x08, 8, 8), ImageProbeTest.chunk("ICCP", new byte[3]),
                ImageProbeTest.chunk("EXIF", tiff), ImageProbeTest.vp8l(8, 8, 0));
        assertEquals(Optional.of(Orientation.RIGHT_BOTTOM), ExifOrientation.of(odd, Format.WEBP), "after a padded chunk");
        byte[] overrun = file.clone();
        ByteBuffer.wrap(overrun).order(ByteOrder.LITTLE_ENDIAN).putInt(file.length - tiff.length - 4, tiff.length + 1);
        assertEquals(NONE, ExifOrientation.of(overrun, Format.WEBP), "a chunk past the RIFF");
        assertEquals(NONE, ExifOrientation.of(Arrays.copyOf(file, 11), Format.WEBP));
    }

    /** Whatever bytes follow a format's signature, locating the block gives an answer, never an exception. */
    @Test
    void noFileMakesTheLocatorThrow() {
        Random random = new Random(274);
        List<byte[]> files = List.of(ExifImages.resource("quadrants-6-motorola.jpg"),
                ExifImages.resource("quadrants-5.png"), ExifImages.resource("quadrants-6-lossless.webp"),
                ExifImages.resource("quadrants-3-exif-header.webp"));
        for (byte[] file : files) {
            Format format = ImageProbe.format(file).orElseThrow();
            for (int length = 0; length <= file.length; length++) {
                assertNotNull(ExifOrientation.of(Arrays.copyOf(file, length), format));
            }
            for (int i = 0; i < 3000; i++) {
                byte[] mutated = file.clone();
                for (int k = 1 + random.nextInt(6); k > 0; k--) {
                    mutated[random.nextInt(Math.min(mutated.length, 200))] = (byte) random.nextInt(256);
                }
                assertNotNull(ExifOrientation.of(mutated, format));
            }
        }
    }
}
