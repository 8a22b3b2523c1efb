package coop.entraide.node.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Turning pixels upright moves every pixel whole, to where the TIFF definition of each value says
 * stored row 0 and column 0 belong, without blending any two.
 */
class OrientationTest {
    private static final int W = 7;
    private static final int H = 5;

    /** Every pixel different; one transparent, to see what each kind of copy does with it. */
    private static BufferedImage numbered() {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_ARGB);
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                image.setRGB(x, y, 0xFF000000 | (x * 30) << 16 | (y * 50) << 8 | 0x80);
            }
        }
        image.setRGB(1, 0, 0x00000000);
        return image;
    }

    /**
     * For the upright pixel at (X, Y), the stored column and row it comes from, written from the
     * tag's definition: value 6, for instance, puts stored row 0 on the right and column 0 at the top.
     */
    private static int[] storedPixel(Orientation o, int X, int Y) {
        return switch (o.tag()) {
            case 1 -> new int[] {X, Y};
            case 2 -> new int[] {W - 1 - X, Y};          // row 0 top, column 0 right
            case 3 -> new int[] {W - 1 - X, H - 1 - Y};  // row 0 bottom, column 0 right
            case 4 -> new int[] {X, H - 1 - Y};          // row 0 bottom, column 0 left
            case 5 -> new int[] {Y, X};                  // row 0 left, column 0 top
            case 6 -> new int[] {Y, H - 1 - X};          // row 0 right, column 0 top
            case 7 -> new int[] {W - 1 - Y, H - 1 - X};  // row 0 right, column 0 bottom
            case 8 -> new int[] {W - 1 - Y, X};          // row 0 left, column 0 bottom
            default -> throw new IllegalArgumentException();
        };
    }

    @Test
    void everyPixelLandsWhereTheTagSays() {
        BufferedImage stored = numbered();
        for (Orientation o : Orientation.values()) {
            BufferedImage upright = MediaPipeline.toArgb(stored, o);
            assertEquals(o.swapsSides() ? H : W, upright.getWidth(), o.name());
            assertEquals(o.swapsSides() ? W : H, upright.getHeight(), o.name());
            for (int y = 0; y < upright.getHeight(); y++) {
                for (int x = 0; x < upright.getWidth(); x++) {
                    int[] from = storedPixel(o, x, y);
                    assertEquals(stored.getRGB(from[0], from[1]), upright.getRGB(x, y),
                            o + " at " + x + "," + y + " from " + from[0] + "," + from[1]);
                }
            }
        }
    }

    @Test
    void theOpaqueCopyTurnsTooAndPutsTransparencyOnWhite() {
        BufferedImage stored = numbered();
        for (Orientation o : Orientation.values()) {
            BufferedImage upright = MediaPipeline.toRgb(stored, o);
            assertEquals(BufferedImage.TYPE_INT_RGB, upright.getType());
            int white = 0;
            for (int y = 0; y < upright.getHeight(); y++) {
                for (int x = 0; x < upright.getWidth(); x++) {
                    int[] from = storedPixel(o, x, y);
                    int expected = from[0] == 1 && from[1] == 0 ? 0xFFFFFFFF : stored.getRGB(from[0], from[1]);
                    assertEquals(expected, upright.getRGB(x, y), o + " at " + x + "," + y);
                    white += upright.getRGB(x, y) == 0xFFFFFFFF ? 1 : 0;
                }
            }
            assertEquals(1, white, o.name());
        }
    }

    /** The quadrants as seen once upright, worked out by hand from a drawing for each value. */
    static final Map<Orientation, String> UPRIGHT = Map.of(
            Orientation.TOP_LEFT, "RG/BY",
            Orientation.TOP_RIGHT, "GR/YB",
            Orientation.BOTTOM_RIGHT, "YB/GR",
            Orientation.BOTTOM_LEFT, "BY/RG",
            Orientation.LEFT_TOP, "RB/GY",
            Orientation.RIGHT_TOP, "BR/YG",
            Orientation.RIGHT_BOTTOM, "YG/BR",
            Orientation.LEFT_BOTTOM, "GY/RB");

    @Test
    void quadrantsTurnAsDrawn() {
        BufferedImage stored = ExifImages.quadrants(48, 32);
        assertEquals("RG/BY", ExifImages.layout(stored));
        for (Orientation o : Orientation.values()) {
            assertEquals(UPRIGHT.get(o), ExifImages.layout(MediaPipeline.toRgb(stored, o)), o.name());
        }
    }

    @Test
    void tagValuesOutsideTheDefinitionNameNothing() {
        for (Orientation o : Orientation.values()) {
            assertEquals(o, Orientation.ofTag(o.tag()).orElseThrow());
        }
        for (long value : new long[] {0, 9, -1, 65536 + 6}) {
            assertTrue(Orientation.ofTag(value).isEmpty(), "value " + value);
        }
    }
}
