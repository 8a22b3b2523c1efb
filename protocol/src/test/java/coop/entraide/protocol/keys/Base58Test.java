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

    private static void assertVector(byte[] data, String text) throws KeyFormatException {
        assertEquals(text, Base58.encode(data));
        assertArrayEquals(data, Base58.decode(text));
    }
}
