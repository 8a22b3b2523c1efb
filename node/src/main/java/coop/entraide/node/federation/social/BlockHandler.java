package coop.entraide.node.federation.social;

import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Ref;
import io.vertx.core.Future;
import io.vertx.sqlclient.SqlConnection;
import java.util.Optional;
import java.util.Set;

/**
 * {@code Block} of one of our actors by a remote one (ActivityPub §7.9): the block is recorded and
 * the follows between them end, both ways, as Mastodon does.
 */
public final class BlockHandler implements ActivityHandler {
    private final ActorLookup actors = new ActorLookup();
    private final FollowRepository follows = new FollowRepository();
    private final BlockRepository blocks = new BlockRepository();

    @Override
    public Set<String> types() {
        return Set.of(As.BLOCK);
    }

    @Override
    public Future<Outcome> handle(SqlConnection tx, InboundActivity in) {
        Optional<String> target = in.activity().object().map(Ref::id);
        if (target.isEmpty()) {
            return ActivityHandler.ignored("a Block of nobody");
        }
        return actors.local(tx, target.get()).compose(blocked -> {
            if (blocked.isEmpty()) {
                return ActivityHandler.ignored("blocks someone who is not ours");
            }
            long blockedId = blocked.get().id();
            return blocks.add(tx, in.actor().id(), blockedId, in.activity().id())
                    .compose(added -> follows.deleteBothWays(tx, in.actor().id(), blockedId)
                            .compose(ended -> added || ended > 0 ? ActivityHandler.applied()
                                    : ActivityHandler.ignored("already blocked")));
        });
    }
}
