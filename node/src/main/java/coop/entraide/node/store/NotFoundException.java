package coop.entraide.node.store;

/** A row that a step needs does not exist. The message names it for the person who asked. */
public final class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message, null, false, false);
    }
}
