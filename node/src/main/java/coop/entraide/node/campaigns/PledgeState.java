package coop.entraide.node.campaigns;

import java.util.Locale;

/** Where a pledge stands; every change is also a ledger entry. */
public enum PledgeState {
    PROMISED, RECEIVED, RELEASED, REFUNDED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PledgeState parse(String text) {
        return valueOf(text.toUpperCase(Locale.ROOT));
    }

    /** Counts towards the campaign (and its contributors). */
    public boolean active() {
        return this == PROMISED || this == RECEIVED;
    }
}
