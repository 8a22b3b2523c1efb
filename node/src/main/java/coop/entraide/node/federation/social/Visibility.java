package coop.entraide.node.federation.social;

import coop.entraide.protocol.as.Addressing;
import coop.entraide.protocol.as.As;
import java.util.Locale;

/**
 * Who may see an object, as Mastodon reads it from its addressing (PROTOCOL.md §5.6): Public in
 * {@code to} is public, Public in {@code cc} is unlisted, the author's followers without Public is
 * followers-only, anything else is direct.
 */
public enum Visibility {
    PUBLIC, UNLISTED, FOLLOWERS, DIRECT;

    /** The name in the database and the API. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Visibility parse(String value) {
        for (Visibility v : values()) {
            if (v.value().equals(value)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown visibility " + value);
    }

    /** Whether anyone may read it, signed in or not. */
    public boolean isPublic() {
        return this == PUBLIC || this == UNLISTED;
    }

    /** The visibility of an object or activity addressed so, sent by an actor with this followers collection. */
    public static Visibility of(Addressing addressing, String authorFollowers) {
        if (addressing.to().contains(As.PUBLIC)) {
            return PUBLIC;
        }
        if (addressing.cc().contains(As.PUBLIC)) {
            return UNLISTED;
        }
        if (authorFollowers != null
                && (addressing.to().contains(authorFollowers) || addressing.cc().contains(authorFollowers))) {
            return FOLLOWERS;
        }
        return DIRECT;
    }
}
