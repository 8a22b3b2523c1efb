package coop.entraide.protocol.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double the way ECMAScript's Number.prototype.toString does (ECMA-262 §6.1.6.1.20),
 * which RFC 8785 §3.2.2.3 requires. Java's Double.toString differs in layout ("1.0E21" against
 * "1e+21") and, before Java 19, does not always give the shortest digits, so neither is used.
 */
final class EcmaScriptNumbers {

    /** Below 2^53 every integral double prints exactly as its integer digits. */
    private static final double EXACT_INTEGER_LIMIT = 9007199254740992.0;

    private EcmaScriptNumbers() {
    }

    static String format(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("NaN and Infinity have no JSON representation");
        }
        if (value == 0) {
            return "0"; // also for -0
        }
        if (value < 0) {
            return "-" + format(-value);
        }
        if (value < EXACT_INTEGER_LIMIT && value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        BigDecimal digits = shortestRoundTrip(value).stripTrailingZeros();
        String s = digits.unscaledValue().toString();
        int k = s.length();
        int n = k - digits.scale(); // value = 0.s × 10^n
        return layout(s, k, n);
    }

    /**
     * The decimal with the fewest significant digits that reads back as {@code value}; among
     * those, the closest to it, and the even one on a tie. At each precision the candidates worth
     * trying are the exact value rounded down and rounded up: any other decimal of that precision
     * that reads back lies further away.
     */
    private static BigDecimal shortestRoundTrip(double value) {
        BigDecimal exact = new BigDecimal(value);
        for (int precision = 1; precision < 17; precision++) {
            BigDecimal down = exact.round(new MathContext(precision, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(precision, RoundingMode.CEILING));
            boolean downReads = readsBackAs(down, value);
            boolean upReads = readsBackAs(up, value);
            if (downReads && upReads) {
                return closer(exact, down, up);
            }
            if (downReads) {
                return down;
            }
            if (upReads) {
                return up;
            }
        }
        // Seventeen significant digits always identify a double.
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }

    private static boolean readsBackAs(BigDecimal candidate, double value) {
        return Double.parseDouble(candidate.toString()) == value;
    }

    private static BigDecimal closer(BigDecimal exact, BigDecimal down, BigDecimal up) {
        int comparison = exact.subtract(down).compareTo(up.subtract(exact));
        if (comparison < 0) {
            return down;
        }
        if (comparison > 0) {
            return up;
        }
        return down.unscaledValue().testBit(0) ? up : down;
    }

    /** Number::toString steps 6 to 10, for digits s (k of them) and decimal exponent n. */
    private static String layout(String s, int k, int n) {
        StringBuilder out = new StringBuilder(k + 8);
        if (k <= n && n <= 21) {
            out.append(s);
            out.append("0".repeat(n - k));
        } else if (0 < n && n <= 21) {
            out.append(s, 0, n).append('.').append(s, n, k);
        } else if (-6 < n && n <= 0) {
            out.append("0.").append("0".repeat(-n)).append(s);
        } else {
            int exponent = n - 1;
            out.append(s.charAt(0));
            if (k > 1) {
                out.append('.').append(s, 1, k);
            }
            out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
        }
        return out.toString();
    }
}
