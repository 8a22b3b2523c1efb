package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * One row of {@code objects}: a post, offer or campaign of ours or of another server.
 *
 * @param contentHtml sanitised, safe to show
 * @param document    the object exactly as published or received, proof included
 */
public record StoredObject(long id, String uri, long actorId, List<String> types, boolean local, Visibility visibility,
                           String inReplyTo, String name, String summary, String contentHtml, String url,
                           JsonObject document, OffsetDateTime publishedAt, OffsetDateTime updatedAt,
                           OffsetDateTime deletedAt, OffsetDateTime hiddenAt) {

    static final String COLUMNS = """
            o.id, o.uri, o.actor_id, o.types, o.local, o.visibility, o.in_reply_to_uri, o.name, o.summary,
            o.content_html, o.url, o.document, o.published_at, o.updated_at, o.deleted_at, o.hidden_at""";

    public boolean deleted() {
        return deletedAt != null;
    }

    public ObjectNode documentNode() {
        return Documents.fromJsonb(document);
    }

    public static StoredObject fromRow(Row row) {
        return new StoredObject(row.getLong("id"), row.getString("uri"), row.getLong("actor_id"),
                Arrays.asList(row.getArrayOfStrings("types")), row.getBoolean("local"),
                Visibility.parse(row.getString("visibility")), row.getString("in_reply_to_uri"),
                row.getString("name"), row.getString("summary"), row.getString("content_html"),
                row.getString("url"), row.getJsonObject("document"), row.getOffsetDateTime("published_at"),
                row.getOffsetDateTime("updated_at"), row.getOffsetDateTime("deleted_at"),
                row.getOffsetDateTime("hidden_at"));
    }
}
