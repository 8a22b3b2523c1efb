package coop.entraide.node.posts;

import coop.entraide.node.federation.social.StoredObject;
import coop.entraide.node.identity.Actor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Posts as the client API shows them; {@code content} is sanitised HTML, safe to insert. */
final class PostJson {
    private PostJson() {
    }

    static JsonObject post(StoredObject o, Actor author, String authority) {
        return new JsonObject()
                .put("id", Long.toString(o.id()))
                .put("uri", o.uri())
                .put("url", o.url() == null ? o.uri() : o.url())
                .put("type", o.types().get(0))
                .put("author", author(author, authority))
                .put("name", o.name())
                .put("summary", o.summary())
                .put("content", o.contentHtml())
                .put("visibility", o.visibility().value())
                .put("in_reply_to", o.inReplyTo())
                .put("local", o.local())
                .put("published_at", DateTimeFormatter.ISO_INSTANT.format(o.publishedAt().toInstant()))
                .put("updated_at", o.updatedAt() == null ? null : DateTimeFormatter.ISO_INSTANT.format(o.updatedAt().toInstant()));
    }

    static JsonObject author(Actor a, String authority) {
        if (a == null) {
            return null;
        }
        return new JsonObject()
                .put("uri", a.uri())
                .put("handle", a.username() == null ? null : a.username() + "@" + (a.local() ? authority : a.domain()))
                .put("name", a.displayName())
                .put("type", a.type().asName())
                .put("local", a.local());
    }

    static JsonArray posts(List<StoredObject> objects, Map<Long, Actor> authors, String authority) {
        JsonArray items = new JsonArray();
        objects.forEach(o -> items.add(post(o, authors.get(o.actorId()), authority)));
        return items;
    }
}
