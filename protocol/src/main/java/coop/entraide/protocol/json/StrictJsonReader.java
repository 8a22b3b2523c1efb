package coop.entraide.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Objects;

/**
 * Reads JSON from other servers as I-JSON (RFC 7493): no duplicate member names, numbers that fit
 * a double, no lone surrogates, bounded size, depth and lengths. Whatever it accepts can be
 * canonicalized by {@link Jcs}. Thread-safe; build one per set of limits and share it.
 */
public final class StrictJsonReader {

    /**
     * Bounds on a document.
     *
     * @param maxDocumentLength bytes (or chars, when reading a String)
     * @param maxDepth deepest nesting of arrays and objects; the top-level value counts as one
     * @param maxStringLength longest string value, in chars
     * @param maxNameLength longest member name, in chars
     * @param maxNumberLength longest number literal, in chars
     */
    public record Limits(int maxDocumentLength, int maxDepth, int maxStringLength, int maxNameLength,
            int maxNumberLength) {

        /** Generous for ActivityPub objects: 1 MiB, depth 64, names of 1 KiB, numbers of 100 chars. */
        public static final Limits DEFAULT = new Limits(1 << 20, 64, 1 << 20, 1024, 100);

        public Limits {
            if (maxDocumentLength < 1 || maxDepth < 1 || maxStringLength < 1 || maxNameLength < 1
                    || maxNumberLength < 1) {
                throw new IllegalArgumentException("limits must be positive");
            }
        }
    }

    private static final StrictJsonReader DEFAULT = new StrictJsonReader(Limits.DEFAULT);

    private final Limits limits;
    private final ObjectMapper mapper;

    public StrictJsonReader(Limits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
        JsonFactory factory = JsonFactory.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxDocumentLength(limits.maxDocumentLength())
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(limits.maxStringLength())
                        .maxNameLength(limits.maxNameLength())
                        .maxNumberLength(limits.maxNumberLength())
                        .build())
                .build();
        this.mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** A reader with {@link Limits#DEFAULT}. */
    public static StrictJsonReader withDefaults() {
        return DEFAULT;
    }

    public Limits limits() {
        return limits;
    }

    /** Reads a UTF-8 document. */
    public JsonReadResult read(byte[] utf8) {
        if (utf8.length > limits.maxDocumentLength()) {
            return tooLarge(utf8.length);
        }
        try {
            return check(mapper.readTree(utf8));
        } catch (StreamConstraintsException e) {
            return constraint(e);
        } catch (JsonProcessingException e) {
            return syntax(e);
        } catch (IOException e) {
            return new JsonReadResult.Rejected(JsonRejection.MALFORMED, e.getClass().getSimpleName());
        }
    }

    /** Reads a document already decoded to text. */
    public JsonReadResult read(String json) {
        if (json.length() > limits.maxDocumentLength()) {
            return tooLarge(json.length());
        }
        return read(json.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a document that must be a JSON object, as every ActivityStreams document is. */
    public JsonReadResult readObject(byte[] utf8) {
        return requireObject(read(utf8));
    }

    /** Reads a document that must be a JSON object, as every ActivityStreams document is. */
    public JsonReadResult readObject(String json) {
        return requireObject(read(json));
    }

    /** Checks a tree that was parsed elsewhere against the I-JSON value rules (not the limits). */
    public static JsonReadResult check(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return new JsonReadResult.Rejected(JsonRejection.MALFORMED, "empty document");
        }
        String problem = firstProblem(node, "$");
        if (problem != null) {
            return new JsonReadResult.Rejected(
                    problem.startsWith("number") ? JsonRejection.NUMBER_OUT_OF_RANGE : JsonRejection.INVALID_STRING,
                    problem);
        }
        return new JsonReadResult.Parsed(node);
    }

    private static JsonReadResult requireObject(JsonReadResult result) {
        if (result instanceof JsonReadResult.Parsed parsed && !parsed.value().isObject()) {
            return new JsonReadResult.Rejected(JsonRejection.NOT_AN_OBJECT,
                    "top-level value is " + parsed.value().getNodeType().name().toLowerCase());
        }
        return result;
    }

    /** The first value I-JSON forbids, described with its JSON path, or null. */
    private static String firstProblem(JsonNode node, String path) {
        Problem problem = problemIn(node);
        return problem == null ? null : problem.describe(path);
    }

    /**
     * A value I-JSON forbids; its path is written only once one is found, as the search unwinds,
     * since nearly every document has none and the inbox checks every one.
     */
    private static final class Problem {
        private final String kind;
        private final ArrayDeque<String> path = new ArrayDeque<>();

        Problem(String kind) {
            this.kind = kind;
        }

        Problem under(String segment) {
            path.addFirst(segment);
            return this;
        }

        String describe(String root) {
            String at = root + String.join("", path);
            return switch (kind) {
                case "number" -> "number at " + at + " does not fit an IEEE-754 double";
                case "string" -> "string at " + at + " holds a lone surrogate";
                default -> "member name in " + at + " holds a lone surrogate";
            };
        }
    }

    private static Problem problemIn(JsonNode node) {
        switch (node.getNodeType()) {
            case NUMBER -> {
                if (!Double.isFinite(node.doubleValue())) {
                    return new Problem("number");
                }
            }
            case STRING -> {
                if (hasLoneSurrogate(node.textValue())) {
                    return new Problem("string");
                }
            }
            case ARRAY -> {
                for (int i = 0; i < node.size(); i++) {
                    Problem problem = problemIn(node.get(i));
                    if (problem != null) {
                        return problem.under("[" + i + "]");
                    }
                }
            }
            case OBJECT -> {
                for (Map.Entry<String, JsonNode> member : node.properties()) {
                    if (hasLoneSurrogate(member.getKey())) {
                        return new Problem("name");
                    }
                    Problem problem = problemIn(member.getValue());
                    if (problem != null) {
                        return problem.under("." + member.getKey());
                    }
                }
            }
            default -> {
                // booleans and null are always fine
            }
        }
        return null;
    }

    private static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    private JsonReadResult tooLarge(int length) {
        return new JsonReadResult.Rejected(JsonRejection.TOO_LARGE,
                "document has " + length + " bytes, limit is " + limits.maxDocumentLength());
    }

    private static JsonReadResult constraint(StreamConstraintsException e) {
        String message = e.getOriginalMessage();
        JsonRejection reason;
        if (message.contains("nesting depth")) {
            reason = JsonRejection.TOO_DEEP;
        } else if (message.contains("Document length")) {
            reason = JsonRejection.TOO_LARGE;
        } else {
            reason = JsonRejection.TOO_LONG;
        }
        return new JsonReadResult.Rejected(reason, message + where(e.getLocation()));
    }

    private static JsonReadResult syntax(JsonProcessingException e) {
        String message = e.getOriginalMessage();
        JsonRejection reason = message != null && message.startsWith("Duplicate")
                ? JsonRejection.DUPLICATE_KEY
                : JsonRejection.MALFORMED;
        return new JsonReadResult.Rejected(reason, firstLine(message) + where(e.getLocation()));
    }

    private static String where(JsonLocation location) {
        return location == null ? "" : " (line " + location.getLineNr() + ", column " + location.getColumnNr() + ")";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
