/**
 * JSON for signatures: a strict reader for untrusted documents (I-JSON, RFC 7493, with limits) and
 * the JSON Canonicalization Scheme (RFC 8785).
 */
package coop.entraide.protocol.json;
