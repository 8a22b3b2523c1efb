package coop.entraide.node.identity;

import coop.entraide.node.InvalidInputException;
import java.util.Locale;

/** What a member may do in their collective. */
public enum Role {
    MEMBER, MODERATOR, ADMIN;

    /** The name in the database and the API: {@code member}, {@code moderator}, {@code admin}. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role parse(String text) {
        for (Role r : values()) {
            if (r.value().equals(text)) {
                return r;
            }
        }
        throw new InvalidInputException("role", "role must be member, moderator or admin, got '" + text + "'");
    }
}
