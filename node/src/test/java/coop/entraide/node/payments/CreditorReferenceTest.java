package coop.entraide.node.payments;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CreditorReferenceTest {
    /** The example of ISO 11649 as published by the European Payments Council: RF18 5390 0754 7034. */
    private static final String ISO_EXAMPLE = "RF18 5390 0754 7034";

    @Test
    void computesTheCheckDigitsOfThePublishedExample() {
        CreditorReference r = CreditorReference.of("539007547034");
        assertEquals("RF18539007547034", r.value());
        assertEquals(ISO_EXAMPLE, r.printed());
    }

    @Test
    void readsThePublishedExampleAsTyped() {
        assertEquals(Optional.of(new CreditorReference("RF18539007547034")), CreditorReference.parse(ISO_EXAMPLE));
        assertEquals(Optional.of(new CreditorReference("RF18539007547034")), CreditorReference.parse("rf18539007547034"));
    }

    @Test
    void everyChangedDigitIsCaught() {
        String good = "RF18539007547034";
        for (int i = 2; i < good.length(); i++) {
            for (char c = '0'; c <= '9'; c++) {
                if (c == good.charAt(i)) {
                    continue;
                }
                String typo = good.substring(0, i) + c + good.substring(i + 1);
                assertTrue(CreditorReference.parse(typo).isEmpty(), typo);
            }
        }
    }

    @Test
    void swappedNeighboursAreCaught() {
        assertTrue(CreditorReference.parse("RF18539007547043").isEmpty());
        assertTrue(CreditorReference.parse("RF81539007547034").isEmpty());
    }

    @Test
    void lettersCountAsTwoDigits() {
        CreditorReference r = CreditorReference.of("C12P345");
        assertTrue(CreditorReference.parse(r.value()).isPresent(), r.value());
        assertTrue(r.value().startsWith("RF"));
        assertEquals(4 + 7, r.value().length());
    }

    @Test
    void refusesWhatIsNotAReference() {
        assertTrue(CreditorReference.parse(null).isEmpty());
        assertTrue(CreditorReference.parse("").isEmpty());
        assertTrue(CreditorReference.parse("RF18").isEmpty());
        assertTrue(CreditorReference.parse("XX18539007547034").isEmpty());
        assertTrue(CreditorReference.parse("RF18" + "1".repeat(22)).isEmpty());
        assertTrue(CreditorReference.parse("RF18-5390").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> CreditorReference.of("1".repeat(22)));
        assertThrows(IllegalArgumentException.class, () -> CreditorReference.of("é"));
    }
}
