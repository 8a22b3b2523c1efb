package coop.entraide.node.federation.social;

import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.notifications.Notifications;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Flag} (a report, ActivityPub §7, Mastodon's shape: {@code object} lists the account and
 * its objects, {@code content} is the comment), sent by a remote server's instance actor or a
 * person: it becomes a report for our moderators when it names one of our actors or objects.
 */
public final class FlagHandler implements ActivityHandler {
    private final SocialContext social;
    private final ActorLookup actors = new ActorLookup();
    private final ObjectRepository objects = new ObjectRepository();
    private final ReportRepository reports = new ReportRepository();
    private final Notifications notifications = new Notifications();

    public FlagHandler(SocialContext social) {
        this.social = social;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.FLAG);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        List<String> ours = in.activity().objects().stream().map(Ref::id).filter(Objects::nonNull)
                .filter(social.uris()::isLocal).distinct().toList();
        if (ours.isEmpty()) {
            return ActivityHandler.ignored("reports nothing of ours");
        }
        return target(tx, ours).compose(target -> {
            List<String> objectUris = new ArrayList<>(ours);
            target.ifPresent(t -> objectUris.remove(t.uri()));
            if (target.isEmpty() && objectUris.isEmpty()) {
                return ActivityHandler.ignored("reports nothing of ours");
            }
            return reports.open(tx, in.actor().id(), target.map(Actor::id).orElse(null), objectUris,
                            in.activity().content(), in.activity().id())
                    .compose(opened -> opened
                            ? notifications.notifyModerators(tx, Notifications.Kind.REPORT_OPENED, new JsonObject()
                                    .put("origin", "remote").put("domain", in.actor().domain()))
                                    .compose(v -> ActivityHandler.applied())
                            : ActivityHandler.ignored("already reported"));
        });
    }

    /** The reported actor: the first of ours named, else the author of the first object of ours. */
    private Future<Optional<Actor>> target(SqlConnection tx, List<String> ours) {
        Future<Optional<Actor>> chain = Future.succeededFuture(Optional.empty());
        for (String uri : ours) {
            chain = chain.compose(found -> found.isPresent() ? Future.succeededFuture(found) : actors.local(tx, uri));
        }
        for (String uri : ours) {
            chain = chain.compose(found -> found.isPresent()
                    ? Future.succeededFuture(found)
                    : objects.byUri(tx, uri).compose(o -> o.isEmpty()
                            ? Future.succeededFuture(Optional.<Actor>empty())
                            : actors.byId(tx, o.get().actorId())));
        }
        return chain;
    }
}
