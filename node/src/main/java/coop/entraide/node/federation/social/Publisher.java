package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.federation.delivery.DeliveryQueue;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.As;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Publishes a local actor's activity: signs it (FEP-8b32), stores it in the actor's outbox, works
 * out who receives it and enqueues the deliveries, all in the caller's transaction, so that the
 * change, the outbox and the deliveries commit (or vanish) together.
 */
public final class Publisher {

    /** What was published: the signed document and how many inboxes it is queued for. */
    public record Published(ObjectNode document, int deliveries) {
        public String id() {
            return document.path(As.ID).asText();
        }
    }

    private final Clock clock;
    private final SigningKeys keys;
    private final DeliveryQueue queue;
    private final OutboxRepository outbox = new OutboxRepository();
    private final FollowRepository follows = new FollowRepository();

    public Publisher(Clock clock, SigningKeys keys, DeliveryQueue queue) {
        this.clock = clock;
        this.keys = keys;
        this.queue = queue;
    }

    public Instant now() {
        return clock.instant();
    }

    /** Signs an object (a Note, an Offer…) for its local author before it is stored and published. */
    public Future<ObjectNode> sign(SqlClient tx, Actor author, ObjectNode object) {
        return keys.signerFor(tx, author).map(signer -> signer.sign(object, now()));
    }

    /**
     * Publishes {@code activity} (built by {@link Activities}, with its id and the addressing of
     * {@code audience}) for {@code actor}.
     */
    public Future<Published> publish(SqlClient tx, Actor actor, ObjectNode activity, Audience audience) {
        Instant now = now();
        return keys.signerFor(tx, actor)
                .map(signer -> signer.sign(activity, now))
                .compose(signed -> {
                    // Sent together: the outbox row and the deliveries do not depend on each other,
                    // and one round trip to the database is shorter than two.
                    Future<Long> stored = outbox.add(tx, actor.id(), signed.path(As.ID).asText(), signed.path(As.TYPE).asText(),
                            objectId(signed), audience.visibility(), signed, now);
                    Future<Published> queued = recipients(tx, actor, audience)
                            .compose(recipients -> enqueue(tx, signed, actor, recipients));
                    return Future.all(stored, queued).map(all -> queued.result());
                });
    }

    /**
     * Publishes an answer to one actor's Follow (its {@code Accept} or {@code Reject}): signed and
     * queued like any activity, but not stored in the outbox. Addressed to that actor alone, it is
     * in no outbox collection and its id is not served (only public activities are), so the row
     * would be written and never read; Mastodon does not keep its own answers either.
     */
    public Future<Void> answerFollow(SqlClient tx, Actor actor, ObjectNode answer, Actor follower) {
        return sign(tx, actor, answer).compose(signed -> answerFollows(tx, List.of(new SignedAnswer(actor, signed, follower))));
    }

    /** An answer to a Follow, already {@linkplain #sign signed} by {@code actor}, for {@code follower}. */
    public record SignedAnswer(Actor actor, ObjectNode signed, Actor follower) {
    }

    /** Queues answers to Follows, in one statement for all of them (a batch of Follows accepted at once). */
    public Future<Void> answerFollows(SqlClient tx, List<SignedAnswer> answers) {
        List<DeliveryQueue.Outgoing> outgoing = new ArrayList<>(answers.size());
        for (SignedAnswer answer : answers) {
            Deliveries.DeliveryJob job = Deliveries.prepare(answer.signed(), answer.actor(), List.of(answer.follower()));
            if (!job.recipients().isEmpty()) {
                outgoing.add(new DeliveryQueue.Outgoing(job.activity(), job.recipients()));
            }
        }
        return queue.enqueueAll(tx, outgoing).mapEmpty();
    }

    private Future<List<Actor>> recipients(SqlClient tx, Actor actor, Audience audience) {
        if (!audience.reachesFollowers()) {
            return Future.succeededFuture(audience.actors());
        }
        return follows.remoteFollowers(tx, actor.id()).map(followers -> {
            List<Actor> all = new ArrayList<>(followers);
            all.addAll(audience.actors());
            return all;
        });
    }

    private Future<Published> enqueue(SqlClient tx, ObjectNode signed, Actor actor, List<Actor> recipients) {
        Deliveries.DeliveryJob job = Deliveries.prepare(signed, actor, recipients);
        if (job.recipients().isEmpty()) {
            return Future.succeededFuture(new Published(signed, 0));
        }
        return queue.enqueue(tx, job.activity(), job.recipients()).map(enqueued -> new Published(signed, enqueued.jobs()));
    }

    private static String objectId(JsonNode activity) {
        JsonNode object = activity.get(As.OBJECT_PROPERTY);
        if (object == null) {
            return null;
        }
        if (object.isTextual()) {
            return object.textValue();
        }
        JsonNode id = object.get(As.ID);
        return id != null && id.isTextual() ? id.textValue() : null;
    }
}
