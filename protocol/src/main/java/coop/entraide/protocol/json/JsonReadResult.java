package coop.entraide.protocol.json;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;

/** The outcome of reading untrusted JSON: the tree, or why it was refused. */
public sealed interface JsonReadResult {

    /** A document that passed every check. */
    record Parsed(JsonNode value) implements JsonReadResult {
        public Parsed {
            Objects.requireNonNull(value, "value");
        }
    }

    /**
     * A refused document; {@code detail} names the problem and where it is, quoting at most a
     * short fragment of the input.
     */
    record Rejected(JsonRejection reason, String detail) implements JsonReadResult {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }

        @Override
        public String toString() {
            return reason + (detail.isEmpty() ? "" : ": " + detail);
        }
    }
}
