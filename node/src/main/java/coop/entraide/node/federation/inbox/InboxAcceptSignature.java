package coop.entraide.node.federation.inbox;

import coop.entraide.protocol.sig.rfc9421.AcceptSignature;
import coop.entraide.protocol.sig.rfc9421.ComponentIdentifier;
import coop.entraide.protocol.sig.rfc9421.SignatureAlgorithm;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import java.util.List;

/**
 * The {@code Accept-Signature} field (RFC 9421 §5.1) that our inboxes put on their 202 and 401
 * answers: the RFC 9421 signatures they verify, so that a sender can sign its next requests with
 * Ed25519 (far cheaper than RSA) instead of guessing. Both requests cover {@code @method},
 * {@code @target-uri} and {@code content-digest} (an inbox request always has a body) and ask for
 * {@code created}, which is what {@link RequestSignature} demands. Ed25519 comes first, as the one
 * we prefer; a sender fulfils the one its key can make. Computed once: it is on every answer.
 */
final class InboxAcceptSignature {
    static final AcceptSignature FIELD = AcceptSignature.of(List.of(
            AcceptSignature.request("ed25519", SignatureAlgorithm.ED25519,
                    ComponentIdentifier.METHOD, ComponentIdentifier.TARGET_URI, ComponentIdentifier.CONTENT_DIGEST),
            AcceptSignature.request("rsa", SignatureAlgorithm.RSA_V1_5_SHA256,
                    ComponentIdentifier.METHOD, ComponentIdentifier.TARGET_URI, ComponentIdentifier.CONTENT_DIGEST)));

    private static final CharSequence NAME = HttpHeaders.createOptimized(AcceptSignature.HEADER);
    private static final CharSequence VALUE = HttpHeaders.createOptimized(FIELD.serialize());

    private InboxAcceptSignature() {
    }

    static HttpServerResponse advertise(HttpServerResponse response) {
        return response.putHeader(NAME, VALUE);
    }
}
