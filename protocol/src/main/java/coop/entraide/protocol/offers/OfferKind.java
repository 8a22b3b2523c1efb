package coop.entraide.protocol.offers;

import coop.entraide.protocol.as.Vf;
import java.util.Locale;
import java.util.Optional;

/** What an offer proposes (Entraide {@code kind}, docs/offers-vocabulary.md), with its FEP-0837 reading. */
public enum OfferKind implements VocabularyTerm {
    GIVE("give", "Don", "Give"),
    LEND("lend", "Prêt", "Lend"),
    SWAP("swap", "Échange", "Swap"),
    SELL("sell", "Vente", "Sell"),
    SERVICE("service", "Coup de main", "Service"),
    REQUEST("request", "Demande", "Request");

    private final Labels labels;

    OfferKind(String key, String french, String english) {
        this.labels = new Labels(key, french, english);
    }

    @Override
    public Labels labels() {
        return labels;
    }

    /** FEP-0837 {@code purpose}: a request looks for something, everything else offers it. */
    public String purpose() {
        return this == REQUEST ? Vf.PURPOSE_REQUEST : Vf.PURPOSE_OFFER;
    }

    public static Optional<OfferKind> parse(String key) {
        if (key == null) {
            return Optional.empty();
        }
        String k = key.toLowerCase(Locale.ROOT);
        return VocabularyTerm.withKey(values(), k);
    }
}
