package coop.entraide.node.federation.social;

import coop.entraide.node.federation.actors.ActorLookupException;
import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Announce} (a boost, or a Group sharing what its members wrote, FEP-1b12). A boost of one
 * of our objects is counted. An object announced by an actor one of ours follows is stored so that
 * our members see it; it is trusted only when it carries its author's valid proof or is fetched
 * from its own origin ({@link RemoteObjects}). Lemmy's {@code Announce(Create(object))} is read as
 * the announce of the object. The object is fetched in {@link #prepare}, before the inbox's
 * transaction; a server that cannot be reached now leaves the Announce to be tried again.
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

    /** Without a preparation the fetch happens here, inside the caller's transaction. */
    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        return prepare(tx, in).compose(prepared -> prepared.write(tx));
    }

    /**
     * Fetches the announced object (and its author) when one of our actors follows the announcer
     * and the object is not here yet; the transaction then checks both again and only writes.
     */
    @Override
    public Future<Prepared> prepare(SqlClient db, InboundActivity in) {
        Optional<Ref> announced = in.activity().object().flatMap(AnnounceHandler::sharedObject);
        if (announced.isEmpty() || announced.get().id() == null || social.uris().isLocal(announced.get().id())) {
            return Future.succeededFuture(tx -> write(tx, in, Optional.empty()));
        }
        Ref object = announced.get();
        return follows.followedLocally(db, in.actor().id())
                .compose(followed -> followed
                        ? objects.byUri(db, object.id()).map(Optional::isEmpty)
                        : Future.succeededFuture(false))
                .compose(missing -> missing ? fetch(object) : Future.succeededFuture(Optional.<Fetched>empty()))
                .map(fetched -> tx -> write(tx, in, fetched));
    }

    private Future<Outcome> write(SqlConnection tx, InboundActivity in, Optional<Fetched> fetched) {
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
            return objects.byUri(tx, object.id()).compose(found -> {
                if (found.isPresent()) {
                    return react(tx, in, found.get().id());
                }
                if (fetched.isEmpty()) {
                    // Followed or missing only since the preparation looked: the next Announce brings it.
                    return ActivityHandler.ignored("the announced object was not fetched");
                }
                return fetched.get().store(tx, in);
            });
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

    /** What the preparation found: the object and its author, or why it will not be kept. */
    private interface Fetched {
        Future<Outcome> store(SqlConnection tx, InboundActivity in);
    }

    private Future<Optional<Fetched>> fetch(Ref object) {
        return social.remoteObjects().obtain(object).compose(result -> {
            if (result instanceof RemoteObjects.Result.Unavailable unavailable) {
                return unavailable.passing()
                        ? Future.failedFuture(new IllegalStateException(unavailable.why()))
                        : unkept(unavailable.why());
            }
            RemoteObjects.Result.Found found = (RemoteObjects.Result.Found) result;
            if (!ContentTypes.isContent(found.parsed().types())) {
                return unkept("announces " + found.parsed().types() + ", not content");
            }
            String authorId = found.parsed().attributedToId().orElse(null);
            if (authorId == null) {
                return unkept("the announced object has no author");
            }
            return social.remoteActors().resolve(authorId)
                    .map(author -> Optional.<Fetched>of((tx, in) -> store(tx, in, found, author)))
                    .recover(e -> ActorLookupException.lasting(e)
                            ? unkept("the announced object's author " + authorId + ": " + e.getMessage())
                            : Future.failedFuture(e));
        });
    }

    private static Future<Optional<Fetched>> unkept(String why) {
        return Future.succeededFuture(Optional.of((tx, in) -> ActivityHandler.ignored(why)));
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
