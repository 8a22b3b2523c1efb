package coop.entraide.protocol.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {
    @Test
    void keepsExactDecimals() {
        assertEquals(new Money(new BigDecimal("12.50"), "EUR"), Money.parse("12.5", null).orElseThrow());
        assertEquals("0.10", Money.parse("0.1", "EUR").orElseThrow().amountText());
        assertEquals("12.00", Money.parse("12", "EUR").orElseThrow().amountText());
        assertEquals("500", Money.parse("500", "JPY").orElseThrow().amountText(), "the yen has no decimals");
        assertEquals("12.30", Money.parse("12.3000", "EUR").orElseThrow().amountText(), "trailing zeros are not decimals");
    }

    @Test
    void refusesWhatIsNotAnAmount() {
        for (String bad : new String[] {"12.345", "-1", "1e3", "12,50", "", " 12", "0x10", "12.", ".5", "99999999999"}) {
            assertFalse(Money.parse(bad, "EUR").isOk(), bad);
        }
        assertFalse(Money.parse("5.5", "JPY").isOk());
        assertFalse(Money.parse("5", "XYZ").isOk());
        assertFalse(Money.parse("5", "eur").isOk());
        assertFalse(Money.parse(null, "EUR").isOk());
    }
}
