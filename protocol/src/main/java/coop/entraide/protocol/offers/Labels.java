package coop.entraide.protocol.offers;

import java.util.Locale;

/** Offers are labelled in French or English: French for {@code fr} and its regional tags. */
final class Labels {
    private Labels() {
    }

    static boolean isFrench(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("fr");
    }
}
