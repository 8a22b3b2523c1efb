package coop.entraide.node.federation.social;

import coop.entraide.node.NodeContext;
import coop.entraide.node.Uris;
import coop.entraide.node.accounts.Authenticator;
import coop.entraide.node.federation.Federation;
import coop.entraide.node.federation.collections.CollectionPages;
import coop.entraide.node.http.Routes;
import coop.entraide.node.identity.ActorCollectionSource;
import java.util.List;

/**
 * The social side of federation, assembled for a node: the publisher, the handlers the inbox
 * dispatches to (registered with the inbox), the follows API, object ids and actors' collections.
 */
public final class SocialFederation {
    private final NodeContext node;
    private final SocialContext social;

    private SocialFederation(NodeContext node, SocialContext social) {
        this.node = node;
        this.social = social;
    }

    /**
     * Builds the social side on the node's federation (remote actors, signers, fetcher, delivery
     * queue). Its handlers are registered by {@link #registerHandlers()}, after those of the
     * capabilities that claim some Creates, Updates or Announces for themselves (offers).
     */
    public static SocialFederation create(NodeContext node) {
        Federation federation = node.federation();
        Uris uris = new Uris(node.config().baseUrl());
        Publisher publisher = new Publisher(node.clock(), new SigningKeys(), federation.deliveries());
        RemoteObjects objects = RemoteObjects.of(federation.fetcher(), federation.signers(), uris.instanceActor(),
                federation.actors(), node.clock(), federation.policies());
        SocialContext social = new SocialContext(uris, node.clock(), publisher, federation.actors(), objects, federation::wake);
        return new SocialFederation(node, social);
    }

    /** Registers the social handlers with the inbox; they take what earlier handlers ignored. */
    public void registerHandlers() {
        SocialHandlers.all(social).forEach(node.federation().handlers()::register);
    }

    public SocialContext context() {
        return social;
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
