package coop.entraide.node.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import coop.entraide.node.media.ImageProbe.Defect;
import coop.entraide.node.media.ImageProbe.Format;
import coop.entraide.node.media.ImageProbe.Probe;
import coop.entraide.node.media.ImageProbe.Unreadable;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sizes read from headers without decoding, and every broken WebP header refused for its own reason. */
class ImageProbeTest {

    static byte[] fixture(String name) {
        return MediaFiles.read("webp", name);
    }

    /** A RIFF/WEBP file around these chunks, with the RIFF size they add up to. */
    static byte[] webp(byte[]... chunks) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes("WEBP".getBytes(StandardCharsets.US_ASCII));
        for (byte[] chunk : chunks) {
            body.writeBytes(chunk);
        }
        return ByteBuffer.allocate(8 + body.size()).order(ByteOrder.LITTLE_ENDIAN)
                .put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(body.size()).put(body.toByteArray()).array();
    }

    static byte[] chunk(String fourCc, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length + (payload.length & 1)).order(ByteOrder.LITTLE_ENDIAN);
        return b.put(fourCc.getBytes(StandardCharsets.US_ASCII)).putInt(payload.length).put(payload).array();
    }

    /** A VP8L header (RFC 9649 §3): signature 0x2F, 14-bit width − 1 and height − 1, alpha bit, version. */
    static byte[] vp8l(int width, int height, int version) {
        int bits = (width - 1) | ((height - 1) << 14) | (version << 29);
        return chunk("VP8L", ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).put((byte) 0x2F).putInt(bits).array());
    }

    /** A VP8 key frame header (RFC 6386 §9.1): frame tag, start code, 14-bit width and height. */
    static byte[] vp8(int width, int height) {
        return chunk("VP8 ", ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN).put(new byte[] {0x10, 0x02, 0x00})
                .put(new byte[] {(byte) 0x9D, 0x01, 0x2A}).putShort((short) width).putShort((short) height).array());
    }

    static byte[] vp8x(int flags, int canvasWidth, int canvasHeight) {
        ByteBuffer b = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) flags).put(new byte[3]);
        b.put((byte) (canvasWidth - 1)).put((byte) ((canvasWidth - 1) >> 8)).put((byte) ((canvasWidth - 1) >> 16));
        b.put((byte) (canvasHeight - 1)).put((byte) ((canvasHeight - 1) >> 8)).put((byte) ((canvasHeight - 1) >> 16));
        return chunk("VP8X", b.array());
    }

    static Defect defect(byte[] file) {
        return assertInstanceOf(Unreadable.class, ImageProbe.probe(file)).defect();
    }

    static Probe size(byte[] file) {
        return assertInstanceOf(Probe.class, ImageProbe.probe(file));
    }

    @Test
    void readsTheSizeOfEachKindOfWebp() {
        assertEquals(new Probe(Format.WEBP, 64, 48, false), size(fixture("lossy.webp")));
        assertEquals(new Probe(Format.WEBP, 40, 30, true), size(fixture("lossless-alpha.webp")));
        assertEquals(new Probe(Format.WEBP, 40, 30, false), size(fixture("lossy-alpha.webp")), "VP8X, ALPH, VP8");
        assertEquals(new Probe(Format.WEBP, 64, 48, false), size(fixture("exif-gps.webp")), "VP8X with EXIF and XMP");
    }

    @Test
    void readsTheLargestSizesEachHeaderFormatCanHold() {
        assertEquals(new Probe(Format.WEBP, 16384, 16384, true), size(webp(vp8l(16384, 16384, 0))));
        assertEquals(new Probe(Format.WEBP, 16383, 16383, false), size(webp(vp8(16383, 16383))));
        assertEquals(new Probe(Format.WEBP, 50000, 50000, false), size(fixture("bomb-50000x50000.webp")));
        assertEquals(new Probe(Format.WEBP, 1 << 24, 1 << 24, true),
                size(webp(vp8x(0, 1 << 24, 1 << 24), vp8l(1, 1, 0))), "24-bit canvas, largest value");
    }

    @Test
    void aSmallCanvasCannotHideALargeImage() {
        Probe probe = size(webp(vp8x(0, 64, 48), vp8l(16384, 9000, 0)));
        assertEquals(16384, probe.width());
        assertEquals(9000, probe.height());
        assertEquals(48, size(webp(vp8x(0, 64, 48), vp8(8, 8))).height(), "and a large canvas counts too");
    }

    @Test
    void theVp8ScaleBitsAreNotPartOfTheSize() {
        byte[] file = webp(vp8(640, 480));
        file[20 + 7] |= (byte) 0xC0; // horizontal scale 3 in the two high bits of the width
        assertEquals(640, size(file).width());
    }

    @Test
    void animatedWebpIsRefused() {
        assertEquals(Defect.ANIMATED, defect(fixture("animated.webp")));
        byte[] flagCleared = fixture("animated.webp");
        assertEquals(0x02, flagCleared[20]);
        flagCleared[20] = 0;
        assertEquals(Defect.ANIMATED, defect(flagCleared), "ANIM and ANMF chunks without the flag");
        assertEquals(Defect.ANIMATED, defect(webp(vp8x(0x02, 16, 16), vp8l(16, 16, 0))), "the flag alone");
    }

    @Test
    void aFileShorterThanItsRiffSizeIsTruncated() {
        assertEquals(Defect.TRUNCATED, defect(fixture("truncated.webp")));
        byte[] lossy = fixture("lossy.webp");
        assertEquals(Defect.TRUNCATED, defect(Arrays.copyOf(lossy, 12)), "no chunk at all");
        assertEquals(Defect.TRUNCATED, defect(Arrays.copyOf(lossy, lossy.length - 1)));
    }

    @Test
    void aChunkLongerThanTheRiffIsTruncated() {
        byte[] file = webp(vp8x(0, 8, 8), chunk("EXIF", new byte[8]), vp8l(8, 8, 0));
        ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN).putInt(30 + 4, 4000); // the EXIF chunk's size
        assertEquals(Defect.TRUNCATED, defect(file));
        byte[] frame = webp(vp8l(8, 8, 0));
        ByteBuffer.wrap(frame).order(ByteOrder.LITTLE_ENDIAN).putInt(16, 0x7FFF_FFF0);
        assertEquals(Defect.TRUNCATED, defect(frame), "a frame chunk claiming 2 GiB");
    }

    @Test
    void trailingBytesAfterTheRiffAreIgnored() {
        byte[] lossy = fixture("lossy.webp");
        assertEquals(64, size(Arrays.copyOf(lossy, lossy.length + 100)).width());
    }

    @Test
    void aBrokenContainerIsRefused() {
        assertEquals(Defect.BROKEN_CONTAINER, defect("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII)),
                "a RIFF size of zero");
        assertEquals(Defect.BROKEN_CONTAINER, defect(webp(chunk("JUNK", new byte[4]), vp8l(8, 8, 0))),
                "the first chunk must be VP8, VP8L or VP8X");
        assertEquals(Defect.BROKEN_CONTAINER, defect(webp(chunk("VP8X", new byte[6]), vp8l(8, 8, 0))),
                "a VP8X chunk too short for a canvas");
    }

    @Test
    void anExtendedFileWithoutImageIsRefused() {
        assertEquals(Defect.NO_IMAGE, defect(webp(vp8x(0x08, 8, 8), chunk("EXIF", "MM\0*".getBytes(StandardCharsets.US_ASCII)))));
        assertEquals(Defect.NO_IMAGE, defect(webp(vp8x(0, 8, 8))));
    }

    @Test
    void aBrokenFrameHeaderIsRefused() {
        byte[] interFrame = webp(vp8(8, 8));
        interFrame[20] |= 0x01;
        assertEquals(Defect.BROKEN_FRAME_HEADER, defect(interFrame), "not a key frame");
        byte[] startCode = webp(vp8(8, 8));
        startCode[23] = 0x00;
        assertEquals(Defect.BROKEN_FRAME_HEADER, defect(startCode), "no start code");
        assertEquals(Defect.BROKEN_FRAME_HEADER, defect(webp(vp8(0, 8))), "no width");
        assertEquals(Defect.BROKEN_FRAME_HEADER, defect(webp(chunk("VP8 ", new byte[6]))), "too short");
        byte[] signature = webp(vp8l(8, 8, 0));
        signature[20] = 0x2E;
        assertEquals(Defect.BROKEN_FRAME_HEADER, defect(signature), "VP8L signature");
        assertEquals(Defect.BROKEN_FRAME_HEADER, defect(webp(vp8l(8, 8, 1))), "VP8L version 1");
        assertEquals(Defect.BROKEN_FRAME_HEADER, defect(webp(chunk("VP8L", new byte[] {0x2F, 0}))), "too short");
        assertEquals(Defect.BROKEN_FRAME_HEADER, defect(webp(vp8x(0, 8, 8), vp8l(8, 8, 3))), "inside VP8X too");
    }

    @Test
    void aRiffThatIsNotWebpIsNoKnownFormat() {
        byte[] wave = fixture("silence.wav");
        assertEquals("RIFF", new String(wave, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(Defect.UNKNOWN_FORMAT, defect(wave));
        assertEquals(Defect.UNKNOWN_FORMAT, defect("RIFF\0\0\0\0WEB".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void jpegAndPngHeadersStillGiveTheirSize() {
        byte[] png = ByteBuffer.allocate(33).put(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A})
                .putInt(13).put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(300).putInt(200).array();
        assertEquals(new Probe(Format.PNG, 300, 200, true), size(png));
        byte[] noIhdr = png.clone();
        noIhdr[12] = 'X';
        assertEquals(Defect.UNREADABLE_HEADER, defect(noIhdr));
        byte[] jpeg = MediaApiTest.image("jpeg", 30, 20);
        assertEquals(new Probe(Format.JPEG, 30, 20, false), size(jpeg));
        assertEquals(Defect.UNREADABLE_HEADER, defect(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xD9}));
    }

    /** Every prefix and many random corruptions of every fixture give a result, never an exception. */
    @Test
    void noInputMakesTheProbeThrow() {
        Random random = new Random(20261126);
        for (String name : List.of("lossy.webp", "lossless-alpha.webp", "lossy-alpha.webp", "exif-gps.webp",
                "animated.webp", "bomb-50000x50000.webp")) {
            byte[] file = fixture(name);
            for (int length = 0; length <= file.length; length++) {
                assertNotNull(ImageProbe.probe(Arrays.copyOf(file, length)), name + " cut at " + length);
            }
            for (int i = 0; i < 2000; i++) {
                byte[] mutated = file.clone();
                for (int k = 1 + random.nextInt(4); k > 0; k--) {
                    mutated[12 + random.nextInt(Math.min(40, mutated.length - 12))] = (byte) random.nextInt(256);
                }
                assertNotNull(ImageProbe.probe(mutated), name);
            }
        }
    }
}
