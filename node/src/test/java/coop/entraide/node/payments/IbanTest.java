package coop.entraide.node.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.junit.jupiter.api.Test;

class IbanTest {
    // Examples from the IBAN registry (ISO 13616) as reproduced by the European Committee for
    // Banking Standards: United Kingdom, Germany, France, Belgium.
    @Test
    void acceptsRegistryExamples() {
        for (String iban : new String[] {"GB82 WEST 1234 5698 7654 32", "DE89 3704 0044 0532 0130 00",
                "FR14 2004 1010 0505 0001 3M02 606", "BE68 5390 0754 7034"}) {
            Iban.Parsed parsed = Iban.parse(iban);
            assertInstanceOf(Iban.Parsed.Valid.class, parsed, iban);
            assertEquals(iban, ((Iban.Parsed.Valid) parsed).iban().printed());
        }
    }

    @Test
    void readsLowerCaseAndNoSpaces() {
        Iban.Parsed parsed = Iban.parse("gb82west12345698765432");
        assertEquals("GB82WEST12345698765432", ((Iban.Parsed.Valid) parsed).iban().value());
    }

    @Test
    void everyChangedDigitIsCaught() {
        String good = "FR1420041010050500013M02606";
        for (int i = 2; i < good.length(); i++) {
            if (!Character.isDigit(good.charAt(i))) {
                continue;
            }
            for (char c = '0'; c <= '9'; c++) {
                if (c != good.charAt(i)) {
                    String typo = good.substring(0, i) + c + good.substring(i + 1);
                    assertEquals(Iban.Problem.CHECK_DIGITS, problem(typo), typo);
                }
            }
        }
    }

    @Test
    void wrongLengthForTheCountry() {
        assertEquals(Iban.Problem.LENGTH, problem("FR1420041010050500013M0260"));
        assertEquals(Iban.Problem.LENGTH, problem("GB82WEST123456987654321"));
    }

    @Test
    void wrongShape() {
        assertEquals(Iban.Problem.SHAPE, problem(null));
        assertEquals(Iban.Problem.SHAPE, problem(""));
        assertEquals(Iban.Problem.SHAPE, problem("1234WEST12345698765432"));
        assertEquals(Iban.Problem.SHAPE, problem("GBXXWEST12345698765432"));
        assertEquals(Iban.Problem.SHAPE, problem("GB82WEST1234569876543é"));
        assertEquals(Iban.Problem.SHAPE, problem("GB82"));
    }

    private static Iban.Problem problem(String text) {
        Iban.Parsed parsed = Iban.parse(text);
        assertInstanceOf(Iban.Parsed.Invalid.class, parsed, text);
        return ((Iban.Parsed.Invalid) parsed).problem();
    }
}
