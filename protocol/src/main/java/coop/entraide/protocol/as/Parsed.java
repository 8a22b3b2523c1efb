package coop.entraide.protocol.as;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of reading a document received from another server: a value, or the reason it
 * was refused. Malformed input is expected, so it is a value rather than an exception.
 */
public sealed interface Parsed<T> {

    record Ok<T>(T value) implements Parsed<T> {
        public Ok {
            Objects.requireNonNull(value, "value");
        }
    }

    record Invalid<T>(String reason) implements Parsed<T> {
        public Invalid {
            Objects.requireNonNull(reason, "reason");
        }
    }

    static <T> Parsed<T> ok(T value) {
        return new Ok<>(value);
    }

    static <T> Parsed<T> invalid(String reason) {
        return new Invalid<>(reason);
    }

    default boolean isOk() {
        return this instanceof Ok;
    }

    /** The reason of an {@link Invalid}, empty for an {@link Ok}. */
    default Optional<String> failure() {
        return this instanceof Invalid<T> invalid ? Optional.of(invalid.reason()) : Optional.empty();
    }

    default Optional<T> toOptional() {
        return this instanceof Ok<T> ok ? Optional.of(ok.value()) : Optional.empty();
    }

    /** The value; for callers that checked {@link #isOk()} first (a programming error otherwise). */
    default T orElseThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.value();
        }
        throw new IllegalStateException("invalid: " + failure().orElse(""));
    }

    default <U> Parsed<U> map(Function<? super T, ? extends U> f) {
        if (this instanceof Ok<T> ok) {
            return new Ok<>(f.apply(ok.value()));
        }
        return new Invalid<>(failure().orElseThrow());
    }

    default <U> Parsed<U> flatMap(Function<? super T, Parsed<U>> f) {
        if (this instanceof Ok<T> ok) {
            return f.apply(ok.value());
        }
        return new Invalid<>(failure().orElseThrow());
    }
}
