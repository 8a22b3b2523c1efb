package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A content object (AS2 Vocabulary §3: Note, Page, Article, Event, Question, Tombstone, FEP-0837
 * Proposal…), with the extensions Mastodon and Misskey add (PROTOCOL.md §5.3). Every property this
 * record does not model is kept in {@code extra}, so that a parse → {@link #toJson()} round trip
 * loses nothing.
 *
 * @param types      every type the sender gave, in order (Mastodon allows arrays such as Note + Proposal)
 * @param content    HTML as sent, not sanitised
 * @param contentMap the same content per language tag
 * @param mediaType  of {@code content}: text/html when absent; PeerTube sends text/markdown
 * @param source     the author's input: {@code source} or Misskey's {@code _misskey_content}
 * @param sensitive  Mastodon's flag hiding media (and, with a summary, the text); {@code null} when not sent
 * @param quote      the quoted post: FEP-044f {@code quote}, {@code quoteUri}, {@code _misskey_quote} or {@code quoteUrl}
 */
public record AsObject(String id, List<String> types, List<Ref> attributedTo, Addressing addressing,
        String content, Map<String, String> contentMap, String mediaType, Source source, String summary,
        String name, List<Link> url, Ref inReplyTo, String quote, Instant published, Instant updated,
        List<Attachment> attachment, List<Tag> tag, Boolean sensitive, Map<String, JsonNode> extra) {

    /** The property names that may carry a quote, in the order they are trusted. */
    private static final List<String> QUOTE_PROPERTIES =
            List.of(Toot.QUOTE, Toot.QUOTE_URI, Misskey.QUOTE, Misskey.QUOTE_URL);

    private static final Set<String> KNOWN = known();

    public AsObject {
        Objects.requireNonNull(id, "id");
        types = List.copyOf(types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("an object needs a type");
        }
        attributedTo = List.copyOf(attributedTo);
        Objects.requireNonNull(addressing, "addressing");
        contentMap = Collections.unmodifiableMap(new LinkedHashMap<>(contentMap));
        url = List.copyOf(url);
        attachment = List.copyOf(attachment);
        tag = List.copyOf(tag);
        extra = Normalize.copyOf(extra);
    }

    /** Reads an object received from another server. */
    public static Parsed<AsObject> parse(JsonNode node) {
        return Normalize.parse(node, AsObject::read);
    }

    public static Builder builder(String id, String type) {
        return new Builder(id, List.of(type));
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    public boolean is(String type) {
        return types.contains(type);
    }

    /** The author: the first {@code attributedTo} (PeerTube lists the channel too). */
    public Optional<String> attributedToId() {
        return attributedTo.stream().map(Ref::id).filter(Objects::nonNull).findFirst();
    }

    /**
     * The content to show a reader of these languages, in order of preference: a matching
     * {@code contentMap} entry, else {@code content}, else any {@code contentMap} entry.
     */
    public Optional<String> contentFor(List<String> languages) {
        for (String language : languages) {
            String exact = contentMap.get(language);
            if (exact != null) {
                return Optional.of(exact);
            }
            for (Map.Entry<String, String> entry : contentMap.entrySet()) {
                if (entry.getKey().startsWith(language + "-")) {
                    return Optional.of(entry.getValue());
                }
            }
        }
        if (content != null) {
            return Optional.of(content);
        }
        return contentMap.values().stream().findFirst();
    }

    public boolean isSensitive() {
        return Boolean.TRUE.equals(sensitive);
    }

    /** Mastodon shows {@code summary} of a Note as a content warning. */
    public Optional<String> contentWarning() {
        return summary == null || summary.isBlank() ? Optional.empty() : Optional.of(summary);
    }

    /** The page to link to: the first text/html (or untyped) url, else the id. */
    public String htmlUrl() {
        return url.stream()
                .filter(l -> l.mediaType() == null || l.mediaType().startsWith("text/html"))
                .map(Link::href)
                .findFirst()
                .orElse(id);
    }

    public <T extends Tag> List<T> tags(Class<T> kind) {
        return tag.stream().filter(kind::isInstance).map(kind::cast).toList();
    }

    public List<Media> media() {
        return attachment.stream().filter(Media.class::isInstance).map(Media.class::cast).toList();
    }

    /** This object as JSON, without {@code @context} unless it was parsed with one (see {@link Context}). */
    public ObjectNode toJson() {
        ObjectNode out = JsonOut.start(id, types, extra);
        JsonOut.putAll(out, As.ATTRIBUTED_TO, attributedTo, Ref::toJson);
        JsonOut.put(out, As.IN_REPLY_TO, inReplyTo);
        if (quote != null) {
            // Each family of servers reads a different name; Mastodon itself writes several.
            QUOTE_PROPERTIES.forEach(name -> out.put(name, quote));
        }
        JsonOut.put(out, As.NAME, name);
        JsonOut.put(out, As.SUMMARY, summary);
        JsonOut.put(out, As.CONTENT, content);
        if (!contentMap.isEmpty()) {
            ObjectNode map = out.putObject(As.CONTENT_MAP);
            contentMap.forEach(map::put);
        }
        JsonOut.put(out, As.MEDIA_TYPE, mediaType);
        if (source != null) {
            out.set(As.SOURCE, source.toJson());
            if (source.isMisskeyMarkdown()) {
                out.set(Misskey.CONTENT, TextNode.valueOf(source.content()));
            }
        }
        JsonOut.putAll(out, As.URL, url, Link::toUrlJson);
        JsonOut.put(out, As.PUBLISHED, published);
        JsonOut.put(out, As.UPDATED, updated);
        addressing.writeTo(out);
        JsonOut.put(out, Toot.SENSITIVE, sensitive);
        JsonOut.putArray(out, As.ATTACHMENT, attachment, Attachment::toJson);
        JsonOut.putArray(out, As.TAG, tag, Tag::toJson);
        return JsonOut.finish(out, extra);
    }

    private static AsObject read(ObjectNode node) throws Normalize.Malformed {
        return new AsObject(
                Normalize.httpUri(node, As.ID, true),
                Normalize.types(node),
                Normalize.refs(node, As.ATTRIBUTED_TO),
                Addressing.from(node),
                Normalize.text(node, As.CONTENT),
                contentMap(node),
                Normalize.text(node, As.MEDIA_TYPE),
                Source.from(node),
                Normalize.text(node, As.SUMMARY),
                Normalize.text(node, As.NAME),
                Normalize.links(node, As.URL),
                Normalize.ref(node, As.IN_REPLY_TO),
                quote(node),
                Normalize.instant(node, As.PUBLISHED),
                Normalize.instant(node, As.UPDATED),
                Normalize.list(node, As.ATTACHMENT, Attachment::from),
                Normalize.list(node, As.TAG, Tag::from),
                Normalize.bool(node, Toot.SENSITIVE),
                Normalize.extra(node, KNOWN));
    }

    private static Map<String, String> contentMap(ObjectNode node) throws Normalize.Malformed {
        JsonNode value = node.get(As.CONTENT_MAP);
        if (Normalize.absent(value)) {
            return Map.of();
        }
        ObjectNode map = Normalize.object(value, As.CONTENT_MAP);
        Map<String, String> contentMap = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : map.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new Normalize.Malformed(As.CONTENT_MAP + "." + entry.getKey(),
                        "expected a string, got " + Normalize.kind(entry.getValue()));
            }
            contentMap.put(entry.getKey(), entry.getValue().textValue());
        }
        return contentMap;
    }

    private static String quote(ObjectNode node) throws Normalize.Malformed {
        for (String property : QUOTE_PROPERTIES) {
            String quote = Normalize.uri(node, property);
            if (quote != null) {
                return quote;
            }
        }
        return null;
    }

    private static Set<String> known() {
        List<String> names = new ArrayList<>(List.of(As.ID, As.TYPE, As.ATTRIBUTED_TO, As.CONTENT, As.CONTENT_MAP,
                As.MEDIA_TYPE, As.SOURCE, Misskey.CONTENT, As.SUMMARY, As.NAME, As.URL, As.IN_REPLY_TO,
                As.PUBLISHED, As.UPDATED, As.ATTACHMENT, As.TAG, Toot.SENSITIVE));
        names.addAll(QUOTE_PROPERTIES);
        names.addAll(Addressing.PROPERTIES);
        return Set.copyOf(names);
    }

    /** Assembles the objects this server publishes. */
    public static final class Builder {
        private final String id;
        private List<String> types;
        private List<Ref> attributedTo = List.of();
        private Addressing addressing = Addressing.NONE;
        private String content;
        private Map<String, String> contentMap = Map.of();
        private String mediaType;
        private Source source;
        private String summary;
        private String name;
        private List<Link> url = List.of();
        private Ref inReplyTo;
        private String quote;
        private Instant published;
        private Instant updated;
        private List<Attachment> attachment = List.of();
        private List<Tag> tag = List.of();
        private Boolean sensitive;
        private Map<String, JsonNode> extra = Map.of();

        private Builder(String id, List<String> types) {
            this.id = id;
            this.types = types;
        }

        private Builder(AsObject o) {
            this(o.id, o.types);
            attributedTo = o.attributedTo;
            addressing = o.addressing;
            content = o.content;
            contentMap = o.contentMap;
            mediaType = o.mediaType;
            source = o.source;
            summary = o.summary;
            name = o.name;
            url = o.url;
            inReplyTo = o.inReplyTo;
            quote = o.quote;
            published = o.published;
            updated = o.updated;
            attachment = o.attachment;
            tag = o.tag;
            sensitive = o.sensitive;
            extra = o.extra;
        }

        /** Several types, such as Note + Proposal so that Mastodon shows what it cannot model. */
        public Builder types(List<String> types) {
            this.types = List.copyOf(types);
            return this;
        }

        public Builder attributedTo(String actorId) {
            attributedTo = List.of(Ref.to(actorId));
            return this;
        }

        public Builder addressing(Addressing addressing) {
            this.addressing = addressing;
            return this;
        }

        public Builder content(String html) {
            content = html;
            return this;
        }

        public Builder contentMap(Map<String, String> contentMap) {
            this.contentMap = contentMap;
            return this;
        }

        public Builder mediaType(String mediaType) {
            this.mediaType = mediaType;
            return this;
        }

        public Builder source(Source source) {
            this.source = source;
            return this;
        }

        public Builder summary(String summary) {
            this.summary = summary;
            return this;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        public Builder url(String url) {
            this.url = List.of(Link.of(url));
            return this;
        }

        public Builder inReplyTo(String id) {
            inReplyTo = id == null ? null : Ref.to(id);
            return this;
        }

        public Builder quote(String id) {
            quote = id;
            return this;
        }

        public Builder published(Instant published) {
            this.published = published;
            return this;
        }

        public Builder updated(Instant updated) {
            this.updated = updated;
            return this;
        }

        public Builder attachment(List<? extends Attachment> attachment) {
            this.attachment = List.copyOf(attachment);
            return this;
        }

        public Builder tag(List<? extends Tag> tag) {
            this.tag = List.copyOf(tag);
            return this;
        }

        public Builder sensitive(boolean sensitive) {
            this.sensitive = sensitive;
            return this;
        }

        /** A property outside this vocabulary (an extension term: declare it in the {@link Context}). */
        public Builder extra(String property, JsonNode value) {
            Map<String, JsonNode> copy = new LinkedHashMap<>(extra);
            copy.put(property, value);
            extra = copy;
            return this;
        }

        public AsObject build() {
            return new AsObject(id, types, attributedTo, addressing, content, contentMap, mediaType, source, summary,
                    name, url, inReplyTo, quote, published, updated, attachment, tag, sensitive, extra);
        }
    }
}
