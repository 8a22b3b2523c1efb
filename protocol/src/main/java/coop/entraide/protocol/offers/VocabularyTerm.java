package coop.entraide.protocol.offers;

import java.util.Arrays;
import java.util.Optional;

/** A term of the offers vocabulary (docs/offers-vocabulary.md): a stable key, shown in French or English. */
public interface VocabularyTerm {

    Labels labels();

    /** The key that goes over the wire and into the database; never translated. */
    default String key() {
        return labels().key();
    }

    default String label(String language) {
        return labels().in(language);
    }

    /** The term with exactly this key, among the given ones. */
    static <T extends VocabularyTerm> Optional<T> withKey(T[] terms, String key) {
        return Arrays.stream(terms).filter(t -> t.key().equals(key)).findFirst();
    }
}
