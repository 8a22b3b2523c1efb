package coop.entraide.protocol.keys;

import static coop.entraide.protocol.TestFiles.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Base58Test {

    // Examples from draft-msporny-base58-03 §5, verbatim.
    @Test
    void encodesTheDraftExamples() throws KeyFormatException {
        assertVector("Hello World!".getBytes(StandardCharsets.US_ASCII), "2NEpo7TZRRrLZSi2U");
        assertVector("The quick brown fox jumps over the lazy dog.".getBytes(StandardCharsets.US_ASCII),
                "USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z");
        assertVector(hex("0000287fb4cd"), "11233QC4");
    }

    @Test
    void keepsLeadingZeroBytesAsOnes() throws KeyFormatException {
        assertVector(new byte[0], "");
        assertVector(new byte[] {0}, "1");
        assertVector(new byte[] {0, 0, 0}, "111");
        assertVector(new byte[] {0, 0, 1}, "112");
        assertVector(new byte[] {57}, "z");
        assertVector(new byte[] {58}, "21");
    }

    @Test
    void roundTripsRandomBytes() throws KeyFormatException {
        Random random = new Random(8785);
        for (int i = 0; i < 300; i++) {
            byte[] data = new byte[random.nextInt(80)];
            random.nextBytes(data);
            if (data.length > 0 && i % 3 == 0) {
                data[0] = 0;
            }
            assertArrayEquals(data, Base58.decode(Base58.encode(data)));
        }
    }

    @Test
    void rejectsCharactersOutsideTheAlphabet() {
        for (String bad : new String[] {"0", "O", "I", "l", "abc+", "z z", "é", "2NEpo7TZRRrLZSi2U\n"}) {
            assertThrows(KeyFormatException.class, () -> Base58.decode(bad), bad);
        }
    }

    @Test
    void encodesAsTheNumberItIs() {
        Random random = new Random(58);
        for (int i = 0; i < 2000; i++) {
            byte[] data = new byte[random.nextInt(100)];
            random.nextBytes(data);
            for (int z = 0; z < data.length && i % 5 == 0 && z < 3; z++) {
                data[z] = 0;
            }
            assertEquals(byDivision(data), Base58.encode(data), () -> java.util.HexFormat.of().formatHex(data));
        }
    }

    /** The plain definition: repeated division of the whole number by 58, one leading 1 per zero byte. */
    private static String byDivision(byte[] data) {
        String alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
        StringBuilder text = new StringBuilder();
        java.math.BigInteger n = new java.math.BigInteger(1, data);
        java.math.BigInteger base = java.math.BigInteger.valueOf(58);
        while (n.signum() > 0) {
            java.math.BigInteger[] qr = n.divideAndRemainder(base);
            text.append(alphabet.charAt(qr[1].intValue()));
            n = qr[0];
        }
        for (int i = 0; i < data.length && data[i] == 0; i++) {
            text.append('1');
        }
        return text.reverse().toString();
    }

    private static void assertVector(byte[] data, String text) throws KeyFormatException {
        assertEquals(text, Base58.encode(data));
        assertArrayEquals(data, Base58.decode(text));
    }
}
