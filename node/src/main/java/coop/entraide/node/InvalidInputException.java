package coop.entraide.node;

/**
 * A value given by a person (on the command line or through the API) that cannot be used. The
 * message is one readable sentence about that field; the API shows it as a field error.
 */
public final class InvalidInputException extends RuntimeException {
    private final String field;

    public InvalidInputException(String field, String message) {
        super(message, null, false, false);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
