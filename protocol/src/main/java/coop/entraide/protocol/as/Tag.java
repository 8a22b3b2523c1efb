package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of {@code tag} (AS2 Vocabulary §5.4 and PROTOCOL.md §5.3): a {@code Mention} of an
 * actor, a {@code Hashtag}, a custom {@code Emoji}; anything else is kept as sent.
 */
public sealed interface Tag permits Tag.Mention, Tag.Hashtag, Tag.Emoji, Tag.Other {

    JsonNode toJson();

    /** @param href the mentioned actor's id; {@code name} is {@code @user@host} */
    record Mention(String href, String name, Map<String, JsonNode> extra) implements Tag {
        public Mention {
            Objects.requireNonNull(href, "href");
            extra = Normalize.copyOf(extra);
        }

        public static Mention of(String actorId, String handle) {
            return new Mention(actorId, handle, Map.of());
        }

        @Override
        public JsonNode toJson() {
            ObjectNode out = JsonOut.start(null, List.of(As.MENTION), Map.of());
            out.put(As.HREF, href);
            JsonOut.put(out, As.NAME, name);
            return JsonOut.finish(out, extra);
        }
    }

    /** @param name with its leading {@code #}, as servers send it */
    record Hashtag(String href, String name, Map<String, JsonNode> extra) implements Tag {
        public Hashtag {
            Objects.requireNonNull(name, "name");
            extra = Normalize.copyOf(extra);
        }

        public static Hashtag of(String href, String name) {
            return new Hashtag(href, name, Map.of());
        }

        /** The tag without {@code #}, as people type it. */
        public String label() {
            return name.startsWith("#") ? name.substring(1) : name;
        }

        @Override
        public JsonNode toJson() {
            ObjectNode out = JsonOut.start(null, List.of(Toot.HASHTAG), Map.of());
            JsonOut.put(out, As.HREF, href);
            out.put(As.NAME, name);
            return JsonOut.finish(out, extra);
        }
    }

    /** @param name the shortcode with colons, {@code :blobcat:} */
    record Emoji(String id, String name, Media icon, Map<String, JsonNode> extra) implements Tag {
        public Emoji {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(icon, "icon");
            extra = Normalize.copyOf(extra);
        }

        @Override
        public JsonNode toJson() {
            ObjectNode out = JsonOut.start(id, List.of(Toot.EMOJI), Map.of());
            out.put(As.NAME, name);
            out.set(As.ICON, icon.toJson());
            return JsonOut.finish(out, extra);
        }
    }

    /** A tag this vocabulary does not interpret (Lemmy's CommunityPostTag…), or one too incomplete to use. */
    record Other(JsonNode node) implements Tag {
        public Other {
            node = node.deepCopy();
        }

        @Override
        public JsonNode node() {
            return node.deepCopy();
        }

        @Override
        public JsonNode toJson() {
            return node.deepCopy();
        }
    }

    static Tag from(JsonNode element) throws Normalize.Malformed {
        if (element.isTextual()) {
            return new Other(element); // an id: the node may fetch it
        }
        if (!element.isObject()) {
            throw new Normalize.Malformed("", "expected a tag, got " + Normalize.kind(element));
        }
        ObjectNode object = (ObjectNode) element;
        List<String> types = Normalize.typesOf(object);
        if (types.contains(As.MENTION)) {
            String href = Normalize.uri(object, As.HREF);
            String name = Normalize.text(object, As.NAME);
            return href == null ? new Other(object) : new Mention(href, name, extraOf(object, As.HREF, As.NAME));
        }
        if (types.contains(Toot.HASHTAG)) {
            String href = Normalize.uri(object, As.HREF);
            String name = Normalize.text(object, As.NAME);
            return name == null ? new Other(object) : new Hashtag(href, name, extraOf(object, As.HREF, As.NAME));
        }
        if (types.contains(Toot.EMOJI)) {
            String id = Normalize.uri(object, As.ID);
            String name = Normalize.text(object, As.NAME);
            List<Media> icon = Media.list(object, As.ICON);
            return name == null || icon.isEmpty()
                    ? new Other(object)
                    : new Emoji(id, name, icon.get(0), extraOf(object, As.ID, As.NAME, As.ICON));
        }
        return new Other(object);
    }

    private static Map<String, JsonNode> extraOf(ObjectNode object, String... known) {
        Set<String> names = new HashSet<>(Set.of(known));
        names.add(As.TYPE);
        return Normalize.extra(object, names);
    }
}
