package coop.entraide.node.federation.fetch;

import coop.entraide.protocol.sig.HttpMessage;
import java.util.List;

/**
 * Signs one outgoing request: given the request exactly as it will be sent (method, target,
 * headers including {@code Host}, body), returns the headers to add ({@code Date}, {@code Digest},
 * {@code Signature}…). Called once per hop: a redirect changes the target, so the signature is
 * computed again. It may be slow (RSA), so {@link SafeFetcher} calls it on a worker thread.
 */
@FunctionalInterface
public interface RequestSigner {
    /** Sends requests unsigned. */
    RequestSigner NONE = request -> List.of();

    List<HttpMessage.Header> sign(HttpMessage request) throws Exception;

    /**
     * Hears the final answer to a request this signer signed: {@code request} as it was before
     * signing, {@code added} what {@link #sign} added, and the response's status and headers.
     * Returns true to have the same request signed afresh and sent once more (a server refused
     * an algorithm it had advertised); the fetcher does so at most once per request. Called on
     * the event loop, for every answer: it must be cheap and must not throw.
     */
    default boolean answered(HttpMessage request, List<HttpMessage.Header> added, int status,
                             List<HttpMessage.Header> responseHeaders) {
        return false;
    }
}
