package coop.entraide.node.federation.social;

import coop.entraide.node.NodeContext;
import coop.entraide.node.Uris;
import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.federation.actors.RemoteActors;
import coop.entraide.node.federation.collections.CollectionPages;
import coop.entraide.node.federation.delivery.ActorSigners;
import coop.entraide.node.federation.delivery.DeliveryQueue;
import coop.entraide.node.federation.delivery.DeliverySettings;
import coop.entraide.node.federation.fetch.SafeFetcher;
import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.ActorCollectionSource;
import java.util.List;

/**
 * The social side of federation, assembled for a node: the publisher, the handlers the inbox
 * dispatches to, the follows API, object ids and actors' collections.
 */
public final class SocialFederation {
    private final NodeContext node;
    private final SocialContext social;

    private SocialFederation(NodeContext node, SocialContext social) {
        this.node = node;
        this.social = social;
    }

    /**
     * @param actors  finds remote actors (and fetches them when the node can)
     * @param signers signs the instance actor's fetches of remote objects
     * @param fetcher the node's safe fetcher
     */
    public static SocialFederation create(NodeContext node, RemoteActors actors, ActorSigners signers, SafeFetcher fetcher) {
        Uris uris = new Uris(node.config().baseUrl());
        Publisher publisher = new Publisher(node.clock(), new SigningKeys(), new DeliveryQueue(node.clock(), DeliverySettings.DEFAULT));
        RemoteObjects objects = RemoteObjects.of(fetcher, signers, uris.instanceActor(), actors, node.clock());
        return new SocialFederation(node, new SocialContext(uris, node.clock(), publisher, actors, objects));
    }

    public SocialContext context() {
        return social;
    }

    public List<ActivityHandler> handlers() {
        return SocialHandlers.all(social);
    }

    public ActorCollectionSource collections() {
        return new CollectionPages(node.pool());
    }

    public List<Routes> routes(Authenticator authenticator) {
        String authority = social.uris().authority();
        return List.of(
                new ObjectRoutes(node.pool(), social.uris()),
                new FollowRoutes(new FollowService(node.pool(), social), authenticator, authority));
    }
}
