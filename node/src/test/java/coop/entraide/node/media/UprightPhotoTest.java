package coop.entraide.node.media;

import static coop.entraide.node.media.ExifImages.decode;
import static coop.entraide.node.media.ExifImages.encode;
import static coop.entraide.node.media.ExifImages.layout;
import static coop.entraide.node.media.ExifImages.quadrants;
import static coop.entraide.node.media.ExifImages.resource;
import static coop.entraide.node.media.ExifImages.tiff;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A photo stored sideways with an EXIF orientation comes out of the pipeline upright: its pixels,
 * its width and height, its thumbnail and its blurhash, and without the EXIF that said so.
 */
class UprightPhotoTest {
    private final MediaPipeline pipeline = new MediaPipeline();

    private MediaPipeline.Image process(byte[] upload) {
        MediaPipeline.Result result = pipeline.process(upload);
        return assertInstanceOf(MediaPipeline.Result.Ok.class, result, result.toString()).image();
    }

    /** The quadrant picture drawn directly in the given layout, such as {@code "BR/YG"}. */
    private static BufferedImage drawn(String layout, int width, int height) {
        Map<Character, Color> colors = Map.of('R', ExifImages.RED, 'G', ExifImages.GREEN, 'B', ExifImages.BLUE,
                'Y', ExifImages.YELLOW);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int quadrant = (y < height / 2 ? 0 : 3) + (x < width / 2 ? 0 : 1);
                image.setRGB(x, y, colors.get(layout.charAt(quadrant)).getRGB());
            }
        }
        return image;
    }

    private static void assertNoExif(MediaPipeline.Image image) {
        for (byte[] file : List.of(image.bytes(), image.thumbnail())) {
            assertFalse(MediaApiTest.contains(file, "Exif".getBytes(StandardCharsets.US_ASCII)));
            assertFalse(MediaApiTest.contains(file, "eXIf".getBytes(StandardCharsets.US_ASCII)));
            assertFalse(MediaApiTest.contains(file, "MM\0*".getBytes(StandardCharsets.US_ASCII)));
            assertFalse(MediaApiTest.contains(file, "II*\0".getBytes(StandardCharsets.US_ASCII)));
            assertFalse(MediaApiTest.contains(file, "Fairphone".getBytes(StandardCharsets.US_ASCII)));
        }
    }

    @Test
    void everyOrientationOfAJpegIsStoredUpright() {
        byte[] jpeg = encode(quadrants(48, 32), "jpeg");
        for (ByteOrder order : List.of(ByteOrder.BIG_ENDIAN, ByteOrder.LITTLE_ENDIAN)) {
            for (Orientation o : Orientation.values()) {
                String what = order + " " + o;
                MediaPipeline.Image image = process(ExifImages.withApp1(jpeg, tiff(order, o.tag())));
                assertEquals("image/jpeg", image.contentType(), what);
                assertEquals(o.swapsSides() ? 32 : 48, image.width(), what);
                assertEquals(o.swapsSides() ? 48 : 32, image.height(), what);
                BufferedImage stored = decode(image.bytes());
                assertEquals(image.width(), stored.getWidth(), what);
                assertEquals(image.height(), stored.getHeight(), what);
                assertEquals(OrientationTest.UPRIGHT.get(o), layout(stored), what);
                BufferedImage thumbnail = decode(image.thumbnail());
                assertEquals(image.width(), thumbnail.getWidth(), what);
                assertEquals(OrientationTest.UPRIGHT.get(o), layout(thumbnail), what);
                assertEquals(image.thumbnailWidth(), thumbnail.getWidth(), what);
                assertEquals(image.thumbnailHeight(), thumbnail.getHeight(), what);
                assertFalse(MediaApiTest.markers(image.bytes()).contains(0xE1), what);
                assertNoExif(image);
            }
        }
    }

    /**
     * PNG keeps pixels exactly, so a sideways PNG with its orientation gives the very file, and the
     * very blurhash, of the same picture drawn upright.
     */
    @Test
    void everyOrientationOfAPngGivesThePictureDrawnUpright() {
        byte[] png = encode(quadrants(48, 32), "png");
        for (Orientation o : Orientation.values()) {
            MediaPipeline.Image sideways = process(ExifImages.withExifChunk(png, tiff(ByteOrder.LITTLE_ENDIAN, o.tag())));
            int w = o.swapsSides() ? 32 : 48;
            int h = o.swapsSides() ? 48 : 32;
            MediaPipeline.Image upright = process(encode(drawn(OrientationTest.UPRIGHT.get(o), w, h), "png"));
            assertEquals(w, sideways.width(), o.name());
            assertEquals(h, sideways.height(), o.name());
            assertArrayEquals(upright.bytes(), sideways.bytes(), o.name());
            assertArrayEquals(upright.thumbnail(), sideways.thumbnail(), o.name());
            assertEquals(upright.blurhash(), sideways.blurhash(), o.name());
            assertNoExif(sideways);
        }
        String blurhash = process(png).blurhash();
        assertFalse(blurhash.equals(process(ExifImages.withExifChunk(png, tiff(ByteOrder.BIG_ENDIAN, 6))).blurhash()),
                "turning the picture changes its blurhash");
    }

    @Test
    void theThumbnailOfALargePhotoIsUprightToo() {
        byte[] jpeg = ExifImages.withApp1(encode(quadrants(600, 400), "jpeg"), tiff(ByteOrder.BIG_ENDIAN, 6));
        MediaPipeline.Image image = process(jpeg);
        assertEquals(400, image.width());
        assertEquals(600, image.height());
        assertEquals(267, image.thumbnailWidth());
        assertEquals(MediaPipeline.THUMBNAIL_SIDE, image.thumbnailHeight());
        BufferedImage thumbnail = decode(image.thumbnail());
        assertEquals(267, thumbnail.getWidth());
        assertEquals(400, thumbnail.getHeight());
        assertEquals("BR/YG", layout(thumbnail));
        assertEquals("BR/YG", layout(decode(image.bytes())));
    }

    @Test
    void photosMadeByToolsAreStoredUpright() {
        MediaPipeline.Image motorola = process(resource("quadrants-6-motorola.jpg"));
        assertEquals(32, motorola.width());
        assertEquals(48, motorola.height());
        assertEquals("BR/YG", layout(decode(motorola.bytes())));
        assertNoExif(motorola);
        assertFalse(MediaApiTest.contains(motorola.bytes(), "FP4".getBytes(StandardCharsets.US_ASCII)));

        MediaPipeline.Image intel = process(resource("quadrants-8-intel.jpg"));
        assertEquals(32, intel.width());
        assertEquals("GY/RB", layout(decode(intel.bytes())));

        MediaPipeline.Image png = process(resource("quadrants-5.png"));
        assertEquals("image/png", png.contentType());
        assertEquals(32, png.width());
        assertEquals("RB/GY", layout(decode(png.bytes())));
        assertNoExif(png);
    }

    @Test
    void webpPhotosAreStoredUpright() {
        MediaPipeline.Image lossless = process(resource("quadrants-6-lossless.webp"));
        assertEquals("image/png", lossless.contentType());
        assertEquals(32, lossless.width());
        assertEquals(48, lossless.height());
        BufferedImage stored = decode(lossless.bytes());
        BufferedImage drawn = drawn("BR/YG", 32, 48);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 32; x++) {
                assertEquals(drawn.getRGB(x, y), stored.getRGB(x, y), "lossless: exact at " + x + "," + y);
            }
        }
        assertEquals("BR/YG", layout(decode(lossless.thumbnail())));
        assertNoExif(lossless);

        MediaPipeline.Image lossy = process(resource("quadrants-3-exif-header.webp"));
        assertEquals("image/jpeg", lossy.contentType());
        assertEquals(48, lossy.width());
        assertEquals(32, lossy.height());
        assertEquals("YB/GR", layout(decode(lossy.bytes())));
        assertNoExif(lossy);
    }

    /** A broken EXIF block is no reason to refuse a photo: its pixels are kept as they lie. */
    @Test
    void aBrokenExifBlockLeavesThePixelsAsTheyLie() {
        byte[] jpeg = encode(quadrants(48, 32), "jpeg");
        byte[] tiff = tiff(ByteOrder.BIG_ENDIAN, 6);
        tiff[7] = (byte) 0xF0; // IFD0 beyond the block
        MediaPipeline.Image image = process(ExifImages.withApp1(jpeg, tiff));
        assertEquals(48, image.width());
        assertEquals("RG/BY", layout(decode(image.bytes())));
        assertNoExif(image);
        MediaPipeline.Image garbage = process(ExifImages.withApp1(jpeg, "MM\0*garbage".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("RG/BY", layout(decode(garbage.bytes())));
    }

    /** The header's size is checked before anything is decoded, whatever the orientation says. */
    @Test
    void pixelLimitsAreCheckedBeforeTurningAnything() {
        byte[] jpeg = ExifImages.withApp1(encode(quadrants(16, 16), "jpeg"), tiff(ByteOrder.BIG_ENDIAN, 6));
        int sof = 2;
        while (!((jpeg[sof] & 0xff) == 0xFF && (jpeg[sof + 1] & 0xff) == 0xC0)) {
            sof++;
        }
        jpeg[sof + 5] = (byte) 0x00; // height 100
        jpeg[sof + 6] = (byte) 100;
        jpeg[sof + 7] = (byte) 0xEA; // width 60000: once turned, 60000 high, too many either way
        jpeg[sof + 8] = (byte) 0x60;
        MediaPipeline.Result result = pipeline.process(jpeg);
        MediaPipeline.Result.Refused refused = assertInstanceOf(MediaPipeline.Result.Refused.class, result);
        assertEquals(422, refused.status());
        assertTrue(refused.reason().contains("too many pixels"), refused.reason());
    }
}
