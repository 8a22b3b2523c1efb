/**
 * Structured Field Values for HTTP (RFC 8941, with the Date and Display String types of RFC 9651):
 * an exact parser and serialiser.
 *
 * <p>{@link coop.entraide.protocol.sf.StructuredFieldParser} follows the parsing algorithms of
 * RFC 8941 §4.2 to the letter and reports any departure as a checked
 * {@link coop.entraide.protocol.sf.StructuredFieldException}; callers turn it into a
 * {@code MALFORMED_HEADER} failure. {@link coop.entraide.protocol.sf.StructuredFieldWriter}
 * implements the serialisation algorithms of §4.1. The value types validate themselves on
 * construction, so anything that can be built can be serialised.
 */
package coop.entraide.protocol.sf;
