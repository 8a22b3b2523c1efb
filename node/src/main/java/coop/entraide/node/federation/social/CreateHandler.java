package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.AsObject;
import coop.entraide.protocol.as.Parsed;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.SqlConnection;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Create} of a content object (ActivityPub §7.2). Like Mastodon, only what concerns this
 * node is kept: an object addressed to one of our actors, replying to one of our objects, or
 * written by an actor one of ours follows. The author must be the sender; the object is stored
 * exactly as received, with its HTML sanitised for display.
 */
public final class CreateHandler implements ActivityHandler {
    private final SocialContext social;
    private final ObjectRepository objects = new ObjectRepository();
    private final FollowRepository follows = new FollowRepository();

    public CreateHandler(SocialContext social) {
        this.social = social;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.CREATE);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        Optional<Ref> object = in.activity().object();
        if (object.isEmpty()) {
            return ActivityHandler.ignored("a Create of nothing");
        }
        if (!object.get().isEmbedded()) {
            return prepare(tx, in).compose(prepared -> prepared.write(tx));
        }
        JsonNode node = object.get().node();
        Parsed<AsObject> parsed = AsObject.parse(node);
        if (!(parsed instanceof Parsed.Ok<AsObject> ok)) {
            return ActivityHandler.refused("the created object is malformed: " + parsed.failure().orElse(""));
        }
        return store(tx, in, (ObjectNode) node, ok.value());
    }

    /** A Create by reference: the object is fetched here, before the inbox's transaction. */
    @Override
    public Future<Prepared> prepare(SqlClient db, InboundActivity in) {
        Optional<Ref> object = in.activity().object();
        if (object.isEmpty() || object.get().isEmbedded()) {
            return ActivityHandler.super.prepare(db, in);
        }
        return social.remoteObjects().fetch(object.get().id()).compose(result -> {
            if (result instanceof RemoteObjects.Result.Found found) {
                return Future.succeededFuture(tx -> store(tx, in, found.object(), found.parsed()));
            }
            RemoteObjects.Result.Unavailable unavailable = (RemoteObjects.Result.Unavailable) result;
            return unavailable.passing()
                    ? Future.failedFuture(new IllegalStateException(unavailable.why()))
                    : Future.succeededFuture(tx -> ActivityHandler.ignored(unavailable.why()));
        });
    }

    private Future<Outcome> store(SqlConnection tx, InboundActivity in, ObjectNode document, AsObject object) {
        Actor author = in.actor();
        if (!ContentTypes.isContent(object.types())) {
            return ActivityHandler.ignored("a Create of " + object.types() + " is not content");
        }
        if (!object.attributedToId().map(author.uri()::equals).orElse(false)) {
            return ActivityHandler.refused(author.uri() + " cannot create an object attributed to "
                    + object.attributedToId().orElse("nobody"));
        }
        if (!Origins.same(object.id(), author.uri())) {
            return ActivityHandler.refused("the object " + object.id() + " is not on its author's server");
        }
        return concernsUs(tx, in, object).compose(concerned -> {
            if (!concerned) {
                return ActivityHandler.ignored("neither addressed to us, nor a reply to us, nor from someone we follow");
            }
            NewObject row = NewObject.of(object, document, author.id(), false, author.followers(), social.clock().instant());
            return objects.insert(tx, row).compose(id -> {
                if (id.isEmpty()) {
                    return ActivityHandler.ignored("already stored");
                }
                return in.silenced()
                        ? objects.hide(tx, id.get(), social.clock().instant()).compose(v -> ActivityHandler.applied())
                        : ActivityHandler.applied();
            });
        });
    }

    private Future<Boolean> concernsUs(SqlConnection tx, InboundActivity in, AsObject object) {
        Set<String> addressed = new LinkedHashSet<>(object.addressing().recipients());
        addressed.addAll(in.activity().addressing().recipients());
        if (addressed.stream().anyMatch(id -> social.uris().parseActor(id).isPresent())) {
            return Future.succeededFuture(true);
        }
        String inReplyTo = object.inReplyTo() == null ? null : object.inReplyTo().id();
        Future<Boolean> reply = inReplyTo != null && social.uris().isLocal(inReplyTo)
                ? objects.byUri(tx, inReplyTo).map(Optional::isPresent)
                : Future.succeededFuture(false);
        return reply.compose(isReply -> isReply ? Future.succeededFuture(true) : follows.followedLocally(tx, in.actor().id()));
    }
}
