package coop.entraide.node.ledger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import coop.entraide.node.InvalidInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Currency;
import org.junit.jupiter.api.Test;

class MoneyRulesTest {
    private static final Currency EUR = Currency.getInstance("EUR");
    private static final Currency JPY = Currency.getInstance("JPY");

    private static String refusal(Object amount, Currency c) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MoneyRules.positive("amount", amount, c));
        assertEquals("amount", e.field());
        return e.getMessage();
    }

    @Test
    void acceptsExactDecimals() {
        assertEquals(new BigDecimal("12.50"), MoneyRules.positive("amount", "12.5", EUR).amount());
        assertEquals(new BigDecimal("12.10"), MoneyRules.positive("amount", new BigDecimal("12.10"), EUR).amount());
        assertEquals(new BigDecimal("7.00"), MoneyRules.positive("amount", BigInteger.valueOf(7), EUR).amount());
        assertEquals(new BigDecimal("3.25"), MoneyRules.positive("amount", "3,25", EUR).amount());
        assertEquals(new BigDecimal("10000000.00"), MoneyRules.positive("amount", "10000000", EUR).amount());
        assertEquals(new BigDecimal("500"), MoneyRules.positive("amount", "500", JPY).amount());
        assertEquals("12.50 EUR", MoneyRules.positive("amount", "12.500", EUR).toString());
    }

    @Test
    void refusesNegativeZeroAndAbsurd() {
        assertTrue(refusal("-5", EUR).contains("positive"));
        assertTrue(refusal("0", EUR).contains("more than zero"));
        assertTrue(refusal("0.00", EUR).contains("more than zero"));
        assertTrue(refusal("10000000.01", EUR).contains("must not exceed 10000000"));
        assertTrue(refusal("1e9", EUR).contains("decimal number"));
    }

    @Test
    void refusesMoreDecimalsThanTheCurrencyHas() {
        assertTrue(refusal("12.345", EUR).contains("more than 2 decimals"));
        assertTrue(refusal("0.001", EUR).contains("more than 2 decimals"));
        assertTrue(refusal("500.5", JPY).contains("more than 0 decimals"));
    }

    @Test
    void refusesFloatingPointAndOtherShapes() {
        assertTrue(refusal(12.5d, EUR).contains("string"));
        assertTrue(refusal(true, EUR).contains("string"));
        assertTrue(refusal(null, EUR).contains("required"));
        assertTrue(refusal("douze", EUR).contains("decimal number"));
    }

    @Test
    void currencies() {
        assertEquals(EUR, MoneyRules.currency("currency", null));
        assertEquals(Currency.getInstance("CHF"), MoneyRules.currency("currency", "CHF"));
        assertThrows(InvalidInputException.class, () -> MoneyRules.currency("currency", "ZZZ"));
        assertThrows(InvalidInputException.class, () -> MoneyRules.currency("currency", "eur"));
        assertThrows(InvalidInputException.class, () -> MoneyRules.currency("currency", "EURO"));
        assertThrows(InvalidInputException.class, () -> MoneyRules.currency("currency", 978));
        // Gold and the "no currency" code are in ISO 4217 but nobody pays with them.
        assertTrue(assertThrows(InvalidInputException.class, () -> MoneyRules.currency("currency", "XAU"))
                .getMessage().contains("pay with"));
        assertThrows(InvalidInputException.class, () -> MoneyRules.currency("currency", "XXX"));
    }

    @Test
    void tipsMayBeZeroButNotNegative() {
        assertEquals(BigDecimal.ZERO, MoneyRules.zeroOrMore("tip", null, EUR).amount());
        assertEquals(new BigDecimal("0.00"), MoneyRules.zeroOrMore("tip", "0", EUR).amount());
        assertThrows(InvalidInputException.class, () -> MoneyRules.zeroOrMore("tip", "-1", EUR));
        assertThrows(InvalidInputException.class, () -> MoneyRules.zeroOrMore("tip", "1.001", EUR));
    }
}
