package coop.entraide.node.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Test pictures whose orientation shows: four coloured quadrants, and the EXIF blocks, JPEG
 * segments and PNG chunks that phones and editors wrap around them.
 */
final class ExifImages {
    static final Color RED = new Color(220, 30, 30);
    static final Color GREEN = new Color(30, 160, 60);
    static final Color BLUE = new Color(30, 60, 200);
    static final Color YELLOW = new Color(240, 220, 40);

    private ExifImages() {
    }

    /** Red top-left, green top-right, blue bottom-left, yellow bottom-right, as stored. */
    static BufferedImage quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                boolean top = y < height / 2;
                boolean left = x < width / 2;
                image.setRGB(x, y, (top ? (left ? RED : GREEN) : (left ? BLUE : YELLOW)).getRGB());
            }
        }
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            assertTrue(ImageIO.write(image, format, out), format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            assertNotNull(image);
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] resource(String name) {
        return MediaFiles.read("orientation", name);
    }

    /**
     * The quadrant colours as seen, top row then bottom row, one letter each (R, G, B, Y), for
     * instance {@code "BR/YG"}: the upright picture of a photo stored with orientation 6.
     */
    static String layout(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        return "" + letter(image.getRGB(w / 4, h / 4)) + letter(image.getRGB(3 * w / 4, h / 4)) + "/"
                + letter(image.getRGB(w / 4, 3 * h / 4)) + letter(image.getRGB(3 * w / 4, 3 * h / 4));
    }

    private static char letter(int argb) {
        Color actual = new Color(argb);
        Color[] colors = {RED, GREEN, BLUE, YELLOW};
        String letters = "RGBY";
        for (int i = 0; i < colors.length; i++) {
            Color c = colors[i];
            int distance = Math.abs(c.getRed() - actual.getRed()) + Math.abs(c.getGreen() - actual.getGreen())
                    + Math.abs(c.getBlue() - actual.getBlue());
            if (distance < 40) {
                return letters.charAt(i);
            }
        }
        return '?';
    }

    /**
     * A TIFF structure as cameras write it: IFD0 with Make (an ASCII value stored after the
     * directory), Orientation and a pointer to a GPS directory holding a latitude, then no next IFD.
     */
    static byte[] tiff(ByteOrder order, int orientation) {
        ByteBuffer b = ByteBuffer.allocate(128).order(order);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.put(order == ByteOrder.LITTLE_ENDIAN ? (byte) 'I' : (byte) 'M');
        b.putShort((short) 42).putInt(8);
        b.putShort((short) 3); // IFD0 at 8: 3 entries, ending at 8 + 2 + 36 + 4 = 50
        b.putShort((short) 0x010F).putShort((short) 2).putInt(10).putInt(50);
        b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        b.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(60);
        b.putInt(0);
        b.put("Fairphone\0".getBytes(StandardCharsets.US_ASCII)); // at 50
        b.putShort((short) 2); // GPS IFD at 60
        b.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
        b.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(90);
        b.putInt(0);
        b.putInt(45).putInt(1).putInt(46).putInt(1).putInt(1234).putInt(100); // at 90
        assertEquals(114, b.position());
        byte[] tiff = new byte[b.position()];
        b.flip().get(tiff);
        return tiff;
    }

    /** The byte offset of IFD0's Orientation entry in {@link #tiff}. */
    static final int ORIENTATION_ENTRY = 8 + 2 + 12;

    /** A JPEG with an APP1 segment holding {@code Exif\0\0} and this TIFF structure, right after SOI. */
    static byte[] withApp1(byte[] jpeg, byte[] tiff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.writeBytes(segment(0xE1, concat("Exif\0\0".getBytes(StandardCharsets.US_ASCII), tiff)));
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    static byte[] segment(int marker, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(4 + payload.length);
        return b.put((byte) 0xFF).put((byte) marker).putShort((short) (payload.length + 2)).put(payload).array();
    }

    /** A PNG with an eXIf chunk holding this TIFF structure, right after IHDR (8 + 25 bytes). */
    static byte[] withExifChunk(byte[] png, byte[] tiff) {
        return insert(png, 33, pngChunk("eXIf", tiff));
    }

    static byte[] pngChunk(String type, byte[] data) {
        byte[] typeAndData = concat(type.getBytes(StandardCharsets.US_ASCII), data);
        CRC32 crc = new CRC32();
        crc.update(typeAndData);
        return ByteBuffer.allocate(8 + data.length + 4).putInt(data.length).put(typeAndData).putInt((int) crc.getValue())
                .array();
    }

    static byte[] insert(byte[] file, int at, byte[] bytes) {
        byte[] result = new byte[file.length + bytes.length];
        System.arraycopy(file, 0, result, 0, at);
        System.arraycopy(bytes, 0, result, at, bytes.length);
        System.arraycopy(file, at, result, at + bytes.length, file.length - at);
        return result;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] result = new byte[a.length + b.length];
        System.arraycopy(a, 0, result, 0, a.length);
        System.arraycopy(b, 0, result, a.length, b.length);
        return result;
    }
}
