package coop.entraide.node.federation.actors;

import com.fasterxml.jackson.databind.JsonNode;
import coop.entraide.node.federation.fetch.FetchRequest;
import coop.entraide.node.federation.fetch.FetchResult;
import coop.entraide.node.federation.fetch.RequestSigner;
import coop.entraide.node.federation.fetch.SafeFetcher;
import coop.entraide.protocol.json.JsonReadResult;
import coop.entraide.protocol.json.StrictJsonReader;
import io.vertx.core.Future;
import java.net.URI;
import java.util.function.Supplier;

/**
 * Fetches ActivityStreams documents (actors, keys) with a GET signed by the instance actor,
 * through the {@link SafeFetcher}, and reads them with the {@link StrictJsonReader}. Results are
 * values; the future never fails.
 */
public final class DocumentFetcher {
    /** What Mastodon asks for, without the HTML fallback (PROTOCOL.md §3.1). */
    public static final String ACCEPT =
            "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

    /** What a fetch came to. */
    public sealed interface Outcome {
    }

    /** A JSON object, and the URL that answered after redirects. */
    public record Document(JsonNode json, URI uri) implements Outcome {
    }

    /** 410 Gone: the object was deleted. */
    public record Gone(URI uri) implements Outcome {
    }

    /** Any other answer we cannot use; {@code status} 0 when there was no HTTP answer. */
    public record Unusable(int status, boolean invalid, String detail) implements Outcome {
    }

    private final SafeFetcher fetcher;
    private final Supplier<Future<RequestSigner>> signer;
    private final StrictJsonReader reader = StrictJsonReader.withDefaults();

    public DocumentFetcher(SafeFetcher fetcher, Supplier<Future<RequestSigner>> signer) {
        this.fetcher = fetcher;
        this.signer = signer;
    }

    public Future<Outcome> get(URI uri) {
        return signer.get()
                .compose(s -> fetcher.fetch(FetchRequest.get(uri, ACCEPT).signedBy(s)))
                .map(this::outcome)
                .otherwise(e -> new Unusable(0, false, "could not sign the request: " + e.getMessage()));
    }

    private Outcome outcome(FetchResult result) {
        if (result instanceof FetchResult.Failed failed) {
            return new Unusable(0, false, failed.reason() + ": " + failed.detail());
        }
        if (result instanceof FetchResult.HttpError error) {
            return error.status() == 410 ? new Gone(error.uri())
                    : new Unusable(error.status(), false, "HTTP " + error.status() + " from " + error.uri());
        }
        FetchResult.Ok ok = (FetchResult.Ok) result;
        JsonReadResult read = reader.readObject(ok.body());
        if (read instanceof JsonReadResult.Rejected rejected) {
            return new Unusable(ok.status(), true, "not a JSON object: " + rejected);
        }
        return new Document(((JsonReadResult.Parsed) read).value(), ok.uri());
    }
}
