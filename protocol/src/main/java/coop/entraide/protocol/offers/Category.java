package coop.entraide.protocol.offers;

import java.util.Arrays;
import java.util.Optional;

/** The fixed list of offer categories (Entraide {@code category}): stable keys, French and English labels. */
public enum Category {
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

    private final String key;
    private final String french;
    private final String english;

    Category(String key, String french, String english) {
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

    public static Optional<Category> parse(String key) {
        return Arrays.stream(values()).filter(v -> v.key.equals(key)).findFirst();
    }
}
