package coop.entraide.protocol.offers;

import java.util.Optional;

/** The fixed list of offer categories (Entraide {@code category}): stable keys, French and English labels. */
public enum Category implements VocabularyTerm {
    TOOLS("tools", "Outils", "Tools"),
    KITCHEN("kitchen", "Cuisine", "Kitchen"),
    CHILDREN("children", "Enfants", "Children"),
    BOOKS("books", "Livres", "Books"),
    GARDEN("garden", "Jardin", "Garden"),
    ELECTRONICS("electronics", "Électronique", "Electronics"),
    FURNITURE("furniture", "Meubles", "Furniture"),
    CLOTHES("clothes", "Vêtements", "Clothes"),
    SPORT("sport", "Sport", "Sport"),
    SERVICES("services", "Services", "Services"),
    OTHER("other", "Autre", "Other");

    private final Labels labels;

    Category(String key, String french, String english) {
        this.labels = new Labels(key, french, english);
    }

    @Override
    public Labels labels() {
        return labels;
    }

    public static Optional<Category> parse(String key) {
        return VocabularyTerm.withKey(values(), key);
    }
}
