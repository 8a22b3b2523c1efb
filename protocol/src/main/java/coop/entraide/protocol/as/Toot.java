package coop.entraide.protocol.as;

/**
 * Mastodon's extension terms ({@code http://joinmastodon.org/ns#}, Mastodon's
 * {@code context_helper.rb}) and the {@code as:}/schema.org terms it declares inline.
 */
public final class Toot {

    public static final String NS = "http://joinmastodon.org/ns#";
    /** Mastodon maps {@code schema} to this (wrong, but kept by everyone for compatibility). */
    public static final String SCHEMA_NS = "http://schema.org#";

    // Declared inline by Mastodon, in the as: namespace
    public static final String SENSITIVE = "sensitive";
    public static final String HASHTAG = "Hashtag";
    public static final String MANUALLY_APPROVES_FOLLOWERS = "manuallyApprovesFollowers";
    public static final String MOVED_TO = "movedTo";
    public static final String ALSO_KNOWN_AS = "alsoKnownAs";

    // toot: namespace
    public static final String EMOJI = "Emoji";
    public static final String BLURHASH = "blurhash";
    public static final String FOCAL_POINT = "focalPoint";
    public static final String FEATURED = "featured";
    public static final String FEATURED_TAGS = "featuredTags";
    public static final String DISCOVERABLE = "discoverable";
    public static final String INDEXABLE = "indexable";
    public static final String SUSPENDED = "suspended";
    public static final String MEMORIAL = "memorial";
    public static final String VOTERS_COUNT = "votersCount";

    // schema.org profile fields
    public static final String PROPERTY_VALUE = "PropertyValue";
    public static final String VALUE = "value";

    // Quotes: FEP-044f and the older Fedibird term, both emitted by Mastodon
    public static final String QUOTE = "quote";
    public static final String QUOTE_IRI = "https://w3id.org/fep/044f#quote";
    public static final String QUOTE_URI = "quoteUri";
    public static final String QUOTE_URI_IRI = "http://fedibird.com/ns#quoteUri";

    private Toot() {
    }
}
