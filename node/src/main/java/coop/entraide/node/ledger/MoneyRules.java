package coop.entraide.node.ledger;

import coop.entraide.node.InvalidInputException;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What amounts and currencies people may give. Every refusal is an {@link InvalidInputException}
 * naming the field, with a sentence that says exactly what is wrong.
 */
public final class MoneyRules {
    /** Above this, an amount is a typing mistake or an attack, not a gift to an association. */
    public static final BigDecimal MAXIMUM = new BigDecimal("10000000");
    public static final Currency DEFAULT_CURRENCY = Currency.getInstance("EUR");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d{1,20}(\\.\\d{1,20})?");
    private static final Pattern CODE = Pattern.compile("[A-Z]{3}");

    private MoneyRules() {
    }

    /**
     * An ISO 4217 currency by its code. Codes that are not money one can pay with (precious metals,
     * test and "no currency" codes, which have no minor unit) are refused too.
     */
    public static Currency currency(String field, Object value) {
        if (value == null) {
            return DEFAULT_CURRENCY;
        }
        if (!(value instanceof String text) || !CODE.matcher(text).matches()) {
            throw new InvalidInputException(field, field + " must be an ISO 4217 code of three capital letters, such as EUR");
        }
        Currency currency;
        try {
            currency = Currency.getInstance(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, field + " '" + text + "' is not an ISO 4217 currency");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            throw new InvalidInputException(field, field + " '" + text + "' is not a currency one can pay with");
        }
        return currency;
    }

    /**
     * A positive amount in {@code currency}: a JSON string ({@code "12.50"}) or an exact JSON number.
     * Refuses zero, negatives, more minor digits than the currency has, and anything above
     * {@link #MAXIMUM}.
     */
    public static Money positive(String field, Object value, Currency currency) {
        BigDecimal amount = decimal(field, value);
        if (amount.signum() < 0) {
            throw new InvalidInputException(field, field + " must be positive, got " + amount.toPlainString());
        }
        if (amount.signum() == 0) {
            throw new InvalidInputException(field, field + " must be more than zero");
        }
        return bounded(field, amount, currency);
    }

    /** Like {@link #positive} but zero is allowed (an optional tip left at nothing). */
    public static Money zeroOrMore(String field, Object value, Currency currency) {
        if (value == null) {
            return Money.zero(currency);
        }
        BigDecimal amount = decimal(field, value);
        if (amount.signum() < 0) {
            throw new InvalidInputException(field, field + " must not be negative, got " + amount.toPlainString());
        }
        return bounded(field, amount, currency);
    }

    private static Money bounded(String field, BigDecimal amount, Currency currency) {
        int digits = currency.getDefaultFractionDigits();
        if (amount.stripTrailingZeros().scale() > digits) {
            throw new InvalidInputException(field, field + " has more than " + digits + " decimal"
                    + (digits == 1 ? "" : "s") + ", which " + currency.getCurrencyCode() + " does not have");
        }
        if (amount.compareTo(MAXIMUM) > 0) {
            throw new InvalidInputException(field, field + " must not exceed " + MAXIMUM.toPlainString() + " "
                    + currency.getCurrencyCode());
        }
        BigDecimal exact = amount.setScale(Math.max(digits, 0), java.math.RoundingMode.UNNECESSARY);
        return new Money(exact, currency);
    }

    private static BigDecimal decimal(String field, Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof java.math.BigInteger) {
            return new BigDecimal(value.toString());
        }
        if (value instanceof String text) {
            String t = text.strip().replace(',', '.');
            if (DECIMAL.matcher(t).matches()) {
                return new BigDecimal(t);
            }
            throw new InvalidInputException(field, field + " must be a decimal number such as 12.50");
        }
        if (value == null) {
            throw new InvalidInputException(field, field + " is required");
        }
        throw new InvalidInputException(field, field + " must be a decimal number given as a string such as \"12.50\"");
    }
}
