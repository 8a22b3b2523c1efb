package coop.entraide.node.federation.social;

import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.Set;

/** {@code Like} of one of our objects (ActivityPub §7.10), counted once per actor; Misskey reactions count as likes. */
public final class LikeHandler implements ActivityHandler {
    private final SocialContext social;
    private final ObjectRepository objects = new ObjectRepository();
    private final ReactionRepository reactions = new ReactionRepository();

    public LikeHandler(SocialContext social) {
        this.social = social;
    }

    @Override
    public Set<String> types() {
        return Set.of(As.LIKE);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        Optional<String> target = in.activity().object().map(Ref::id);
        if (target.isEmpty() || !social.uris().isLocal(target.get())) {
            return ActivityHandler.ignored("likes something that is not ours");
        }
        return objects.byUri(tx, target.get()).compose(found -> {
            if (found.isEmpty() || found.get().deleted()) {
                return ActivityHandler.ignored("likes an object we do not have");
            }
            return reactions.add(tx, ReactionRepository.Kind.LIKE, in.actor().id(), found.get().id(), in.activity().id())
                    .compose(added -> added ? ActivityHandler.applied() : ActivityHandler.ignored("already liked"));
        });
    }
}
