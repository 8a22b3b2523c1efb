package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Objects of the fediverse this node holds ({@code objects}): its own and the ones that reached it. */
public final class ObjectRepository {

    /** Stores an object; empty when one with this id is already stored (nothing changes then). */
    public Future<Optional<Long>> insert(SqlClient tx, NewObject o) {
        return tx.preparedQuery("""
                        INSERT INTO objects (uri, actor_id, types, local, visibility, in_reply_to_uri, name, summary,
                                             content_html, url, document, published_at)
                        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                        ON CONFLICT (uri) DO NOTHING
                        RETURNING id""")
                .execute(Tuple.from(new Object[] {o.uri(), o.actorId(), o.types().toArray(String[]::new), o.local(),
                        o.visibility().value(), o.inReplyTo(), o.name(), o.summary(), o.contentHtml(), o.url(),
                        Documents.toJsonb(o.document()), at(o.publishedAt())}))
                .map(rows -> SqlErrors.first(rows, r -> r.getLong("id")));
    }

    public Future<Optional<StoredObject>> byUri(SqlClient client, String uri) {
        return client.preparedQuery("SELECT %s FROM objects o WHERE o.uri = $1".formatted(StoredObject.COLUMNS))
                .execute(Tuple.of(uri))
                .map(rows -> SqlErrors.first(rows, StoredObject::fromRow));
    }

    public Future<Optional<StoredObject>> byId(SqlClient client, long id) {
        return client.preparedQuery("SELECT %s FROM objects o WHERE o.id = $1".formatted(StoredObject.COLUMNS))
                .execute(Tuple.of(id))
                .map(rows -> SqlErrors.first(rows, StoredObject::fromRow));
    }

    /** Replaces what an Update changes: the text, the addressing and the document. */
    public Future<Void> update(SqlClient tx, long id, NewObject o, Instant updatedAt) {
        return tx.preparedQuery("""
                        UPDATE objects
                        SET types = $2, visibility = $3, name = $4, summary = $5, content_html = $6, url = $7,
                            document = $8, updated_at = $9
                        WHERE id = $1 AND deleted_at IS NULL""")
                .execute(Tuple.from(new Object[] {id, o.types().toArray(String[]::new), o.visibility().value(), o.name(),
                        o.summary(), o.contentHtml(), o.url(), Documents.toJsonb(o.document()), at(updatedAt)}))
                .mapEmpty();
    }

    /** Keeps the id as a Tombstone: the text goes, the id can never come back (ActivityPub §6.4). */
    public Future<Boolean> tombstone(SqlClient tx, long id, JsonNode tombstone, Instant deletedAt) {
        return tx.preparedQuery("""
                        UPDATE objects
                        SET content_html = '', name = NULL, summary = NULL, url = NULL, document = $2, deleted_at = $3
                        WHERE id = $1 AND deleted_at IS NULL""")
                .execute(Tuple.of(id, Documents.toJsonb(tombstone), at(deletedAt)))
                .map(rows -> rows.rowCount() > 0);
    }

    /** Hides an object from public views (a silenced server, a moderator), keeping it. */
    public Future<Void> hide(SqlClient tx, long id, Instant now) {
        return tx.preparedQuery("UPDATE objects SET hidden_at = $2 WHERE id = $1 AND hidden_at IS NULL")
                .execute(Tuple.of(id, at(now)))
                .mapEmpty();
    }

    static OffsetDateTime at(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
