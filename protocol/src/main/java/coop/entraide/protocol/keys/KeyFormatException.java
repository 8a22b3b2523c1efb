package coop.entraide.protocol.keys;

/**
 * A key (PEM, DER, multibase or raw bytes) could not be read. Checked on purpose: keys arrive from
 * remote servers, so every caller must decide what a malformed key means for it.
 */
public final class KeyFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    public KeyFormatException(String message) {
        super(message);
    }

    public KeyFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
