package coop.entraide.node.settings;

import java.util.Locale;
import java.util.Optional;

/** Who may join the node on their own: anyone, anyone once a moderator approves, or only the invited. */
public enum Registrations {
    OPEN, APPROVAL, CLOSED;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Registrations> parse(Object text) {
        for (Registrations r : values()) {
            if (r.value().equals(text)) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** NodeInfo's {@code openRegistrations}: true when people can ask to join without an invitation. */
    public boolean openForNodeInfo() {
        return this != CLOSED;
    }
}
