package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An AS2 {@code Link} (AS2 Vocabulary §2 Link), also the normal form of a bare URL string in
 * {@code url}; with {@code rel} "payment" it is an FEP-0ea0 payment link.
 */
public record Link(String href, String mediaType, String name, List<String> rel, Map<String, JsonNode> extra)
        implements Attachment {

    private static final Set<String> KNOWN = Set.of(As.TYPE, As.HREF, As.MEDIA_TYPE, As.NAME, As.REL);

    public Link {
        Objects.requireNonNull(href, "href");
        rel = List.copyOf(rel);
        extra = Normalize.copyOf(extra);
    }

    public static Link of(String href) {
        return new Link(href, null, null, List.of(), Map.of());
    }

    public static Link of(String href, String mediaType) {
        return new Link(href, mediaType, null, List.of(), Map.of());
    }

    /** A bare link carries only its href and is written as a plain string where that is allowed. */
    public boolean isBare() {
        return mediaType == null && name == null && rel.isEmpty() && extra.isEmpty();
    }

    @Override
    public JsonNode toJson() {
        ObjectNode out = JsonOut.NODES.objectNode();
        out.put(As.TYPE, As.LINK);
        out.put(As.HREF, href);
        JsonOut.put(out, As.MEDIA_TYPE, mediaType);
        JsonOut.put(out, As.NAME, name);
        JsonOut.putAll(out, As.REL, rel, TextNode::valueOf);
        return JsonOut.finish(out, extra);
    }

    /** As the value of {@code url}: a string when bare. */
    JsonNode toUrlJson() {
        return isBare() ? TextNode.valueOf(href) : toJson();
    }

    static Link from(JsonNode element) throws Normalize.Malformed {
        if (element.isTextual()) {
            String href = element.textValue();
            if (!Normalize.isAbsoluteUri(href)) {
                throw new Normalize.Malformed("", "not an absolute URI: " + Normalize.abbreviate(href));
            }
            return of(href);
        }
        ObjectNode object = Normalize.object(element, "");
        String href = Normalize.uri(object, As.HREF);
        if (href == null) {
            throw new Normalize.Malformed(As.HREF, "missing");
        }
        List<String> rel = Normalize.list(object, As.REL, r -> {
            if (!r.isTextual()) {
                throw new Normalize.Malformed("", "expected a string, got " + Normalize.kind(r));
            }
            return r.textValue();
        });
        return new Link(href, Normalize.text(object, As.MEDIA_TYPE), Normalize.text(object, As.NAME), rel,
                Normalize.extra(object, KNOWN));
    }
}
