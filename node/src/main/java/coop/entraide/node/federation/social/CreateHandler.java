package coop.entraide.node.federation.social;

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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Create} of a content object (ActivityPub §7.2). Like Mastodon, only what concerns this
 * node is kept: an object addressed to one of our actors, replying to one of our objects, or
 * written by an actor one of ours follows. The author must be the sender; the object is stored
 * exactly as received, with its HTML sanitised for display.
 *
 * <p>Most Creates that reach a busy node come from actors nobody here follows. Whether their
 * authors are followed is asked once for a whole batch, in its preparation, and those that do not
 * concern us are decided there, without a transaction. An activity earlier in the batch that may
 * change who is followed here ({@link FollowChanges}: an {@code Accept} of one of our
 * follows, an {@code Undo}…) is applied before the Creates after it: for those, the transaction
 * asks, as it does for a Create prepared alone.
 */
public final class CreateHandler implements ActivityHandler {
    private static final String NOT_CONCERNED = "neither addressed to us, nor a reply to us, nor from someone we follow";

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
        return prepare(tx, in).compose(prepared -> prepared.write(tx));
    }

    /**
     * A Create by reference: the object is fetched here, before the inbox's transaction. An
     * embedded object is prepared as a batch of one.
     */
    @Override
    public Future<Prepared> prepare(SqlClient db, InboundActivity in) {
        Optional<Ref> object = in.activity().object();
        if (object.isEmpty()) {
            return ActivityHandler.decided(ActivityHandler.ignored("a Create of nothing"));
        }
        if (object.get().isEmbedded()) {
            return prepareAll(db, List.of(in), List.of(in)).get(0);
        }
        return social.remoteObjects().fetch(object.get().id()).compose(result -> {
            if (result instanceof RemoteObjects.Result.Found found) {
                return Future.succeededFuture(tx -> store(tx, in, found.object(), found.parsed()));
            }
            RemoteObjects.Result.Unavailable unavailable = (RemoteObjects.Result.Unavailable) result;
            return unavailable.passing()
                    ? Future.failedFuture(new IllegalStateException(unavailable.why()))
                    : Future.succeededFuture(Prepared.decided(new Outcome.Ignored(unavailable.why())));
        });
    }

    /**
     * The embedded objects of a batch are checked here, and whether their authors are followed is
     * asked in one query for those it alone decides; a Create by reference is prepared alone.
     */
    @Override
    public List<Future<Prepared>> prepareAll(SqlClient db, List<InboundActivity> mine, List<InboundActivity> batch) {
        long firstFollowChange = FollowChanges.firstRow(batch);
        List<Future<Prepared>> prepared = new ArrayList<>(mine.size());
        Map<Integer, Screened> waiting = new HashMap<>();
        for (InboundActivity in : mine) {
            Optional<Ref> object = in.activity().object();
            if (object.isEmpty() || !object.get().isEmbedded()) {
                prepared.add(Future.succeededFuture().compose(v -> prepare(db, in)));
                continue;
            }
            // Read in place: the copy of the document to store is made only for what is stored.
            Parsed<AsObject> parsed = object.get().asObject();
            if (!(parsed instanceof Parsed.Ok<AsObject> ok)) {
                prepared.add(ActivityHandler.decided(
                        ActivityHandler.refused("the created object is malformed: " + parsed.failure().orElse(""))));
                continue;
            }
            Optional<Outcome> refusal = screen(in, ok.value());
            if (refusal.isPresent()) {
                prepared.add(Future.succeededFuture(Prepared.decided(refusal.get())));
                continue;
            }
            Screened screened = new Screened(in, object.get(), ok.value());
            if (addressedToUs(in, ok.value())) {
                prepared.add(Future.succeededFuture(tx -> insert(tx, screened)));
            } else if (localReplyTarget(ok.value()) != null || in.row() > firstFollowChange) {
                prepared.add(Future.succeededFuture(tx -> keepIfConcerned(tx, screened)));
            } else {
                waiting.put(prepared.size(), screened);
                prepared.add(null);
            }
        }
        if (!waiting.isEmpty()) {
            Set<Long> authors = new HashSet<>();
            waiting.values().forEach(e -> authors.add(e.in().actor().id()));
            Future<Set<Long>> followed = follows.followedLocally(db, authors);
            waiting.forEach((index, screened) -> prepared.set(index, followed.map(ids -> ids.contains(screened.in().actor().id())
                    ? tx -> insert(tx, screened)
                    : Prepared.decided(new Outcome.Ignored(NOT_CONCERNED)))));
        }
        return prepared;
    }

    /** A Create whose embedded object has been parsed and has passed {@link #screen}. */
    private record Screened(InboundActivity in, Ref ref, AsObject object) {
    }

    /** What refuses or ignores the object whatever the database holds; empty when it may be kept. */
    private static Optional<Outcome> screen(InboundActivity in, AsObject object) {
        Actor author = in.actor();
        if (!ContentTypes.isContent(object.types())) {
            return Optional.of(new Outcome.Ignored("a Create of " + object.types() + " is not content"));
        }
        if (!object.attributedToId().map(author.uri()::equals).orElse(false)) {
            return Optional.of(new Outcome.Refused(author.uri() + " cannot create an object attributed to "
                    + object.attributedToId().orElse("nobody")));
        }
        if (!Origins.same(object.id(), author.uri())) {
            return Optional.of(new Outcome.Refused("the object " + object.id() + " is not on its author's server"));
        }
        return Optional.empty();
    }

    private Future<Outcome> store(SqlConnection tx, InboundActivity in, ObjectNode document, AsObject object) {
        Optional<Outcome> refusal = screen(in, object);
        if (refusal.isPresent()) {
            return Future.succeededFuture(refusal.get());
        }
        return keepIfConcerned(tx, in, document, object);
    }

    private Future<Outcome> keepIfConcerned(SqlConnection tx, Screened created) {
        return keepIfConcerned(tx, created.in(), (ObjectNode) created.ref().node(), created.object());
    }

    /** Stores an object that passed the screen, if it concerns us. */
    private Future<Outcome> keepIfConcerned(SqlConnection tx, InboundActivity in, ObjectNode document, AsObject object) {
        return concernsUs(tx, in, object).compose(concerned -> concerned
                ? insert(tx, in, document, object)
                : ActivityHandler.ignored(NOT_CONCERNED));
    }

    private Future<Outcome> insert(SqlConnection tx, Screened created) {
        return insert(tx, created.in(), (ObjectNode) created.ref().node(), created.object());
    }

    /** Stores an object that concerns us. */
    private Future<Outcome> insert(SqlConnection tx, InboundActivity in, ObjectNode document, AsObject object) {
        Actor author = in.actor();
        NewObject row = NewObject.of(object, document, author.id(), false, author.followers(), social.clock().instant());
        return objects.insert(tx, row).compose(id -> {
            if (id.isEmpty()) {
                return ActivityHandler.ignored("already stored");
            }
            return in.silenced()
                    ? objects.hide(tx, id.get(), social.clock().instant()).compose(v -> ActivityHandler.applied())
                    : ActivityHandler.applied();
        });
    }

    private boolean addressedToUs(InboundActivity in, AsObject object) {
        Set<String> addressed = new LinkedHashSet<>(object.addressing().recipients());
        addressed.addAll(in.activity().addressing().recipients());
        return addressed.stream().anyMatch(id -> social.uris().parseActor(id).isPresent());
    }

    /** The object it replies to, when that is one of ours; null otherwise. */
    private String localReplyTarget(AsObject object) {
        String inReplyTo = object.inReplyTo() == null ? null : object.inReplyTo().id();
        return inReplyTo != null && social.uris().isLocal(inReplyTo) ? inReplyTo : null;
    }

    private Future<Boolean> concernsUs(SqlConnection tx, InboundActivity in, AsObject object) {
        if (addressedToUs(in, object)) {
            return Future.succeededFuture(true);
        }
        String inReplyTo = localReplyTarget(object);
        Future<Boolean> reply = inReplyTo != null
                ? objects.byUri(tx, inReplyTo).map(Optional::isPresent)
                : Future.succeededFuture(false);
        return reply.compose(isReply -> isReply ? Future.succeededFuture(true) : follows.followedLocally(tx, in.actor().id()));
    }
}
