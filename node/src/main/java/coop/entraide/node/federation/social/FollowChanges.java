package coop.entraide.node.federation.social;

import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.protocol.as.As;
import java.util.List;
import java.util.Set;

/**
 * Where in an inbox batch who is followed here may change. A handler that asks once for a whole
 * batch whether authors are followed may trust that answer only for the activities applied before
 * the first such change; those after it ask in the transaction, where the change is seen.
 */
public final class FollowChanges {
    /** Activity types whose application may change whether a local actor follows someone. */
    static final Set<String> TYPES = Set.of(As.ACCEPT, As.REJECT, As.UNDO, As.FOLLOW, As.BLOCK, As.MOVE, As.DELETE);

    private FollowChanges() {
    }

    /**
     * The row of the batch's first activity that may change who is followed here; Long.MAX_VALUE
     * when none does. Activities are applied in the order of their rows.
     */
    public static long firstRow(List<InboundActivity> batch) {
        long first = Long.MAX_VALUE;
        for (InboundActivity a : batch) {
            if (a.row() < first && a.activity().types().stream().anyMatch(TYPES::contains)) {
                first = a.row();
            }
        }
        return first;
    }
}
