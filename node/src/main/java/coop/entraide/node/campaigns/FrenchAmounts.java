package coop.entraide.node.campaigns;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Amounts in French words, as a tax receipt states them ("somme en toutes lettres"), with the
 * traditional spelling: "vingt et un", "quatre-vingts", "deux cents", "deux cent un", "mille",
 * "deux millions d'euros".
 */
final class FrenchAmounts {
    private static final String[] UNITS = {"zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit",
            "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize"};
    private static final String[] TENS = {"", "dix", "vingt", "trente", "quarante", "cinquante", "soixante"};

    private FrenchAmounts() {
    }

    /** {@code 123.50} → "cent vingt-trois euros et cinquante centimes". */
    static String euros(BigDecimal amount) {
        BigDecimal exact = amount.setScale(2, RoundingMode.UNNECESSARY);
        if (exact.signum() < 0) {
            throw new IllegalArgumentException("a negative amount has no words on a receipt");
        }
        long euros = exact.longValue();
        int cents = exact.remainder(BigDecimal.ONE).movePointRight(2).intValue();
        StringBuilder sb = new StringBuilder();
        if (euros > 0 || cents == 0) {
            sb.append(number(euros));
            boolean roundMillions = euros >= 1_000_000 && euros % 1_000_000 == 0;
            sb.append(roundMillions ? " d'euros" : euros > 1 ? " euros" : " euro");
        }
        if (cents > 0) {
            if (sb.length() > 0) {
                sb.append(" et ");
            }
            sb.append(number(cents)).append(cents > 1 ? " centimes" : " centime");
        }
        return sb.toString();
    }

    /** A whole number up to 999 999 999 999 in words. */
    static String number(long n) {
        if (n < 0 || n > 999_999_999_999L) {
            throw new IllegalArgumentException("out of range: " + n);
        }
        if (n == 0) {
            return UNITS[0];
        }
        StringBuilder sb = new StringBuilder();
        long billions = n / 1_000_000_000;
        long millions = n / 1_000_000 % 1000;
        long thousands = n / 1000 % 1000;
        int rest = (int) (n % 1000);
        if (billions > 0) {
            append(sb, belowThousand((int) billions, true) + (billions > 1 ? " milliards" : " milliard"));
        }
        if (millions > 0) {
            append(sb, belowThousand((int) millions, true) + (millions > 1 ? " millions" : " million"));
        }
        if (thousands > 0) {
            // "mille" is invariable and never preceded by "un"; before it, "cents" and "vingts" lose their s.
            append(sb, thousands == 1 ? "mille" : belowThousand((int) thousands, false) + " mille");
        }
        if (rest > 0) {
            append(sb, belowThousand(rest, true));
        }
        return sb.toString();
    }

    private static void append(StringBuilder sb, String words) {
        if (sb.length() > 0) {
            sb.append(' ');
        }
        sb.append(words);
    }

    /** 1 to 999; {@code plural} says whether "cents"/"vingts" may take their s (not before "mille"). */
    private static String belowThousand(int n, boolean plural) {
        int hundreds = n / 100;
        int rest = n % 100;
        StringBuilder sb = new StringBuilder();
        if (hundreds > 0) {
            if (hundreds > 1) {
                sb.append(UNITS[hundreds]).append(' ');
            }
            sb.append("cent");
            if (hundreds > 1 && rest == 0 && plural) {
                sb.append('s');
            }
        }
        if (rest > 0) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(belowHundred(rest, plural));
        }
        return sb.toString();
    }

    private static String belowHundred(int n, boolean plural) {
        if (n <= 16) {
            return UNITS[n];
        }
        if (n < 20) {
            return "dix-" + UNITS[n - 10];
        }
        int tens = n / 10;
        int units = n % 10;
        if (tens == 7 || tens == 9) {
            String base = tens == 7 ? "soixante" : "quatre-vingt";
            String tail = belowHundred(10 + units, plural);
            return base + (tens == 7 && units == 1 ? " et " : "-") + tail;
        }
        if (tens == 8) {
            return units == 0 ? (plural ? "quatre-vingts" : "quatre-vingt") : "quatre-vingt-" + UNITS[units];
        }
        if (units == 0) {
            return TENS[tens];
        }
        return TENS[tens] + (units == 1 ? " et " : "-") + UNITS[units];
    }
}
