package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An actor document (ActivityPub §4.1, PROTOCOL.md §2): Person, Group, Application, Service or
 * Organization, with its keys for HTTP signatures ({@code publicKey}) and object proofs
 * ({@code assertionMethod}, FEP-521a). Unmodelled properties are kept in {@code extra}.
 *
 * @param sharedInbox from {@code endpoints.sharedInbox}, or Misskey's top-level {@code sharedInbox}
 * @param publicKeys  Mastodon sends one object, some servers an array; all are kept
 * @param discoverable {@code null} when the actor did not say
 */
public record Actor(String id, List<String> types, String preferredUsername, String name, String summary,
        String inbox, String outbox, String followers, String following, String featured, String sharedInbox,
        List<PublicKey> publicKeys, List<Multikey> assertionMethod, boolean manuallyApprovesFollowers,
        Boolean discoverable, List<Media> icon, List<Media> image, List<Link> url, List<String> alsoKnownAs,
        String movedTo, List<Attachment> attachment, List<Tag> tag, Instant published,
        Map<String, JsonNode> extra) {

    private static final Set<String> KNOWN = Set.of(As.ID, As.TYPE, As.PREFERRED_USERNAME, As.NAME, As.SUMMARY,
            As.INBOX, As.OUTBOX, As.FOLLOWERS, As.FOLLOWING, Toot.FEATURED, As.ENDPOINTS, As.SHARED_INBOX,
            Sec.PUBLIC_KEY, Sec.ASSERTION_METHOD, Toot.MANUALLY_APPROVES_FOLLOWERS, Toot.DISCOVERABLE, As.ICON,
            As.IMAGE_PROPERTY, As.URL, Toot.ALSO_KNOWN_AS, Toot.MOVED_TO, As.ATTACHMENT, As.TAG, As.PUBLISHED);

    public Actor {
        Objects.requireNonNull(id, "id");
        types = List.copyOf(types);
        if (types.stream().noneMatch(As.ACTOR_TYPES::contains)) {
            throw new IllegalArgumentException("not an actor type: " + types);
        }
        Objects.requireNonNull(inbox, "inbox");
        publicKeys = List.copyOf(publicKeys);
        assertionMethod = List.copyOf(assertionMethod);
        icon = List.copyOf(icon);
        image = List.copyOf(image);
        url = List.copyOf(url);
        alsoKnownAs = List.copyOf(alsoKnownAs);
        attachment = List.copyOf(attachment);
        tag = List.copyOf(tag);
        extra = Normalize.copyOf(extra);
    }

    /** Reads an actor document fetched from another server. */
    public static Parsed<Actor> parse(JsonNode node) {
        return Normalize.parse(node, Actor::read);
    }

    public static Builder builder(String id, String type, String inbox) {
        return new Builder(id, type, inbox);
    }

    public boolean is(String type) {
        return types.contains(type);
    }

    /** Application and Service actors are automated: Mastodon shows them as bots. */
    public boolean isBot() {
        return is(As.APPLICATION) || is(As.SERVICE);
    }

    /** Where to deliver: the shared inbox when there is one, since it serves every actor of the host. */
    public String deliveryInbox() {
        return sharedInbox != null ? sharedInbox : inbox;
    }

    public Optional<PublicKey> publicKey() {
        return publicKeys.stream().findFirst();
    }

    /** The key a signature names, among this actor's publicKey and assertionMethod entries. */
    public Optional<PublicKey> publicKey(String keyId) {
        return publicKeys.stream().filter(k -> k.id().equals(keyId)).findFirst();
    }

    public Optional<Multikey> multikey(String keyId) {
        return assertionMethod.stream().filter(k -> k.id().equals(keyId)).findFirst();
    }

    /** Profile fields ({@code PropertyValue} attachments), in order. */
    public List<PropertyValue> fields() {
        return attachment.stream().filter(PropertyValue.class::isInstance).map(PropertyValue.class::cast).toList();
    }

    public Optional<Media> avatar() {
        return icon.stream().findFirst();
    }

    public ObjectNode toJson() {
        ObjectNode out = JsonOut.start(id, types, extra);
        JsonOut.put(out, As.PREFERRED_USERNAME, preferredUsername);
        JsonOut.put(out, As.NAME, name);
        JsonOut.put(out, As.SUMMARY, summary);
        JsonOut.putAll(out, As.URL, url, Link::toUrlJson);
        out.put(As.INBOX, inbox);
        JsonOut.put(out, As.OUTBOX, outbox);
        JsonOut.put(out, As.FOLLOWERS, followers);
        JsonOut.put(out, As.FOLLOWING, following);
        JsonOut.put(out, Toot.FEATURED, featured);
        ObjectNode endpoints = extra.get(As.ENDPOINTS) instanceof ObjectNode kept
                ? kept.deepCopy() : JsonOut.NODES.objectNode();
        JsonOut.put(endpoints, As.SHARED_INBOX, sharedInbox);
        if (!endpoints.isEmpty()) {
            out.set(As.ENDPOINTS, endpoints);
        }
        out.put(Toot.MANUALLY_APPROVES_FOLLOWERS, manuallyApprovesFollowers);
        JsonOut.put(out, Toot.DISCOVERABLE, discoverable);
        JsonOut.put(out, As.PUBLISHED, published);
        JsonOut.putAll(out, As.ICON, icon, Media::toJson);
        JsonOut.putAll(out, As.IMAGE_PROPERTY, image, Media::toJson);
        JsonOut.putIds(out, Toot.ALSO_KNOWN_AS, alsoKnownAs);
        JsonOut.put(out, Toot.MOVED_TO, movedTo);
        JsonOut.putAll(out, Sec.PUBLIC_KEY, publicKeys, PublicKey::toJson);
        JsonOut.putArray(out, Sec.ASSERTION_METHOD, assertionMethod, Multikey::toJson);
        JsonOut.putArray(out, As.ATTACHMENT, attachment, Attachment::toJson);
        JsonOut.putArray(out, As.TAG, tag, Tag::toJson);
        return JsonOut.finish(out, extra);
    }

    private static Actor read(ObjectNode node) throws Normalize.Malformed {
        String id = Normalize.httpUri(node, As.ID, true);
        List<String> types = Normalize.types(node);
        if (types.stream().noneMatch(As.ACTOR_TYPES::contains)) {
            throw new Normalize.Malformed(As.TYPE, "not an actor type: " + String.join(", ", types));
        }
        String inbox = Normalize.httpUri(node, As.INBOX, true);
        List<PublicKey> publicKeys = Normalize.list(node, Sec.PUBLIC_KEY, PublicKey::from);
        List<Multikey> multikeys = Normalize.list(node, Sec.ASSERTION_METHOD, Multikey::from).stream()
                .flatMap(Optional::stream)
                .toList();
        if (publicKeys.isEmpty() && multikeys.isEmpty()) {
            throw new Normalize.Malformed(Sec.PUBLIC_KEY, "missing: an actor needs a publicKey or a Multikey");
        }
        Map<String, JsonNode> extra = new LinkedHashMap<>(Normalize.extra(node, KNOWN));
        return new Actor(id, types,
                Normalize.text(node, As.PREFERRED_USERNAME),
                Normalize.text(node, As.NAME),
                Normalize.text(node, As.SUMMARY),
                inbox,
                idOf(node, As.OUTBOX),
                idOf(node, As.FOLLOWERS),
                idOf(node, As.FOLLOWING),
                idOf(node, Toot.FEATURED),
                sharedInbox(node, extra),
                publicKeys,
                multikeys,
                Boolean.TRUE.equals(Normalize.bool(node, Toot.MANUALLY_APPROVES_FOLLOWERS)),
                Normalize.bool(node, Toot.DISCOVERABLE),
                Media.list(node, As.ICON),
                Media.list(node, As.IMAGE_PROPERTY),
                Normalize.links(node, As.URL),
                Normalize.ids(node, Toot.ALSO_KNOWN_AS),
                Normalize.uri(node, Toot.MOVED_TO),
                Normalize.list(node, As.ATTACHMENT, Attachment::from),
                Normalize.list(node, As.TAG, Tag::from),
                Normalize.instant(node, As.PUBLISHED),
                extra);
    }

    /** A collection property, sent as an id or (rarely) as an embedded collection. */
    private static String idOf(ObjectNode node, String field) throws Normalize.Malformed {
        Ref ref = Normalize.ref(node, field);
        return ref == null ? null : ref.id();
    }

    /** Takes sharedInbox out of endpoints; the other endpoints (OAuth, upload…) stay in extra. */
    private static String sharedInbox(ObjectNode node, Map<String, JsonNode> extra) throws Normalize.Malformed {
        JsonNode endpoints = node.get(As.ENDPOINTS);
        String shared = null;
        if (!Normalize.absent(endpoints)) {
            ObjectNode object = Normalize.object(endpoints, As.ENDPOINTS);
            try {
                shared = Normalize.httpUri(object, As.SHARED_INBOX, false);
            } catch (Normalize.Malformed e) {
                throw e.within(As.ENDPOINTS);
            }
            ObjectNode rest = object.deepCopy();
            rest.remove(As.SHARED_INBOX);
            if (!rest.isEmpty()) {
                extra.put(As.ENDPOINTS, rest);
            }
        }
        String topLevel = Normalize.httpUri(node, As.SHARED_INBOX, false);
        return shared != null ? shared : topLevel;
    }

    /** Assembles this server's own actors. */
    public static final class Builder {
        private final String id;
        private final List<String> types;
        private final String inbox;
        private String preferredUsername;
        private String name;
        private String summary;
        private String outbox;
        private String followers;
        private String following;
        private String featured;
        private String sharedInbox;
        private final List<PublicKey> publicKeys = new ArrayList<>();
        private final List<Multikey> assertionMethod = new ArrayList<>();
        private boolean manuallyApprovesFollowers;
        private Boolean discoverable;
        private List<Media> icon = List.of();
        private List<Media> image = List.of();
        private List<Link> url = List.of();
        private List<String> alsoKnownAs = List.of();
        private String movedTo;
        private List<Attachment> attachment = List.of();
        private Instant published;

        private Builder(String id, String type, String inbox) {
            this.id = id;
            this.types = List.of(type);
            this.inbox = inbox;
        }

        public Builder preferredUsername(String preferredUsername) {
            this.preferredUsername = preferredUsername;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder collections(String outbox, String followers, String following) {
            this.outbox = outbox;
            this.followers = followers;
            this.following = following;
            return this;
        }

        public Builder featured(String featured) {
            this.featured = featured;
            return this;
        }

        public Builder sharedInbox(String sharedInbox) {
            this.sharedInbox = sharedInbox;
            return this;
        }

        public Builder publicKey(PublicKey key) {
            publicKeys.add(key);
            return this;
        }

        public Builder assertionMethod(Multikey key) {
            assertionMethod.add(key);
            return this;
        }

        public Builder manuallyApprovesFollowers(boolean locked) {
            manuallyApprovesFollowers = locked;
            return this;
        }

        public Builder discoverable(boolean discoverable) {
            this.discoverable = discoverable;
            return this;
        }

        public Builder icon(Media icon) {
            this.icon = List.of(icon);
            return this;
        }

        public Builder image(Media image) {
            this.image = List.of(image);
            return this;
        }

        public Builder url(String url) {
            this.url = List.of(Link.of(url));
            return this;
        }

        public Builder alsoKnownAs(List<String> alsoKnownAs) {
            this.alsoKnownAs = List.copyOf(alsoKnownAs);
            return this;
        }

        public Builder movedTo(String movedTo) {
            this.movedTo = movedTo;
            return this;
        }

        public Builder attachment(List<? extends Attachment> attachment) {
            this.attachment = List.copyOf(attachment);
            return this;
        }

        public Builder published(Instant published) {
            this.published = published;
            return this;
        }

        public Actor build() {
            return new Actor(id, types, preferredUsername, name, summary, inbox, outbox, followers, following,
                    featured, sharedInbox, publicKeys, assertionMethod, manuallyApprovesFollowers, discoverable, icon,
                    image, url, alsoKnownAs, movedTo, attachment, List.of(), published, Map.of());
        }
    }
}
