package coop.entraide.node.federation.social;

import coop.entraide.protocol.as.As;
import java.util.List;
import java.util.Set;

/** Which object types are content to keep, as opposed to actors, activities or tombstones. */
final class ContentTypes {
    private static final Set<String> NOT_CONTENT = Set.of(As.TOMBSTONE, As.COLLECTION, As.ORDERED_COLLECTION,
            As.COLLECTION_PAGE, As.ORDERED_COLLECTION_PAGE, As.LINK, As.MENTION, As.CREATE, As.UPDATE, As.DELETE,
            As.FOLLOW, As.ACCEPT, As.REJECT, As.UNDO, As.ANNOUNCE, As.LIKE, As.FLAG, As.BLOCK, As.MOVE, As.ADD,
            As.REMOVE);

    private ContentTypes() {
    }

    static boolean isContent(List<String> types) {
        return !types.isEmpty() && types.stream().noneMatch(t -> As.ACTOR_TYPES.contains(t) || NOT_CONTENT.contains(t));
    }

    static boolean isActor(List<String> types) {
        return types.stream().anyMatch(As.ACTOR_TYPES::contains);
    }
}
