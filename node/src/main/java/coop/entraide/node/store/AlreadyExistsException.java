package coop.entraide.node.store;

/** A row could not be inserted because another already holds its unique key (SQLSTATE 23505). */
public final class AlreadyExistsException extends RuntimeException {
    public AlreadyExistsException(String message) {
        super(message, null, false, false);
    }
}
