package coop.entraide.node.federation.social;

import coop.entraide.node.identity.Actor;
import coop.entraide.node.store.SqlErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Actors as federation reads them inside its transactions: by id or by URI, local or cached remote. */
public final class ActorLookup {

    public Future<Optional<Actor>> byId(SqlClient client, long id) {
        return client.preparedQuery("SELECT %s FROM actors a WHERE a.id = $1 AND a.deleted_at IS NULL".formatted(Actor.COLUMNS))
                .execute(Tuple.of(id))
                .map(rows -> SqlErrors.first(rows, Actor::fromRow));
    }

    public Future<Optional<Actor>> byUri(SqlClient client, String uri) {
        if (uri == null) {
            return Future.succeededFuture(Optional.empty());
        }
        return client.preparedQuery("SELECT %s FROM actors a WHERE a.uri = $1 AND a.deleted_at IS NULL".formatted(Actor.COLUMNS))
                .execute(Tuple.of(uri))
                .map(rows -> SqlErrors.first(rows, Actor::fromRow));
    }

    /** The row ids of the actors known by these URIs, by URI; a URI of no actor is left out. */
    public Future<Map<String, Long>> idsByUri(SqlClient client, Collection<String> uris) {
        return client.preparedQuery("SELECT id, uri FROM actors WHERE uri = ANY($1) AND deleted_at IS NULL")
                .execute(Tuple.of(uris.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, Long> ids = new HashMap<>();
                    rows.forEach(r -> ids.put(r.getString("uri"), r.getLong("id")));
                    return ids;
                });
    }

    /** The local actor with this id (URI), if there is one. */
    public Future<Optional<Actor>> local(SqlClient client, String uri) {
        return byUri(client, uri).map(found -> found.filter(Actor::local));
    }

    /**
     * The former accounts an actor lists ({@code alsoKnownAs}, FEP-7628): the column when set,
     * else the stored document.
     */
    public Future<Set<String>> alsoKnownAs(SqlClient client, String uri) {
        return client.preparedQuery("SELECT also_known_as, raw FROM actors WHERE uri = $1")
                .execute(Tuple.of(uri))
                .map(rows -> {
                    Set<String> names = new LinkedHashSet<>();
                    for (Row r : rows) {
                        String[] column = r.getArrayOfStrings("also_known_as");
                        if (column != null) {
                            names.addAll(Set.of(column));
                        }
                        Object raw = r.getValue("raw");
                        if (raw instanceof JsonObject doc) {
                            Object aka = doc.getValue("alsoKnownAs");
                            if (aka instanceof String s) {
                                names.add(s);
                            } else if (aka instanceof JsonArray array) {
                                array.forEach(v -> {
                                    if (v instanceof String s) {
                                        names.add(s);
                                    }
                                });
                            }
                        }
                    }
                    return names;
                });
    }

    /** The avatar of a cached actor ({@code icon} of its document), when it has one. */
    public Future<Optional<String>> avatar(SqlClient client, String uri) {
        return client.preparedQuery("""
                        SELECT COALESCE(raw #>> '{icon,url}', raw #>> '{icon,0,url}', raw #>> '{icon,url,href}') AS avatar
                        FROM actors WHERE uri = $1""")
                .execute(Tuple.of(uri))
                .map(rows -> {
                    var it = rows.iterator();
                    String avatar = it.hasNext() ? it.next().getString("avatar") : null;
                    return Optional.ofNullable(avatar).filter(a -> a.startsWith("http"));
                });
    }

    /** Records that an actor moved to another account. */
    public Future<Boolean> markMoved(SqlClient tx, long actorId, String movedTo) {
        return tx.preparedQuery("UPDATE actors SET moved_to_uri = $2 WHERE id = $1 AND moved_to_uri IS DISTINCT FROM $2")
                .execute(Tuple.of(actorId, movedTo))
                .map(rows -> rows.rowCount() > 0);
    }
}
