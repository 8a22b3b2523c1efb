package coop.entraide.node.federation.inbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link ActivityHandler}s of a node, filled by the capabilities while the node starts (before
 * the inbox worker runs) and read by the worker for every activity.
 *
 * <p>Several handlers may take the same type: the node's own actor handler takes {@code Delete} and
 * {@code Update} of an actor, the social capability those of objects. The worker offers an activity
 * to them in registration order; the first that does not answer {@code Ignored} decides, so a
 * handler must answer {@code Ignored} for what is not its business. Registration is thread-safe.
 */
public final class ActivityHandlers {
    private final List<ActivityHandler> handlers = new CopyOnWriteArrayList<>();

    public ActivityHandlers register(ActivityHandler handler) {
        Objects.requireNonNull(handler, "handler");
        if (handler.types().isEmpty()) {
            throw new IllegalArgumentException("a handler must name the types it takes");
        }
        handlers.add(handler);
        return this;
    }

    /** The handlers that take any of these types, in registration order. */
    public List<ActivityHandler> forTypes(List<String> types) {
        List<ActivityHandler> out = new ArrayList<>();
        for (ActivityHandler h : handlers) {
            Set<String> taken = h.types();
            for (String type : types) {
                if (taken.contains(type)) {
                    out.add(h);
                    break;
                }
            }
        }
        return out;
    }
}
