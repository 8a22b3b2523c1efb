package coop.entraide.protocol.sf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Parameters of RFC 8941 §3.1.2: an ordered map from key to bare item. Order is significant for
 * serialisation; a repeated key keeps its first position and takes the last value (§4.2.3.2).
 */
public final class Parameters {

    public static final Parameters EMPTY = new Parameters(Map.of());

    private final Map<String, BareItem> map;

    private Parameters(Map<String, BareItem> map) {
        this.map = map;
    }

    /** Parameters in the order of the map's iteration; every key must be a valid key. */
    public static Parameters of(Map<String, ? extends BareItem> entries) {
        if (entries.isEmpty()) {
            return EMPTY;
        }
        Map<String, BareItem> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(checkKey(k), Objects.requireNonNull(v, "value")));
        return new Parameters(Collections.unmodifiableMap(copy));
    }

    /** Trusted path for the parser, which owns {@code entries} and has already checked its keys. */
    static Parameters wrap(LinkedHashMap<String, BareItem> entries) {
        return entries.isEmpty() ? EMPTY : new Parameters(Collections.unmodifiableMap(entries));
    }

    /** A copy with one more parameter (or a new value for an existing key, in place). */
    public Parameters with(String key, BareItem value) {
        Map<String, BareItem> copy = new LinkedHashMap<>(map);
        copy.put(checkKey(key), Objects.requireNonNull(value, "value"));
        return new Parameters(Collections.unmodifiableMap(copy));
    }

    public Optional<BareItem> get(String key) {
        return Optional.ofNullable(map.get(key));
    }

    public boolean containsKey(String key) {
        return map.containsKey(key);
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    public int size() {
        return map.size();
    }

    /** Unmodifiable view, in order. */
    public Map<String, BareItem> asMap() {
        return map;
    }

    /** Whether {@code s} is a valid key of a Parameter or Dictionary member (RFC 8941 §3.1.2). */
    public static boolean isValidKey(String s) {
        return s != null && Chars.isKey(s);
    }

    static String checkKey(String key) {
        if (!Chars.isKey(Objects.requireNonNull(key, "key"))) {
            throw new IllegalArgumentException("not a structured field key: " + key);
        }
        return key;
    }

    @Override
    public boolean equals(Object o) {
        // Order matters in structured fields, so compare entry sequences, not just the maps.
        return o instanceof Parameters p && map.equals(p.map)
                && List.copyOf(map.keySet()).equals(List.copyOf(p.map.keySet()));
    }

    @Override
    public int hashCode() {
        return map.hashCode();
    }

    @Override
    public String toString() {
        return map.toString();
    }
}
