package coop.entraide.node.campaigns;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.List;

/**
 * Where campaigns hand their activities to federation: the node's publisher stores each one in the
 * sender's outbox and enqueues its delivery, in the transaction {@code tx} of the change that
 * caused it, so that a change and its announcement commit together or not at all.
 */
@FunctionalInterface
public interface CampaignPublications {

    Future<Void> publish(SqlConnection tx, CampaignActivity activity);

    /**
     * Makes sure the node knows these remote actors before a transaction addresses them: called with
     * no transaction open, since an actor the node never met is fetched from its server. Never fails;
     * an actor that cannot be had now is left out of what is published next.
     */
    default Future<Void> meet(List<String> actorUris) {
        return Future.succeededFuture();
    }

    /** Publishes nothing: for a node whose federation is not running. */
    static CampaignPublications none() {
        return (tx, activity) -> Future.succeededFuture();
    }

    /**
     * One activity to publish.
     *
     * @param kind       what happened
     * @param actorUri   the local actor sending it (the collective)
     * @param document   the complete activity, {@code @context} included; the campaign object inside
     *                   is to be signed with the sender's key (FEP-8b32) before it leaves
     * @param recipients the actors it is addressed to directly; for public activities, the
     *                   sender's followers are added by the publisher
     */
    record CampaignActivity(Kind kind, long campaignId, String actorUri, ObjectNode document, List<String> recipients) {
    }

    enum Kind {
        /** A campaign opened: {@code Create} of its object, public. */
        CREATE,
        /** A campaign changed (progress, edit, close): {@code Update} of its object, public. */
        UPDATE,
        /** A remote pledge was recorded: {@code Accept} of the pledge activity, to its sender. */
        ACCEPT_PLEDGE,
        /** A remote pledge was refused: {@code Reject} of the pledge activity, to its sender. */
        REJECT_PLEDGE,
        /**
         * The collective posted news about a campaign: {@code Create} of a {@code Note}, to its
         * followers and, by name, to every remote contributor.
         */
        NEWS,
        /** A remote pledge changed state (received, refunded, released): {@code Update}, to its sender. */
        PLEDGE_STATE
    }
}
