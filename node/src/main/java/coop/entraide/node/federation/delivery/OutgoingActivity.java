package coop.entraide.node.federation.delivery;

import java.util.Objects;

/**
 * An activity to send, as it will go on the wire.
 *
 * @param activityId the activity's {@code id}
 * @param actorId    the local actor whose key signs every request
 * @param body       the serialised JSON, identical for every inbox
 */
public record OutgoingActivity(String activityId, String actorId, byte[] body) {
    public OutgoingActivity {
        Objects.requireNonNull(activityId, "activityId");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(body, "body");
    }
}
