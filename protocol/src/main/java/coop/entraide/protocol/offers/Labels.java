package coop.entraide.protocol.offers;

import java.util.Locale;

/**
 * A term's stable key and its labels (docs/offers-vocabulary.md). Offers are labelled in French or
 * English: French for {@code fr} and its regional tags, English for every other language.
 */
public record Labels(String key, String french, String english) {

    /** The label for a language tag such as {@code fr-BE} or {@code en}. */
    public String in(String language) {
        return isFrench(language) ? french : english;
    }

    static boolean isFrench(String language) {
        return language != null && language.toLowerCase(Locale.ROOT).startsWith("fr");
    }
}
