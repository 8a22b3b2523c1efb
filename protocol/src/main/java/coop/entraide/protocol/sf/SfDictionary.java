package coop.entraide.protocol.sf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * RFC 8941 §3.2 Dictionary: an ordered map from key to Item or Inner List. A repeated key keeps
 * its first position and takes the last value (§4.2.2).
 */
public final class SfDictionary {

    public static final SfDictionary EMPTY = new SfDictionary(Map.of());

    private final Map<String, Member> map;

    private SfDictionary(Map<String, Member> map) {
        this.map = map;
    }

    public static SfDictionary of(Map<String, ? extends Member> entries) {
        Map<String, Member> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(Parameters.checkKey(k), Objects.requireNonNull(v, "member")));
        return new SfDictionary(Collections.unmodifiableMap(copy));
    }

    static SfDictionary wrap(LinkedHashMap<String, Member> entries) {
        return entries.isEmpty() ? EMPTY : new SfDictionary(Collections.unmodifiableMap(entries));
    }

    /** A copy with one more member, appended (or replaced in place when the key exists). */
    public SfDictionary with(String key, Member member) {
        Map<String, Member> copy = new LinkedHashMap<>(map);
        copy.put(Parameters.checkKey(key), Objects.requireNonNull(member, "member"));
        return new SfDictionary(Collections.unmodifiableMap(copy));
    }

    public Optional<Member> get(String key) {
        return Optional.ofNullable(map.get(key));
    }

    public boolean isEmpty() {
        return map.isEmpty();
    }

    public int size() {
        return map.size();
    }

    /** Unmodifiable view, in order. */
    public Map<String, Member> asMap() {
        return map;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SfDictionary d && map.equals(d.map)
                && List.copyOf(map.keySet()).equals(List.copyOf(d.map.keySet()));
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
