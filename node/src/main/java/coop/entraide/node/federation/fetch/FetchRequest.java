package coop.entraide.node.federation.fetch;

import coop.entraide.protocol.sig.HttpMessage.Header;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One outgoing request before it is sent. {@code headers} must not carry {@code Host}: it is
 * derived from the target of each hop.
 */
public record FetchRequest(String method, URI uri, List<Header> headers, byte[] body, RequestSigner signer, FetchLimits limits) {
    public FetchRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(uri, "uri");
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body;
        Objects.requireNonNull(signer, "signer");
        Objects.requireNonNull(limits, "limits");
    }

    public static FetchRequest get(URI uri, String accept) {
        return new FetchRequest("GET", uri, List.of(new Header("Accept", accept)), new byte[0], RequestSigner.NONE, FetchLimits.DEFAULT);
    }

    public static FetchRequest post(URI uri, String contentType, byte[] body) {
        return new FetchRequest("POST", uri, List.of(new Header("Content-Type", contentType)), body, RequestSigner.NONE, FetchLimits.DEFAULT);
    }

    public FetchRequest signedBy(RequestSigner newSigner) {
        return new FetchRequest(method, uri, headers, body, newSigner, limits);
    }

    public FetchRequest withLimits(FetchLimits newLimits) {
        return new FetchRequest(method, uri, headers, body, signer, newLimits);
    }
}
