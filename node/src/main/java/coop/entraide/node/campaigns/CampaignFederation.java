package coop.entraide.node.campaigns;

import coop.entraide.node.federation.social.ActorLookup;
import coop.entraide.node.federation.social.Audience;
import coop.entraide.node.federation.social.SocialContext;
import coop.entraide.node.identity.Actor;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Campaigns on the fediverse, through the node's publisher: the collective's {@code Create} and
 * {@code Update}s of its campaign go to its followers (public, the object signed by the collective,
 * the activity signed too), and the answers about a remote pledge ({@code Accept}, {@code Reject},
 * {@code Update} of its state) go to the pledging actor only. A news post is a {@code Note} for
 * the collective's followers and, by name, its remote contributors. Everything is stored in the outbox
 * and queued for delivery in the transaction of the change. That transaction only reads the actors
 * the node already knows; a recipient it never met is fetched beforehand, by {@link #meet}.
 */
public final class CampaignFederation implements CampaignPublications {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignFederation.class);
    /** A publication waits this long at most for a recipient's server before going without it. */
    static final long MEET_WITHIN_MILLIS = 5_000;

    private final SocialContext social;
    private final ActorLookup actors = new ActorLookup();

    public CampaignFederation(SocialContext social) {
        this.social = social;
    }

    @Override
    public Future<Void> meet(List<String> actorUris) {
        List<Future<Void>> met = new ArrayList<>();
        for (String uri : actorUris) {
            met.add(social.remoteActors().resolve(uri)
                    .timeout(MEET_WITHIN_MILLIS, TimeUnit.MILLISECONDS)
                    .<Void>mapEmpty()
                    .recover(e -> {
                        LOG.info("{} cannot be reached now; it is left out of this publication: {}", uri, e.getMessage());
                        return Future.succeededFuture();
                    }));
        }
        return Future.all(met).mapEmpty();
    }

    @Override
    public Future<Void> publish(SqlConnection tx, CampaignActivity activity) {
        return actors.local(tx, activity.actorUri()).compose(sender -> {
            if (sender.isEmpty()) {
                return Future.failedFuture(new IllegalStateException(activity.actorUri() + " is not a local actor"));
            }
            return audience(tx, activity).compose(audience ->
                    social.publisher().publish(tx, sender.get(), activity.document(), audience));
        }).mapEmpty();
    }

    private Future<Audience> audience(SqlConnection tx, CampaignActivity activity) {
        if (activity.kind() == Kind.CREATE || activity.kind() == Kind.UPDATE) {
            return Future.succeededFuture(Audience.publicly());
        }
        return named(tx, activity).map(named -> {
            if (activity.kind() != Kind.NEWS) {
                return Audience.direct(named.toArray(Actor[]::new));
            }
            Audience followersAndContributors = Audience.followersOnly();
            for (Actor actor : named) {
                followersAndContributors = followersAndContributors.with(actor);
            }
            return followersAndContributors;
        });
    }

    private Future<List<Actor>> named(SqlConnection tx, CampaignActivity activity) {
        List<Actor> found = new ArrayList<>();
        Future<Void> chain = Future.succeededFuture();
        for (String uri : activity.recipients()) {
            chain = chain.compose(v -> recipient(tx, uri)).map(actor -> {
                actor.ifPresent(found::add);
                return null;
            });
        }
        return chain.map(v -> found);
    }

    /**
     * A recipient as the node knows it; never fetched here, inside the transaction (a slow server
     * would hold its connection and locks). The pledging actor sent us its Offer, so it is known;
     * others were met before the transaction.
     */
    private Future<Optional<Actor>> recipient(SqlConnection tx, String uri) {
        return actors.byUri(tx, uri).onSuccess(found -> {
            if (found.isEmpty()) {
                LOG.info("{} is not known to this node; it is left out of this publication", uri);
            }
        });
    }
}
