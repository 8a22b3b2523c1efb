package coop.entraide.node.posts;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.InvalidInputException;
import coop.entraide.node.federation.social.Activities;
import coop.entraide.node.federation.social.ActorLookup;
import coop.entraide.node.federation.social.Audience;
import coop.entraide.node.federation.social.NewObject;
import coop.entraide.node.federation.social.ObjectRepository;
import coop.entraide.node.federation.social.SocialContext;
import coop.entraide.node.federation.social.StoredObject;
import coop.entraide.node.federation.social.Visibility;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.Member;
import coop.entraide.node.store.NotFoundException;
import coop.entraide.protocol.as.AsObject;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Members' posts (neighbourhood news): written, stored, and published the FEP-1b12 way. The
 * member's {@code Create} goes to their followers with the collective in its audience, and for a
 * public post the collective {@code Announce}s the Note itself to its own followers, so that
 * following a neighbourhood brings everything its members publish.
 */
public final class PostService {
    /** What a member asks to publish. */
    public record NewPost(String content, String visibility) {
    }

    private final Pool pool;
    private final SocialContext social;
    private final ActorLookup actors = new ActorLookup();
    private final ObjectRepository objects = new ObjectRepository();
    private final TimelineRepository timeline = new TimelineRepository();

    public PostService(Pool pool, SocialContext social) {
        this.pool = pool;
        this.social = social;
    }

    public Future<StoredObject> create(Member member, NewPost post) {
        String text = PostText.require(post.content());
        Audience audience = audience(post.visibility());
        return woken(pool.withTransaction(tx -> collectiveOf(tx, member)
                .compose(collective -> publish(tx, member.actor(), collective, text, audience))));
    }

    private static Audience audience(String visibility) {
        if (visibility == null || visibility.equals("public")) {
            return Audience.publicly();
        }
        if (visibility.equals("followers")) {
            return Audience.followersOnly();
        }
        throw new InvalidInputException("visibility", "visibility must be public or followers");
    }

    private Future<Actor> collectiveOf(SqlConnection tx, Member member) {
        return actors.byId(tx, member.collectiveId())
                .map(found -> found.orElseThrow(() -> new IllegalStateException("member " + member.username() + " has no collective")));
    }

    private Future<StoredObject> publish(SqlConnection tx, Actor author, Actor collective, String text, Audience audience) {
        Instant now = social.clock().instant();
        ObjectNode note = Notes.build(social.uris().newObject(), author, collective, text, audience, now);
        return social.publisher().sign(tx, author, note).compose(signed -> {
            AsObject parsed = AsObject.parse(signed).orElseThrow();
            NewObject row = NewObject.of(parsed, signed, author.id(), true, author.followers(), now);
            return objects.insert(tx, row)
                    .compose(id -> social.publisher().publish(tx, author,
                            Activities.create(social.uris().newActivity(), author, signed, parsed.addressing(), now),
                            audience.with(collective)))
                    .compose(created -> audience.visibility() == Visibility.PUBLIC
                            ? announce(tx, collective, signed, now)
                            : Future.succeededFuture())
                    .compose(v -> objects.byUri(tx, parsed.id()))
                    .map(Optional::orElseThrow);
        });
    }

    /** FEP-1b12: the collective shares the object itself (not the Create) with its followers. */
    private Future<Void> announce(SqlConnection tx, Actor collective, ObjectNode note, Instant now) {
        Audience audience = Audience.publicly();
        return social.publisher().publish(tx, collective,
                Activities.announce(social.uris().newActivity(), collective, note, audience.addressing(collective), now),
                audience).mapEmpty();
    }

    /** A page of the member's timeline and the authors of its objects. */
    public record Page(List<StoredObject> objects, Map<Long, Actor> authors, Optional<TimelineRepository.Cursor> next) {
    }

    public static final int MAX_PAGE = 40;

    public Future<Page> timeline(Member member, Optional<TimelineRepository.Cursor> before, int limit) {
        int size = Math.max(1, Math.min(MAX_PAGE, limit));
        return pool.withConnection(c -> timeline.page(c, reader(member), before, size + 1)
                .compose(found -> {
                    List<StoredObject> shown = found.size() > size ? found.subList(0, size) : found;
                    Optional<TimelineRepository.Cursor> next = found.size() > size
                            ? Optional.of(new TimelineRepository.Cursor(shown.get(size - 1).publishedAt(), shown.get(size - 1).id()))
                            : Optional.empty();
                    return timeline.authors(c, shown).map(authors -> new Page(shown, authors, next));
                }));
    }

    /** A post (or any object) the member may read, by its number, with its author. */
    public Future<Page> get(Member member, long id) {
        return pool.withConnection(c -> timeline.visible(c, reader(member), id).compose(found -> found.isEmpty()
                ? Future.failedFuture(new NotFoundException("there is no post " + id + " for you to read"))
                : timeline.authors(c, List.of(found.get())).map(authors -> new Page(List.of(found.get()), authors, Optional.empty()))));
    }

    private static TimelineRepository.Reader reader(Member member) {
        return new TimelineRepository.Reader(member.id(), member.collectiveId(), member.actor().uri());
    }

    /** Once the transaction committed, the delivery worker sends what it enqueued without waiting for its next poll. */
    private <T> Future<T> woken(Future<T> committed) {
        return committed.onSuccess(x -> social.wakeDelivery().run());
    }
}
