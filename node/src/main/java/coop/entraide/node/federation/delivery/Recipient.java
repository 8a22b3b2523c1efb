package coop.entraide.node.federation.delivery;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/** A remote actor to deliver to: its own inbox and, when it advertises one, its server's shared inbox. */
public record Recipient(URI inbox, Optional<URI> sharedInbox) {
    public Recipient {
        Objects.requireNonNull(inbox, "inbox");
        Objects.requireNonNull(sharedInbox, "sharedInbox");
    }

    public static Recipient of(URI inbox) {
        return new Recipient(inbox, Optional.empty());
    }

    public static Recipient of(URI inbox, URI sharedInbox) {
        return new Recipient(inbox, Optional.ofNullable(sharedInbox));
    }
}
