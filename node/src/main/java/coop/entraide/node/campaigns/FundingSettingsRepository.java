package coop.entraide.node.campaigns;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;

/** A collective's funding settings, kept under {@code funding} in {@code collectives.settings}. */
final class FundingSettingsRepository {
    Future<FundingSettings> get(SqlClient client, long collectiveId) {
        return client.preparedQuery("SELECT settings -> 'funding' AS funding FROM collectives WHERE actor_id = $1")
                .execute(Tuple.of(collectiveId))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        return FundingSettings.NONE;
                    }
                    Object v = it.next().getValue("funding");
                    return v instanceof JsonObject j ? FundingSettings.fromStored(j) : FundingSettings.NONE;
                });
    }

    Future<Void> put(SqlClient client, long collectiveId, FundingSettings settings) {
        return client.preparedQuery("""
                        UPDATE collectives SET settings = jsonb_set(settings, '{funding}', $2::jsonb) WHERE actor_id = $1""")
                .execute(Tuple.of(collectiveId, settings.toJson()))
                .mapEmpty();
    }
}
