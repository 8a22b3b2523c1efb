package coop.entraide.protocol.sig;

import coop.entraide.protocol.sig.Ed25519Hosts.Ed25519Request;
import java.time.Instant;
import java.util.Objects;

/**
 * One host's standing towards RFC 9421 {@code ed25519} signatures (RFC 9421 §3.3.6, §5.1), as
 * {@link Ed25519Hosts} exports it when it changes and imports it again, so that what was learnt
 * can be kept between runs and shared between processes.
 */
public sealed interface Ed25519HostFact {

    /** The host, lower-cased, as {@link Ed25519Hosts} names it ({@code host[:port]}). */
    String host();

    /** The host verifies {@code ed25519} signatures made as {@code request} says. */
    record Verifies(String host, Ed25519Request request) implements Ed25519HostFact {
        public Verifies {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(request, "request");
        }
    }

    /** The host refused an {@code ed25519} signature: RSA for it until {@code until}. */
    record Refused(String host, Instant until) implements Ed25519HostFact {
        public Refused {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(until, "until");
        }
    }

    /** The host no longer asks for {@code ed25519}: what was known of it is void. */
    record Forgotten(String host) implements Ed25519HostFact {
        public Forgotten {
            Objects.requireNonNull(host, "host");
        }
    }
}
