package coop.entraide.node.campaigns;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Stands in for the node's publisher: keeps what campaigns asked to publish. */
final class RecordedPublications implements CampaignPublications {
    final List<CampaignActivity> published = new CopyOnWriteArrayList<>();

    @Override
    public Future<Void> publish(SqlConnection tx, CampaignActivity activity) {
        published.add(activity);
        return Future.succeededFuture();
    }

    List<CampaignActivity> of(long campaign, Kind kind) {
        return published.stream().filter(a -> a.campaignId() == campaign && a.kind() == kind).toList();
    }
}
