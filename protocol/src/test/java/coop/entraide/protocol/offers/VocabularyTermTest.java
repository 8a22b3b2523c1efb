package coop.entraide.protocol.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Kinds, categories and conditions: stable keys, labelled in French or English. */
class VocabularyTermTest {

    private static String table(VocabularyTerm[] terms, String language) {
        return Arrays.stream(terms).map(t -> t.key() + "=" + t.label(language)).collect(Collectors.joining(", "));
    }

    @Test
    void conditionsAreLabelledInFrenchForEveryFrenchTagAndInEnglishOtherwise() {
        String french = "new=Neuf, like_new=Comme neuf, good=Bon état, fair=État correct, for_parts=Pour pièces";
        String english = "new=New, like_new=Like new, good=Good, fair=Fair, for_parts=For parts";
        for (String tag : List.of("fr", "fr-BE", "FR-ca")) {
            assertEquals(french, table(Condition.values(), tag), tag);
        }
        for (String tag : Arrays.asList("en", "de", "", null)) {
            assertEquals(english, table(Condition.values(), tag), String.valueOf(tag));
        }
    }

    @Test
    void kindsAndCategoriesKeepTheirKeysAndLabels() {
        assertEquals("give=Don, lend=Prêt, swap=Échange, sell=Vente, service=Coup de main, request=Demande",
                table(OfferKind.values(), "fr"));
        assertEquals("give=Give, lend=Lend, swap=Swap, sell=Sell, service=Service, request=Request",
                table(OfferKind.values(), "en"));
        assertEquals("tools=Outils, kitchen=Cuisine, children=Enfants, books=Livres, garden=Jardin, "
                + "electronics=Électronique, furniture=Meubles, clothes=Vêtements, sport=Sport, services=Services, "
                + "other=Autre", table(Category.values(), "fr"));
        assertEquals("Electronics", Category.ELECTRONICS.label("en-GB"));
    }

    @Test
    void parsingFindsExactKeysOnlyExceptThatAKindIgnoresCase() {
        assertEquals(Optional.of(Category.FURNITURE), Category.parse("furniture"));
        assertEquals(Optional.empty(), Category.parse("Furniture"));
        assertEquals(Optional.empty(), Category.parse(null));
        assertEquals(Optional.of(Condition.LIKE_NEW), Condition.parse("like_new"));
        assertEquals(Optional.empty(), Condition.parse("like new"));
        assertEquals(Optional.empty(), Condition.parse(null));
        assertEquals(Optional.of(OfferKind.LEND), OfferKind.parse("LEND"));
        assertEquals(Optional.empty(), OfferKind.parse("borrow"));
        assertEquals(Optional.empty(), OfferKind.parse(null));
    }
}
