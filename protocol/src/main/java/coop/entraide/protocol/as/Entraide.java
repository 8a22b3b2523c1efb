package coop.entraide.protocol.as;

/** Entraide's own extension namespace (offers and campaigns add their terms here). */
public final class Entraide {

    public static final String NS = "https://entraide.coop/ns#";

    private Entraide() {
    }
}
