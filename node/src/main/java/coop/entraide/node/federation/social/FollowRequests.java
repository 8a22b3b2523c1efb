package coop.entraide.node.federation.social;

import coop.entraide.node.identity.Actor;
import io.vertx.core.json.JsonObject;

/** What a follow-request notification tells: who asks, and whom they want to follow. */
final class FollowRequests {
    private FollowRequests() {
    }

    static JsonObject data(Actor follower, Actor followed) {
        String host = follower.local() ? "" : "@" + follower.domain();
        return new JsonObject()
                .put("follower", (follower.username() == null ? follower.uri() : follower.username() + host))
                .put("follower_uri", follower.uri())
                .put("follower_name", follower.displayName())
                .put("followed", followed.username());
    }
}
