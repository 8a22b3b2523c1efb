package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.federation.delivery.OutgoingActivity;
import coop.entraide.node.federation.delivery.Recipient;
import coop.entraide.node.identity.Actor;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.AsJson;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a signed activity and the actors it is for into a delivery job (pure; the queue stores
 * it). Local actors are left out: they see the activity through the database, never over HTTP.
 * Actors without a usable inbox are left out too, and each inbox appears once.
 */
public final class Deliveries {

    /** What {@link coop.entraide.node.federation.delivery.DeliveryQueue#enqueue} takes. */
    public record DeliveryJob(OutgoingActivity activity, List<Recipient> recipients) {
        public DeliveryJob {
            recipients = List.copyOf(recipients);
        }
    }

    private Deliveries() {
    }

    public static DeliveryJob prepare(JsonNode signedActivity, Actor sender, Collection<Actor> recipients) {
        String id = signedActivity.path(As.ID).asText();
        Map<URI, Recipient> byInbox = new LinkedHashMap<>();
        for (Actor actor : recipients) {
            if (actor.local()) {
                continue;
            }
            Optional<URI> inbox = uri(actor.inbox());
            if (inbox.isEmpty()) {
                continue;
            }
            byInbox.putIfAbsent(inbox.get(), new Recipient(inbox.get(), uri(actor.sharedInbox())));
        }
        OutgoingActivity activity = new OutgoingActivity(id, sender.uri(), AsJson.write(signedActivity));
        return new DeliveryJob(activity, new ArrayList<>(byInbox.values()));
    }

    private static Optional<URI> uri(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text);
            return uri.isAbsolute() && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }
}
