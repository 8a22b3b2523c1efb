package coop.entraide.protocol.offers;

import coop.entraide.protocol.as.Parsed;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An exact amount of money: a decimal (never a binary floating point number) and an ISO 4217
 * currency, with no more decimals than the currency has (two for the euro). Written on the wire
 * as a decimal string, as FEP-0837's {@code hasNumericalValue} is.
 */
public record Money(BigDecimal amount, String currency) {
    public static final String DEFAULT_CURRENCY = "EUR";
    /** The largest amount a node stores ({@code numeric(12,2)}). */
    public static final BigDecimal MAX = new BigDecimal("9999999999.99");

    private static final Pattern DECIMAL = Pattern.compile("\\d{1,10}(\\.\\d{1,4})?");
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");
    /** Wikidata items of common currencies, for FEP-0837 {@code resourceConformsTo}. */
    private static final Map<String, String> WIKIDATA = Map.of(
            "EUR", "https://www.wikidata.org/wiki/Q4916",
            "USD", "https://www.wikidata.org/wiki/Q4917",
            "GBP", "https://www.wikidata.org/wiki/Q25224",
            "CHF", "https://www.wikidata.org/wiki/Q25344",
            "CAD", "https://www.wikidata.org/wiki/Q1104069");

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    /**
     * Reads {@code amount} written as a plain decimal ({@code 12}, {@code 12.5}, {@code 12.50}) in
     * {@code currency} (the euro when {@code null}); the reason in words when it cannot be used.
     */
    public static Parsed<Money> parse(String amount, String currency) {
        String code = currency == null ? DEFAULT_CURRENCY : currency;
        if (!CODE.matcher(code).matches() || !isIso4217(code)) {
            return Parsed.invalid("currency must be an ISO 4217 code such as EUR");
        }
        if (amount == null || !DECIMAL.matcher(amount).matches()) {
            return Parsed.invalid("amount must be a decimal number written as text, such as \"12.50\"");
        }
        BigDecimal value = new BigDecimal(amount);
        int digits = Currency.getInstance(code).getDefaultFractionDigits();
        if (value.stripTrailingZeros().scale() > Math.max(digits, 0)) {
            return Parsed.invalid("amount has more than " + Math.max(digits, 0) + " decimals for " + code);
        }
        if (value.compareTo(MAX) > 0) {
            return Parsed.invalid("amount is too large");
        }
        return Parsed.ok(new Money(value.setScale(Math.max(digits, 0)), code));
    }

    /** The amount as written on the wire: {@code 12.50}. */
    public String amountText() {
        return amount.toPlainString();
    }

    /** The Wikidata item of the currency, when it is one of the common ones. */
    public Optional<String> wikidataItem() {
        return Optional.ofNullable(WIKIDATA.get(currency));
    }

    /** The currency whose Wikidata item this is, if known. */
    public static Optional<String> currencyOfWikidataItem(String item) {
        return WIKIDATA.entrySet().stream().filter(e -> e.getValue().equals(item)).map(Map.Entry::getKey).findFirst();
    }

    @Override
    public String toString() {
        return amountText() + " " + currency;
    }

    private static boolean isIso4217(String code) {
        try {
            Currency.getInstance(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
