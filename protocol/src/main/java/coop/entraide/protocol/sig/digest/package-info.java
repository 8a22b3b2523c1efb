/**
 * Body digests carried in HTTP headers: RFC 9530 {@code Content-Digest} (used with RFC 9421
 * signatures) and the legacy RFC 3230 {@code Digest} header (used with draft-cavage signatures).
 */
package coop.entraide.protocol.sig.digest;
