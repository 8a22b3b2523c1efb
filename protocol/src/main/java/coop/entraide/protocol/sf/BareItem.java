package coop.entraide.protocol.sf;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * A bare item of RFC 8941 §3.3 (and RFC 9651 §3.3.7–3.3.8 for Date and Display String).
 *
 * <p>Each type checks its range on construction, so a value that exists can always be serialised.
 * Construction with an out-of-range value is a programming error and throws
 * {@link IllegalArgumentException}; the parser never does that, it reports
 * {@link StructuredFieldException} instead.
 */
public sealed interface BareItem {

    /** Largest magnitude of an Integer, RFC 8941 §3.3.1. */
    long MAX_INTEGER = 999_999_999_999_999L;

    /** Largest magnitude of the integer part of a Decimal, RFC 8941 §3.3.2. */
    long MAX_DECIMAL_INTEGER_PART = 999_999_999_999L;

    /** RFC 8941 §3.3.1 Integer: at most 15 decimal digits. */
    record SfInteger(long value) implements BareItem {
        public SfInteger {
            if (value > MAX_INTEGER || value < -MAX_INTEGER) {
                throw new IllegalArgumentException("integer out of range: " + value);
            }
        }
    }

    /**
     * RFC 8941 §3.3.2 Decimal: at most 12 integer digits and 3 fractional digits. The value is
     * rounded to 3 places (half to even) on construction, as serialisation would.
     */
    record SfDecimal(BigDecimal value) implements BareItem {
        public SfDecimal {
            Objects.requireNonNull(value, "value");
            value = value.setScale(3, RoundingMode.HALF_EVEN);
            if (value.abs().compareTo(BigDecimal.valueOf(MAX_DECIMAL_INTEGER_PART + 1)) >= 0) {
                throw new IllegalArgumentException("decimal out of range: " + value);
            }
        }

        public static SfDecimal of(String decimal) {
            return new SfDecimal(new BigDecimal(decimal));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SfDecimal d && value.compareTo(d.value) == 0;
        }

        @Override
        public int hashCode() {
            return value.stripTrailingZeros().hashCode();
        }
    }

    /** RFC 8941 §3.3.3 String: printable ASCII only. */
    record SfString(String value) implements BareItem {
        public SfString {
            Objects.requireNonNull(value, "value");
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    throw new IllegalArgumentException("string holds a character outside printable ASCII");
                }
            }
        }
    }

    /** RFC 8941 §3.3.4 Token. */
    record SfToken(String value) implements BareItem {
        public SfToken {
            Objects.requireNonNull(value, "value");
            if (!Chars.isToken(value)) {
                throw new IllegalArgumentException("not a token: " + value);
            }
        }
    }

    /** RFC 8941 §3.3.5 Byte Sequence. */
    record SfByteSequence(byte[] value) implements BareItem {
        public SfByteSequence {
            value = value.clone();
        }

        @Override
        public byte[] value() {
            return value.clone();
        }

        /** The bytes, without copying: only for code in this library that does not keep them. */
        byte[] unsafeBytes() {
            return value;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof SfByteSequence b && Arrays.equals(value, b.value);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "SfByteSequence[" + Base64.getEncoder().encodeToString(value) + "]";
        }
    }

    /** RFC 8941 §3.3.6 Boolean. */
    record SfBoolean(boolean value) implements BareItem {
        public static final SfBoolean TRUE = new SfBoolean(true);
        public static final SfBoolean FALSE = new SfBoolean(false);
    }

    /** RFC 9651 §3.3.7 Date: whole seconds since the epoch, in the Integer range. */
    record SfDate(long epochSeconds) implements BareItem {
        public SfDate {
            if (epochSeconds > MAX_INTEGER || epochSeconds < -MAX_INTEGER) {
                throw new IllegalArgumentException("date out of range: " + epochSeconds);
            }
        }
    }

    /** RFC 9651 §3.3.8 Display String: any Unicode text. */
    record SfDisplayString(String value) implements BareItem {
        public SfDisplayString {
            Objects.requireNonNull(value, "value");
        }
    }
}
