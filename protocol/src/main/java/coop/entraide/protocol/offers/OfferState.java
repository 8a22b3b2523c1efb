package coop.entraide.protocol.offers;

import java.util.Arrays;
import java.util.Optional;

/**
 * Where an offer is in its life (Entraide {@code state}). Which moves are allowed is the node's
 * lifecycle; this is only the vocabulary shared by every node.
 */
public enum OfferState {
    AVAILABLE("available"),
    RESERVED("reserved"),
    LENT("lent"),
    RETURNED("returned"),
    GIVEN("given"),
    SWAPPED("swapped"),
    SOLD("sold"),
    /** A service rendered or a request fulfilled. */
    DONE("done"),
    CLOSED("closed"),
    WITHDRAWN("withdrawn"),
    EXPIRED("expired");

    private final String key;

    OfferState(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** No move leaves these states. */
    public boolean isFinal() {
        return this == CLOSED || this == WITHDRAWN || this == EXPIRED;
    }

    public static Optional<OfferState> parse(String key) {
        return Arrays.stream(values()).filter(v -> v.key.equals(key)).findFirst();
    }
}
