package coop.entraide.node.federation.fetch;

import coop.entraide.protocol.sig.HttpMessage.Header;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What a fetch came to: a 2xx response, another HTTP status, or no response at all. */
public sealed interface FetchResult {

    /** A complete HTTP response (body read up to the limit). */
    sealed interface Received extends FetchResult {
        int status();

        /** The URL that answered, after redirects. */
        URI uri();

        List<Header> headers();

        byte[] body();

        default Optional<String> header(String name) {
            return headers().stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst();
        }
    }

    /** A 2xx response. */
    record Ok(int status, URI uri, List<Header> headers, byte[] body) implements Received {
        public Ok {
            headers = List.copyOf(headers);
        }
    }

    /** Any status outside 2xx, including a 3xx that was not followed. */
    record HttpError(int status, URI uri, List<Header> headers, byte[] body) implements Received {
        public HttpError {
            headers = List.copyOf(headers);
        }
    }

    /** No usable response. {@code detail} is for logs, never for the remote side. */
    record Failed(FetchFailure reason, String detail) implements FetchResult {
        public Failed {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
