package coop.entraide.node.payments;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An ISO 11649 structured creditor reference ("RF" + two check digits + up to 21 letters and
 * digits), which banks across SEPA carry unchanged from the payer to the payee, so that a transfer
 * finds its pledge without anyone retyping a name.
 */
public record CreditorReference(String value) {
    private static final Pattern BODY = Pattern.compile("[A-Z0-9]{1,21}");
    private static final Pattern PRINTED = Pattern.compile("RF\\d{2}[A-Z0-9]{1,21}");

    /** The reference for {@code body} (letters and digits, 1 to 21), with its check digits. */
    public static CreditorReference of(String body) {
        String b = body.toUpperCase(Locale.ROOT);
        if (!BODY.matcher(b).matches()) {
            throw new IllegalArgumentException("a creditor reference holds 1 to 21 letters and digits");
        }
        return new CreditorReference("RF" + Mod97.checkDigits("RF", b) + b);
    }

    /** Reads a reference as a person may type it (spaces, lower case); empty if it is not valid. */
    public static Optional<CreditorReference> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String compact = text.replace(" ", "").toUpperCase(Locale.ROOT);
        if (!PRINTED.matcher(compact).matches()) {
            return Optional.empty();
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        return Mod97.remainder(rearranged) == 1 ? Optional.of(new CreditorReference(compact)) : Optional.empty();
    }

    /** In groups of four, as printed on payment slips: {@code RF18 5390 0754 7034}. */
    public String printed() {
        return Groups.ofFour(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
