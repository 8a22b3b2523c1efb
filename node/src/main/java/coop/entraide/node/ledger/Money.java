package coop.entraide.node.ledger;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.Objects;

/**
 * An exact amount in one currency (ISO 4217). Never a floating-point number: amounts are read
 * from text or exact JSON decimals and kept as {@link BigDecimal} down to the database's
 * {@code numeric}.
 */
public record Money(BigDecimal amount, Currency currency) {
    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
    }

    public static Money zero(Currency currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.add(other.amount), currency);
    }

    public Money minus(Money other) {
        requireSameCurrency(other);
        return new Money(amount.subtract(other.amount), currency);
    }

    public boolean isPositive() {
        return amount.signum() > 0;
    }

    /** The amount with exactly the currency's minor digits, as text: {@code "12.50"}. */
    public String plain() {
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        return amount.setScale(Math.max(digits, amount.stripTrailingZeros().scale()), java.math.RoundingMode.UNNECESSARY)
                .toPlainString();
    }

    public String code() {
        return currency.getCurrencyCode();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("cannot add " + other.code() + " to " + code());
        }
    }

    @Override
    public String toString() {
        return plain() + " " + code();
    }
}
