package coop.entraide.node.identity;

import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Collectives and their Group actors. */
public final class CollectiveRepository {
    private static final String SELECT = """
            SELECT %s,
                   (SELECT count(*) FROM members m WHERE m.collective_id = c.actor_id) AS member_count
            FROM collectives c JOIN actors a ON a.id = c.actor_id
            WHERE a.deleted_at IS NULL
            """.formatted(Actor.COLUMNS);

    public Future<Void> insert(SqlClient client, long actorId) {
        return client.preparedQuery("INSERT INTO collectives (actor_id) VALUES ($1)")
                .execute(Tuple.of(actorId))
                .mapEmpty();
    }

    public Future<Optional<Collective>> byUsername(SqlClient client, String username) {
        return client.preparedQuery(SELECT + " AND lower(a.username) = lower($1) AND a.domain = ''")
                .execute(Tuple.of(username))
                .map(rows -> SqlErrors.first(rows, Collective::fromRow));
    }

    public Future<List<Collective>> list(SqlClient client) {
        return client.query(SELECT + " ORDER BY a.username").execute()
                .map(rows -> {
                    List<Collective> all = new ArrayList<>();
                    for (Row row : rows) {
                        all.add(Collective.fromRow(row));
                    }
                    return all;
                });
    }
}
