package coop.entraide.protocol.keys;

import java.util.Arrays;

/** Base58btc, the Bitcoin alphabet used by multibase prefix {@code z} (draft-msporny-base58 §2). */
public final class Base58 {

    private static final char[] ALPHABET =
            "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz".toCharArray();
    private static final int[] DIGIT_OF = new int[128];

    static {
        Arrays.fill(DIGIT_OF, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            DIGIT_OF[ALPHABET[i]] = i;
        }
    }

    private Base58() {
    }

    /** 58 to the 5th: five base-58 digits come out of each division of a 32-bit-limbed number. */
    private static final long FIVE_DIGITS = 58L * 58 * 58 * 58 * 58;

    /** Encodes bytes; each leading zero byte becomes a leading {@code 1}. */
    public static String encode(byte[] data) {
        int zeros = 0;
        while (zeros < data.length && data[zeros] == 0) {
            zeros++;
        }
        // log(256) / log(58) < 1.37: enough room for the base-58 digits of the rest.
        char[] digits = new char[zeros + (data.length - zeros) * 137 / 100 + 1];
        int[] limbs = limbs(data, zeros);
        int out = digits.length;
        int start = 0;
        // Dividing 32-bit limbs by 58^5 takes five digits per pass over the number, with a fifth
        // of the passes and a quarter of the limbs of a byte-by-byte division by 58.
        while (start < limbs.length) {
            long remainder = 0;
            for (int i = start; i < limbs.length; i++) {
                long value = remainder << 32 | limbs[i] & 0xffffffffL;
                limbs[i] = (int) (value / FIVE_DIGITS);
                remainder = value % FIVE_DIGITS;
            }
            while (start < limbs.length && limbs[start] == 0) {
                start++;
            }
            boolean last = start == limbs.length;
            for (int d = 0; d < 5 && !(last && remainder == 0); d++) {
                digits[--out] = ALPHABET[(int) (remainder % 58)];
                remainder /= 58;
            }
        }
        for (int i = 0; i < zeros; i++) {
            digits[--out] = ALPHABET[0];
        }
        return new String(digits, out, digits.length - out);
    }

    /** The bytes from {@code from} on as a big-endian number in 32-bit limbs. */
    private static int[] limbs(byte[] data, int from) {
        int length = data.length - from;
        int[] limbs = new int[(length + 3) / 4];
        for (int i = 0; i < length; i++) {
            int fromEnd = length - 1 - i;
            limbs[limbs.length - 1 - fromEnd / 4] |= (data[from + i] & 0xff) << 8 * (fromEnd % 4);
        }
        return limbs;
    }

    /** Decodes base58btc text; any character outside the alphabet is a {@link KeyFormatException}. */
    public static byte[] decode(String text) throws KeyFormatException {
        int ones = 0;
        while (ones < text.length() && text.charAt(ones) == ALPHABET[0]) {
            ones++;
        }
        // log(58) / log(256) < 0.733.
        byte[] number = new byte[(text.length() - ones) * 733 / 1000 + 1];
        int used = 0;
        for (int i = ones; i < text.length(); i++) {
            char c = text.charAt(i);
            int digit = c < 128 ? DIGIT_OF[c] : -1;
            if (digit < 0) {
                throw new KeyFormatException("invalid base58btc character at index " + i);
            }
            int carry = digit;
            for (int j = number.length - 1; j >= number.length - used || carry != 0; j--) {
                carry += 58 * (number[j] & 0xff);
                number[j] = (byte) carry;
                carry >>>= 8;
                if (number.length - j > used) {
                    used = number.length - j;
                }
            }
        }
        byte[] result = new byte[ones + used];
        System.arraycopy(number, number.length - used, result, ones, used);
        return result;
    }
}
