package coop.entraide.protocol.offers;

import java.util.Arrays;
import java.util.Optional;

/** The state an item is in (Entraide {@code condition}). */
public enum Condition {
    NEW("new", "Neuf", "New"),
    LIKE_NEW("like_new", "Comme neuf", "Like new"),
    GOOD("good", "Bon état", "Good"),
    FAIR("fair", "État correct", "Fair"),
    FOR_PARTS("for_parts", "Pour pièces", "For parts");

    private final String key;
    private final String french;
    private final String english;

    Condition(String key, String french, String english) {
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

    public static Optional<Condition> parse(String key) {
        return Arrays.stream(values()).filter(v -> v.key.equals(key)).findFirst();
    }
}
