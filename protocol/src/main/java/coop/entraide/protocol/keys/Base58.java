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

    /** Encodes bytes; each leading zero byte becomes a leading {@code 1}. */
    public static String encode(byte[] data) {
        int zeros = 0;
        while (zeros < data.length && data[zeros] == 0) {
            zeros++;
        }
        // log(256) / log(58) < 1.37: enough room for the base-58 digits of the rest.
        char[] digits = new char[zeros + (data.length - zeros) * 137 / 100 + 1];
        byte[] number = Arrays.copyOfRange(data, zeros, data.length);
        int out = digits.length;
        int start = 0;
        while (start < number.length) {
            int remainder = 0;
            for (int i = start; i < number.length; i++) {
                int value = remainder * 256 + (number[i] & 0xff);
                number[i] = (byte) (value / 58);
                remainder = value % 58;
            }
            digits[--out] = ALPHABET[remainder];
            while (start < number.length && number[start] == 0) {
                start++;
            }
        }
        for (int i = 0; i < zeros; i++) {
            digits[--out] = ALPHABET[0];
        }
        return new String(digits, out, digits.length - out);
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
