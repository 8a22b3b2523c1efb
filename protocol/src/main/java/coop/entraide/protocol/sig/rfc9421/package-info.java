/**
 * RFC 9421 HTTP Message Signatures: signature bases, {@code Signature-Input} and
 * {@code Signature}, signing ({@link coop.entraide.protocol.sig.rfc9421.Rfc9421Signer}) and two-step
 * verification ({@link coop.entraide.protocol.sig.rfc9421.Rfc9421Verifier}).
 *
 * <p>Algorithms: rsa-v1_5-sha256, rsa-pss-sha512, ecdsa-p256-sha256 (raw r||s), ed25519,
 * hmac-sha256. Derived components: {@code @method}, {@code @target-uri}, {@code @authority},
 * {@code @scheme}, {@code @request-target}, {@code @path}, {@code @query}, {@code @query-param},
 * {@code @status}. Field parameters: {@code sf}, {@code key}, {@code bs}, {@code req}
 * ({@code tr} is refused).
 *
 * <p>Default verification policy ({@link coop.entraide.protocol.sig.rfc9421.VerificationPolicy#activityPub()}):
 * {@code @method} and {@code @target-uri} (or {@code @authority} and {@code @path}) covered,
 * {@code content-digest} covered and matching whenever there is a body, {@code created} and
 * {@code keyid} present, {@code created} at most 1 hour old and at most 5 minutes ahead, and
 * {@code expires} enforced with the same 5 minutes of tolerance.
 */
package coop.entraide.protocol.sig.rfc9421;
