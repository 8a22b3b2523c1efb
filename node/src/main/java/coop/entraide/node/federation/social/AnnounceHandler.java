package coop.entraide.node.federation.social;

import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Announce} (a boost, or a Group sharing what its members wrote, FEP-1b12). A boost of one
 * of our objects is counted. An object announced by an actor one of ours follows is stored so that
 * our members see it; it is trusted only when it carries its author's valid proof or is fetched
 * from its own origin ({@link RemoteObjects}). Lemmy's {@code Announce(Create(object))} is read as
 * the announce of the object.
 */
public final class AnnounceHandler implements ActivityHandler {
    private final SocialContext social;
    private final ObjectRepository objects = new ObjectRepository();
    private final FollowRepository follows = new FollowRepository();
    private final ReactionRepository reactions = new ReactionRepository();

    public AnnounceHandler(SocialContext social) {
        this.social = social;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.ANNOUNCE);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        Optional<Ref> announced = in.activity().object().flatMap(AnnounceHandler::sharedObject);
        if (announced.isEmpty() || announced.get().id() == null) {
            return ActivityHandler.ignored("announces nothing this node keeps");
        }
        Ref object = announced.get();
        if (social.uris().isLocal(object.id())) {
            return objects.byUri(tx, object.id()).compose(found -> found.isEmpty()
                    ? ActivityHandler.ignored("a boost of an object we do not have")
                    : react(tx, in, found.get().id()));
        }
        return follows.followedLocally(tx, in.actor().id()).compose(followed -> {
            if (!followed) {
                return ActivityHandler.ignored("an Announce from an actor nobody here follows");
            }
            return objects.byUri(tx, object.id()).compose(found -> found.isPresent()
                    ? react(tx, in, found.get().id())
                    : fetchAndStore(tx, in, object));
        });
    }

    /** The object an Announce shares: itself, or the object of an announced Create (FEP-1b12). */
    private static Optional<Ref> sharedObject(Ref object) {
        if (!object.isEmbedded() || ContentTypes.isContent(object.types())) {
            return Optional.of(object);
        }
        if (object.is(As.CREATE)) {
            return object.asActivity().toOptional().flatMap(create -> create.object());
        }
        return Optional.empty();
    }

    private Future<Outcome> fetchAndStore(SqlConnection tx, InboundActivity in, Ref object) {
        return social.remoteObjects().obtain(object).compose(result -> {
            if (!(result instanceof RemoteObjects.Result.Found found)) {
                return ActivityHandler.ignored(((RemoteObjects.Result.Unavailable) result).why());
            }
            if (!ContentTypes.isContent(found.parsed().types())) {
                return ActivityHandler.ignored("announces " + found.parsed().types() + ", not content");
            }
            String authorId = found.parsed().attributedToId().orElse(null);
            if (authorId == null) {
                return ActivityHandler.ignored("the announced object has no author");
            }
            return social.remoteActors().resolve(authorId).compose(author -> store(tx, in, found, author));
        });
    }

    private Future<Outcome> store(SqlConnection tx, InboundActivity in, RemoteObjects.Result.Found found, Actor author) {
        NewObject row = NewObject.of(found.parsed(), found.object(), author.id(), false, author.followers(),
                social.clock().instant());
        return objects.insert(tx, row)
                .compose(inserted -> inserted.isPresent()
                        ? Future.succeededFuture(inserted.get())
                        : objects.byUri(tx, row.uri()).map(o -> o.orElseThrow().id()))
                .compose(objectId -> in.silenced()
                        ? objects.hide(tx, objectId, social.clock().instant()).map(objectId)
                        : Future.succeededFuture(objectId))
                .compose(objectId -> react(tx, in, objectId));
    }

    private Future<Outcome> react(SqlConnection tx, InboundActivity in, long objectId) {
        return reactions.add(tx, ReactionRepository.Kind.ANNOUNCE, in.actor().id(), objectId, in.activity().id())
                .compose(added -> added ? ActivityHandler.applied() : ActivityHandler.ignored("already recorded"));
    }
}
