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
}
