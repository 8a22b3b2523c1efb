package coop.entraide.node.payments;

/**
 * The ISO 7064 MOD 97-10 check shared by IBANs (ISO 13616) and creditor references (ISO 11649):
 * letters count as two digits (A = 10 … Z = 35) and the whole string is taken modulo 97.
 */
final class Mod97 {
    private Mod97() {
    }

    /** The remainder modulo 97 of {@code text} read as digits; -1 if it has other characters. */
    static int remainder(CharSequence text) {
        int remainder = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (c >= 'A' && c <= 'Z') {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                return -1;
            }
        }
        return remainder;
    }

    /** Check digits for {@code body} with a two-letter prefix, such as an IBAN's country or "RF". */
    static String checkDigits(String prefix, String body) {
        int r = remainder(body + prefix + "00");
        return String.format("%02d", 98 - r);
    }
}
