package coop.entraide.protocol.sf;

/**
 * A field value that does not follow the grammar of RFC 8941 §4.2. The parse failed as a whole:
 * RFC 8941 requires the entire field to be ignored, never partially used.
 */
public final class StructuredFieldException extends Exception {

    private final int position;

    public StructuredFieldException(String message, int position) {
        super(message + (position >= 0 ? " at offset " + position : ""));
        this.position = position;
    }

    /** Offset in the input where parsing stopped, or -1 when not tied to a position. */
    public int position() {
        return position;
    }
}
