package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.protocol.as.AsObject;
import coop.entraide.protocol.html.Sanitizer;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What is stored for an object: the columns read from its document, with its HTML sanitised once
 * on the way in (PROTOCOL.md §5.4), and the document itself.
 */
public record NewObject(String uri, long actorId, List<String> types, boolean local, Visibility visibility,
                        String inReplyTo, String name, String summary, String contentHtml, String url,
                        JsonNode document, Instant publishedAt) {

    public NewObject {
        Objects.requireNonNull(uri, "uri");
        types = List.copyOf(types);
        contentHtml = contentHtml == null ? "" : contentHtml;
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(publishedAt, "publishedAt");
    }

    /**
     * The row for an object as another server (or this one) wrote it. {@code now} stands in for a
     * missing {@code published}; {@code authorFollowers} tells followers-only from direct.
     */
    public static NewObject of(AsObject object, JsonNode document, long actorId, boolean local, String authorFollowers,
                               Instant now) {
        String content = object.contentFor(List.of()).orElse(null);
        String summary = object.summary() == null ? null : Sanitizer.sanitize(object.summary());
        return new NewObject(object.id(), actorId, object.types(), local,
                Visibility.of(object.addressing(), authorFollowers),
                object.inReplyTo() == null ? null : object.inReplyTo().id(),
                object.name(), summary, Sanitizer.sanitize(content),
                object.url().isEmpty() ? null : object.htmlUrl(), document,
                object.published() == null ? now : object.published());
    }
}
