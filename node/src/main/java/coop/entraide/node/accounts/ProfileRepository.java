package coop.entraide.node.accounts;

import coop.entraide.node.Uris;
import coop.entraide.node.federation.social.ProfileUpdates;
import coop.entraide.node.http.ApiException;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A member's own profile: name, summary and photo on their actor, neighbourhood and languages on
 * their membership. A change that shows in the actor's document reaches their followers on other
 * servers ({@link ProfileUpdates}).
 */
final class ProfileRepository {
    private final Pool pool;
    private final Uris uris;
    private final ProfileUpdates updates;

    ProfileRepository(Pool pool, Uris uris, ProfileUpdates updates) {
        this.pool = pool;
        this.uris = uris;
        this.updates = updates;
    }

    /** The profile as stored; the summary is the HTML that documents carry. */
    record Stored(String displayName, String summaryHtml, String neighbourhood, List<String> languages,
                  String avatarMediaId, String avatarUrl, String avatarAlt) {
        static Stored fromRow(Row row) {
            String[] languages = row.getArrayOfStrings("languages");
            return new Stored(row.getString("display_name"), row.getString("summary"),
                    row.getString("neighbourhood"), languages == null ? List.of() : Arrays.asList(languages),
                    row.getString("avatar_media_id"), row.getString("avatar_url"), row.getString("avatar_alt"));
        }
    }

    Future<Stored> load(long memberId) {
        return load(pool, memberId);
    }

    private static Future<Stored> load(SqlClient client, long memberId) {
        return client.preparedQuery("""
                        SELECT a.display_name, a.summary, a.avatar_url, a.avatar_alt, m.neighbourhood, m.languages,
                               p.public_id::text AS avatar_media_id
                        FROM actors a JOIN members m ON m.actor_id = a.id
                        LEFT JOIN media p ON p.id = a.avatar_media_id
                        WHERE a.id = $1""")
                .execute(Tuple.of(memberId))
                .map(rows -> Stored.fromRow(rows.iterator().next()));
    }

    /**
     * Writes the change in one transaction, with the {@code Update} for followers if it is one they
     * can see; a photo that is not the member's own is a 422 and leaves everything as it was.
     */
    Future<Stored> update(long memberId, ProfileChange change) {
        return pool.withTransaction(tx -> updates.around(tx, memberId, () -> write(tx, memberId, change)))
                .onSuccess(stored -> updates.sendNow());
    }

    private Future<Stored> write(SqlClient tx, long memberId, ProfileChange change) {
        return avatarUrl(tx, memberId, change)
                .compose(avatar -> tx.preparedQuery("""
                                UPDATE actors SET display_name = $2, summary = $3, avatar_media_id = $4,
                                                  avatar_url = $5, avatar_alt = $6, updated_at = now()
                                WHERE id = $1""")
                        .execute(Tuple.of(memberId, change.displayName(), change.summaryHtml(),
                                avatar.map(a -> a.id).orElse(null), avatar.map(a -> a.url).orElse(null),
                                change.avatarAlt())))
                .compose(v -> tx.preparedQuery("UPDATE members SET neighbourhood = $2, languages = $3 WHERE actor_id = $1")
                        .execute(Tuple.of(memberId, change.neighbourhood(), change.languages().toArray(String[]::new))))
                .compose(v -> load(tx, memberId));
    }

    private record Avatar(Long id, String url) {
    }

    private Future<Optional<Avatar>> avatarUrl(SqlClient tx, long memberId, ProfileChange change) {
        if (change.avatar().isEmpty()) {
            return Future.succeededFuture(Optional.empty());
        }
        return tx.preparedQuery("SELECT id, file_name FROM media WHERE owner_id = $1 AND public_id = $2")
                .execute(Tuple.of(memberId, change.avatar().get()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ApiException.invalid(List.of(new ApiException.FieldError("avatar_media_id",
                                "avatar_media_id must be one of your uploaded photos")));
                    }
                    Row row = rows.iterator().next();
                    return Optional.of(new Avatar(row.getLong("id"), uris.media(row.getString("file_name"))));
                });
    }
}
