package coop.entraide.protocol.json;

/** Why {@link StrictJsonReader} refused a document. */
public enum JsonRejection {
    /** Not JSON (RFC 8259): a syntax error, bad UTF-8, or content after the value. */
    MALFORMED,
    /** The document is longer than the limit. */
    TOO_LARGE,
    /** Arrays and objects nest deeper than the limit. */
    TOO_DEEP,
    /** A string, member name or number literal is longer than the limit. */
    TOO_LONG,
    /** An object names the same member twice (RFC 8259 §4 leaves this undefined; I-JSON forbids it). */
    DUPLICATE_KEY,
    /** A number is too large for an IEEE-754 double (I-JSON, RFC 7493 §2.2). */
    NUMBER_OUT_OF_RANGE,
    /** A string holds a lone surrogate, which has no UTF-8 encoding (RFC 7493 §2.1). */
    INVALID_STRING,
    /** The document is valid JSON, but not the object that was asked for. */
    NOT_AN_OBJECT
}
