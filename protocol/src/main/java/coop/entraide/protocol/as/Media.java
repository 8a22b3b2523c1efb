package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A media object: Document, Image, Video or Audio (AS2 Vocabulary §3), as an attachment, an icon
 * or a header image. Mastodon reads {@code name} as the alt text, plus its own {@code blurhash}
 * and {@code focalPoint} (PROTOCOL.md §5.3).
 *
 * @param url at least one; a string, a Link, or several Links on the wire
 */
public record Media(List<String> types, List<Link> url, String mediaType, String name, String blurhash,
        FocalPoint focalPoint, Integer width, Integer height, Map<String, JsonNode> extra) implements Attachment {

    static final Set<String> TYPES = Set.of(As.DOCUMENT, As.IMAGE, As.VIDEO, As.AUDIO);

    private static final Set<String> KNOWN = Set.of(As.TYPE, As.URL, As.MEDIA_TYPE, As.NAME, Toot.BLURHASH,
            Toot.FOCAL_POINT, As.WIDTH, As.HEIGHT);

    /** Mastodon's focal point: x and y in [-1, 1], the centre being (0, 0). */
    public record FocalPoint(double x, double y) {
    }

    public Media {
        types = List.copyOf(types);
        url = List.copyOf(url);
        if (types.isEmpty() || url.isEmpty()) {
            throw new IllegalArgumentException("media needs a type and a url");
        }
        extra = Normalize.copyOf(extra);
    }

    public static Media image(String url, String mediaType) {
        return new Media(List.of(As.IMAGE), List.of(Link.of(url)), mediaType, null, null, null, null, null, Map.of());
    }

    /** The address of the file: the first url. */
    public String href() {
        return url.get(0).href();
    }

    /** The declared media type, or the one its first Link declares (PeerTube, Funkwhale). */
    public Optional<String> effectiveMediaType() {
        return Optional.ofNullable(mediaType).or(() -> Optional.ofNullable(url.get(0).mediaType()));
    }

    /** Media with a different alt text, for the objects we build. */
    public Media withName(String altText) {
        return new Media(types, url, mediaType, altText, blurhash, focalPoint, width, height, extra);
    }

    @Override
    public JsonNode toJson() {
        ObjectNode out = JsonOut.start(null, types, Map.of());
        JsonOut.putAll(out, As.URL, url, Link::toUrlJson);
        JsonOut.put(out, As.MEDIA_TYPE, mediaType);
        JsonOut.put(out, As.NAME, name);
        JsonOut.put(out, Toot.BLURHASH, blurhash);
        if (focalPoint != null) {
            out.putArray(Toot.FOCAL_POINT).add(focalPoint.x()).add(focalPoint.y());
        }
        JsonOut.put(out, As.WIDTH, width);
        JsonOut.put(out, As.HEIGHT, height);
        return JsonOut.finish(out, extra);
    }

    static Media from(JsonNode element) throws Normalize.Malformed {
        ObjectNode object = Normalize.object(element, "");
        List<Link> url = Normalize.links(object, As.URL);
        if (url.isEmpty()) {
            throw new Normalize.Malformed(As.URL, "missing");
        }
        return new Media(Normalize.types(object), url, Normalize.text(object, As.MEDIA_TYPE),
                Normalize.text(object, As.NAME), Normalize.text(object, Toot.BLURHASH), focalPoint(object),
                Normalize.integer(object, As.WIDTH), Normalize.integer(object, As.HEIGHT),
                Normalize.extra(object, KNOWN));
    }

    private static FocalPoint focalPoint(ObjectNode object) throws Normalize.Malformed {
        JsonNode value = object.get(Toot.FOCAL_POINT);
        if (Normalize.absent(value)) {
            return null;
        }
        if (!(value instanceof ArrayNode array) || array.size() != 2 || !array.get(0).isNumber()
                || !array.get(1).isNumber()) {
            throw new Normalize.Malformed(Toot.FOCAL_POINT, "expected [x, y], got " + Normalize.kind(value));
        }
        return new FocalPoint(array.get(0).doubleValue(), array.get(1).doubleValue());
    }

    /** Reads one media-valued property such as {@code icon}; PeerTube sends several sizes. */
    static List<Media> list(ObjectNode node, String field) throws Normalize.Malformed {
        return Normalize.list(node, field, element -> {
            if (element.isTextual()) {
                return new Media(List.of(As.IMAGE), List.of(Link.from(element)), null, null, null, null, null, null,
                        Map.of());
            }
            return from(element);
        });
    }
}
