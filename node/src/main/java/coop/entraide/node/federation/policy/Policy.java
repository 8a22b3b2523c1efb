package coop.entraide.node.federation.policy;

import java.util.Locale;
import java.util.Optional;

/** What an administrator decided about a remote domain (and its subdomains). */
public enum Policy {
    /** Refuse everything from it, send nothing to it, and purge what the node holds from it. */
    BLOCK,
    /** Accept what it sends to people here, but keep it out of public listings and discovery. */
    SILENCE,
    /** Federate with it; in allowlist mode, only such domains federate at all. */
    ALLOW;

    /** The name used in the database, the API and the command line. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Policy> fromWireName(String text) {
        for (Policy p : values()) {
            if (p.wireName().equals(text)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
