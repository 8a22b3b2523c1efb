package coop.entraide.node.posts;

import coop.entraide.node.federation.social.StoredObject;
import coop.entraide.node.identity.Actor;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a member reads: the objects of their collective (its own and its members') and of the
 * actors they or their collective follow, including what followed groups announce; newest first.
 */
public final class TimelineRepository {

    /** Who is reading: the member's actor, their collective's, and the member's id URI (for direct addressing). */
    public record Reader(long memberId, long collectiveId, String memberUri) {
    }

    /** A position in the timeline: strictly older than this object. */
    public record Cursor(OffsetDateTime publishedAt, long id) {
    }

    private static final String STORED = """
            o.id, o.uri, o.actor_id, o.types, o.local, o.visibility, o.in_reply_to_uri, o.name, o.summary,
            o.content_html, o.url, o.document, o.published_at, o.updated_at, o.deleted_at, o.hidden_at""";

    private static final String FOLLOWED_BY_READER = """
            EXISTS (SELECT 1 FROM follows f
                    WHERE f.followed_id = o.actor_id AND f.follower_id IN ($1, $2) AND f.state = 'accepted')""";

    /** The reader may see it: public, theirs, followers-only of someone they follow, or addressed to them. */
    private static final String VISIBLE = """
            o.deleted_at IS NULL
            AND (o.hidden_at IS NULL OR o.actor_id = $1 OR %1$s)
            AND (o.visibility IN ('public', 'unlisted')
                 OR o.actor_id = $1
                 OR (o.visibility = 'followers' AND %1$s)
                 OR (o.visibility = 'direct' AND (jsonb_exists(COALESCE(o.document -> 'to', '[]'::jsonb), $3)
                                                  OR jsonb_exists(COALESCE(o.document -> 'cc', '[]'::jsonb), $3))))"""
            .formatted(FOLLOWED_BY_READER);

    private static final String IN_TIMELINE = """
            (o.actor_id = $2
             OR o.actor_id IN (SELECT m.actor_id FROM members m WHERE m.collective_id = $2)
             OR o.visibility = 'direct'
             OR %s
             OR EXISTS (SELECT 1 FROM reactions r JOIN follows f ON f.followed_id = r.actor_id
                        WHERE r.object_id = o.id AND r.kind = 'announce' AND f.state = 'accepted'
                          AND f.follower_id IN ($1, $2)))""".formatted(FOLLOWED_BY_READER);

    public Future<List<StoredObject>> page(SqlClient client, Reader reader, Optional<Cursor> before, int limit) {
        return client.preparedQuery("""
                        SELECT %s FROM objects o
                        WHERE %s AND %s
                          AND ($4::timestamptz IS NULL OR (o.published_at, o.id) < ($4, $5))
                        ORDER BY o.published_at DESC, o.id DESC
                        LIMIT $6""".formatted(STORED, VISIBLE, IN_TIMELINE))
                .execute(Tuple.of(reader.memberId(), reader.collectiveId(), reader.memberUri(),
                        before.map(Cursor::publishedAt).orElse(null), before.map(Cursor::id).orElse(0L), limit))
                .map(rows -> {
                    List<StoredObject> out = new ArrayList<>();
                    rows.forEach(r -> out.add(StoredObject.fromRow(r)));
                    return out;
                });
    }

    /** One object, if the reader may see it. */
    public Future<Optional<StoredObject>> visible(SqlClient client, Reader reader, long id) {
        return client.preparedQuery("SELECT %s FROM objects o WHERE o.id = $4 AND %s".formatted(STORED, VISIBLE))
                .execute(Tuple.of(reader.memberId(), reader.collectiveId(), reader.memberUri(), id))
                .map(rows -> {
                    var it = rows.iterator();
                    return it.hasNext() ? Optional.of(StoredObject.fromRow(it.next())) : Optional.empty();
                });
    }

    /** The authors of these objects, by actor id. */
    public Future<Map<Long, Actor>> authors(SqlClient client, List<StoredObject> objects) {
        Long[] ids = objects.stream().map(StoredObject::actorId).distinct().toArray(Long[]::new);
        if (ids.length == 0) {
            return Future.succeededFuture(Map.of());
        }
        return client.preparedQuery("SELECT %s FROM actors a WHERE a.id = ANY($1)".formatted(Actor.COLUMNS))
                .execute(Tuple.of(ids))
                .map(rows -> {
                    Map<Long, Actor> byId = new HashMap<>();
                    rows.forEach(r -> {
                        Actor a = Actor.fromRow(r);
                        byId.put(a.id(), a);
                    });
                    return byId;
                });
    }
}
