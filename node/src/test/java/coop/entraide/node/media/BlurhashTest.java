package coop.entraide.node.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BlurhashTest {
    @Test
    void aFlatColourHasItsColourAsDc() {
        int[] red = new int[8 * 6];
        Arrays.fill(red, 0xFF0000);
        // One component: size flag 0, no AC maximum, then the average colour in base 83.
        assertEquals("00" + base83(0xFF0000, 4), Blurhash.encode(red, 8, 6, 1, 1));
        String hash = Blurhash.encode(red, 8, 6, 4, 3);
        assertEquals(28, hash.length(), "4 + 2 × 11 AC components");
        assertEquals('L', hash.charAt(0), "size flag (4 - 1) + (3 - 1) × 9 = 21");
        assertEquals(base83(0xFF0000, 4), hash.substring(2, 6));
    }

    @Test
    void linearLightRoundTripsEveryByte() {
        for (int v = 0; v < 256; v++) {
            assertEquals(v, Blurhash.toSrgb(Blurhash.toLinear(v)), "value " + v);
        }
    }

    @Test
    void aGradientHasAcComponents() {
        int[] gradient = new int[16 * 4];
        for (int i = 0; i < gradient.length; i++) {
            int x = i % 16;
            gradient[i] = (x * 16) << 8;
        }
        String hash = Blurhash.encode(gradient, 16, 4, 4, 3);
        assertNotEquals("fQ", hash.substring(6, 8), "the first horizontal component is not flat");
    }

    @Test
    void refusesNonsense() {
        assertThrows(IllegalArgumentException.class, () -> Blurhash.encode(new int[4], 2, 2, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> Blurhash.encode(new int[3], 2, 2, 4, 3));
    }

    private static String base83(int value, int length) {
        String digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~";
        StringBuilder s = new StringBuilder();
        for (int i = length - 1; i >= 0; i--) {
            s.append(digits.charAt((int) (value / (long) Math.pow(83, i) % 83)));
        }
        return s.toString();
    }
}
