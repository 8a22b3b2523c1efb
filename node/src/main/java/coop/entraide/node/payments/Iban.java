package coop.entraide.node.payments;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An International Bank Account Number (ISO 13616): country, two check digits (ISO 7064
 * MOD 97-10) and the national account number. Built only through {@link #parse}, so an
 * {@code Iban} always has valid check digits and, for the SEPA countries, the right length.
 */
public record Iban(String value) {
    /** Lengths from the IBAN registry for the countries of the SEPA scheme. */
    private static final Map<String, Integer> SEPA_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("CH", 21),
            Map.entry("CY", 28), Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("EE", 20),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GI", 23),
            Map.entry("GR", 27), Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IS", 26),
            Map.entry("IT", 27), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21),
            Map.entry("MC", 27), Map.entry("MT", 31), Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28),
            Map.entry("PT", 25), Map.entry("RO", 24), Map.entry("SE", 24), Map.entry("SI", 19), Map.entry("SK", 24),
            Map.entry("SM", 27), Map.entry("VA", 22));
    private static final Pattern SHAPE = Pattern.compile("[A-Z]{2}\\d{2}[A-Z0-9]{11,30}");

    /** Why a text is not an IBAN. */
    public enum Problem { SHAPE, LENGTH, CHECK_DIGITS }

    /** The outcome of {@link #parse}. */
    public sealed interface Parsed {
        record Valid(Iban iban) implements Parsed {
        }

        record Invalid(Problem problem, String message) implements Parsed {
        }
    }

    /** Reads an IBAN as people write it (groups of four, lower case). */
    public static Parsed parse(String text) {
        String compact = text == null ? "" : text.replace(" ", "").replace("-", "").toUpperCase(Locale.ROOT);
        if (!SHAPE.matcher(compact).matches()) {
            return new Parsed.Invalid(Problem.SHAPE,
                    "an IBAN is a country code, two check digits and 11 to 30 letters and digits");
        }
        Integer expected = SEPA_LENGTHS.get(compact.substring(0, 2));
        if (expected != null && compact.length() != expected) {
            return new Parsed.Invalid(Problem.LENGTH, "an IBAN of " + compact.substring(0, 2) + " has " + expected
                    + " characters, this one has " + compact.length());
        }
        if (Mod97.remainder(compact.substring(4) + compact.substring(0, 4)) != 1) {
            return new Parsed.Invalid(Problem.CHECK_DIGITS, "the check digits of this IBAN do not match: is there a typo?");
        }
        return new Parsed.Valid(new Iban(compact));
    }

    public String country() {
        return value.substring(0, 2);
    }

    /** In groups of four, as printed: {@code FR76 3000 6000 0112 3456 7890 189}. */
    public String printed() {
        return Groups.ofFour(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
