package coop.entraide.protocol.as;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads and writes ActivityStreams JSON documents (RFC 8259 text, UTF-8). */
public final class AsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AsJson() {
    }

    public static Parsed<JsonNode> read(byte[] json) {
        try {
            return present(MAPPER.readTree(json));
        } catch (IOException e) {
            return Parsed.invalid("not JSON: " + firstLine(e));
        }
    }

    public static Parsed<JsonNode> read(String json) {
        try {
            return present(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            return Parsed.invalid("not JSON: " + firstLine(e));
        }
    }

    public static byte[] write(JsonNode node) {
        return toString(node).getBytes(StandardCharsets.UTF_8);
    }

    public static String toString(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            // A tree of plain nodes always serialises; reaching this is a bug, not bad input.
            throw new UncheckedIOException(e);
        }
    }

    private static Parsed<JsonNode> present(JsonNode node) {
        return node == null || node.isMissingNode() ? Parsed.invalid("not JSON: empty document") : Parsed.ok(node);
    }

    private static String firstLine(IOException e) {
        String message = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
    }
}
