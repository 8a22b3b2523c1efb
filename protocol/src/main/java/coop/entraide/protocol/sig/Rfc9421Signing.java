package coop.entraide.protocol.sig;

/**
 * Signs a request with RFC 9421 HTTP Message Signatures (RFC 9421 §3.1), adding
 * {@code Signature-Input}, {@code Signature} and, for a body, {@code Content-Digest}.
 *
 * <p>Given to {@link NegotiatingSigner} so that choosing a scheme does not depend on how either
 * scheme is implemented.
 */
@FunctionalInterface
public interface Rfc9421Signing {

    /** Returns the request, not yet signed by any scheme, with its RFC 9421 signature added. */
    HttpMessage sign(HttpMessage unsigned);
}
