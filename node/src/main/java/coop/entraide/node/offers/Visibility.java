package coop.entraide.node.offers;

import java.util.Arrays;
import java.util.Optional;

/** Who may see an offer: anyone, followers of its collective, or only members of its collective. */
public enum Visibility {
    PUBLIC("public"),
    FOLLOWERS("followers"),
    /** Never federated: only members of the collective (and the author) see it. */
    MEMBERS("members");

    private final String key;

    Visibility(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Optional<Visibility> parse(String key) {
        return Arrays.stream(values()).filter(v -> v.key.equals(key)).findFirst();
    }
}
