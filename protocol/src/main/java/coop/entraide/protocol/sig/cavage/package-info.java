/**
 * draft-cavage-http-signatures-12, the {@code Signature} header that Mastodon and most of the
 * fediverse sign and verify (PROTOCOL.md §3.1–3.4).
 *
 * <p>{@link coop.entraide.protocol.sig.cavage.CavageSigner} signs a request;
 * {@link coop.entraide.protocol.sig.cavage.CavageVerifier} first parses the header, so the caller
 * can fetch the key named by {@code keyId}, and then verifies with that key.
 */
package coop.entraide.protocol.sig.cavage;
