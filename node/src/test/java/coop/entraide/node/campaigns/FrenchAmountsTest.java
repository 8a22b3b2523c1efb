package coop.entraide.node.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class FrenchAmountsTest {
    @Test
    void numbers() {
        String[][] cases = {
                {"0", "zéro"}, {"1", "un"}, {"16", "seize"}, {"17", "dix-sept"}, {"21", "vingt et un"},
                {"22", "vingt-deux"}, {"70", "soixante-dix"}, {"71", "soixante et onze"}, {"77", "soixante-dix-sept"},
                {"80", "quatre-vingts"}, {"81", "quatre-vingt-un"}, {"90", "quatre-vingt-dix"},
                {"91", "quatre-vingt-onze"}, {"99", "quatre-vingt-dix-neuf"}, {"100", "cent"}, {"101", "cent un"},
                {"200", "deux cents"}, {"201", "deux cent un"}, {"280", "deux cent quatre-vingts"},
                {"1000", "mille"}, {"1001", "mille un"}, {"2000", "deux mille"}, {"80000", "quatre-vingt mille"},
                {"200000", "deux cent mille"}, {"1000000", "un million"}, {"2000000", "deux millions"},
                {"80000000", "quatre-vingts millions"}, {"1234567", "un million deux cent trente-quatre mille cinq cent soixante-sept"},
                {"10000000", "dix millions"}};
        for (String[] c : cases) {
            assertEquals(c[1], FrenchAmounts.number(Long.parseLong(c[0])), c[0]);
        }
    }

    @Test
    void euros() {
        assertEquals("cent vingt-trois euros et cinquante centimes", FrenchAmounts.euros(new BigDecimal("123.50")));
        assertEquals("un euro", FrenchAmounts.euros(new BigDecimal("1.00")));
        assertEquals("un euro et un centime", FrenchAmounts.euros(new BigDecimal("1.01")));
        assertEquals("cinquante centimes", FrenchAmounts.euros(new BigDecimal("0.50")));
        assertEquals("zéro euro", FrenchAmounts.euros(new BigDecimal("0")));
        assertEquals("deux millions d'euros", FrenchAmounts.euros(new BigDecimal("2000000")));
        assertEquals("vingt et un euros", FrenchAmounts.euros(new BigDecimal("21")));
    }
}
