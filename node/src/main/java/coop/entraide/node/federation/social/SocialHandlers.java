package coop.entraide.node.federation.social;

import coop.entraide.node.federation.inbox.ActivityHandler;
import java.util.List;

/**
 * The handlers of the social side of federation, one per activity type (Delete and Update of
 * actors excepted, which the inbox applies itself): what the inbox worker dispatches to.
 */
public final class SocialHandlers {
    private SocialHandlers() {
    }

    public static List<ActivityHandler> all(SocialContext social) {
        return List.of(
                new FollowHandler(social),
                new FollowAnswerHandler(social),
                new UndoHandler(),
                new CreateHandler(social),
                new UpdateHandler(social),
                new DeleteHandler(social),
                new AnnounceHandler(social),
                new LikeHandler(social),
                new FlagHandler(social),
                new BlockHandler(),
                new MoveHandler(social));
    }
}
