package coop.entraide.node.federation.policy;

import java.util.Locale;
import java.util.Optional;

/** Node-wide: federate with everyone not blocked, or only with explicitly allowed domains. */
public enum FederationMode {
    OPEN,
    ALLOWLIST;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<FederationMode> fromWireName(String text) {
        for (FederationMode m : values()) {
            if (m.wireName().equals(text)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
