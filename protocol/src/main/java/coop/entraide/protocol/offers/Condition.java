package coop.entraide.protocol.offers;

import java.util.Optional;

/** The state an item is in (Entraide {@code condition}). */
public enum Condition implements VocabularyTerm {
    NEW("new", "Neuf", "New"),
    LIKE_NEW("like_new", "Comme neuf", "Like new"),
    GOOD("good", "Bon état", "Good"),
    FAIR("fair", "État correct", "Fair"),
    FOR_PARTS("for_parts", "Pour pièces", "For parts");

    private final Labels labels;

    Condition(String key, String french, String english) {
        this.labels = new Labels(key, french, english);
    }

    @Override
    public Labels labels() {
        return labels;
    }

    public static Optional<Condition> parse(String key) {
        return VocabularyTerm.withKey(values(), key);
    }
}
