package coop.entraide.protocol.offers;

import coop.entraide.protocol.as.Vf;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What an offer proposes (Entraide {@code kind}, docs/offers-vocabulary.md), with its FEP-0837 reading. */
public enum OfferKind {
    GIVE("give", "Don", "Give"),
    LEND("lend", "Prêt", "Lend"),
    SWAP("swap", "Échange", "Swap"),
    SELL("sell", "Vente", "Sell"),
    SERVICE("service", "Coup de main", "Service"),
    REQUEST("request", "Demande", "Request");

    private final String key;
    private final String french;
    private final String english;

    OfferKind(String key, String french, String english) {
        this.key = key;
        this.french = french;
        this.english = english;
    }

    public String key() {
        return key;
    }

    public String label(String language) {
        return Labels.isFrench(language) ? french : english;
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
        return Arrays.stream(values()).filter(v -> v.key.equals(k)).findFirst();
    }
}
