package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An activity (AS2 Vocabulary §3.1, ActivityPub §7: Create, Follow, Accept, Undo, Announce, Like,
 * Flag, Block, Move, FEP-0837 Offer…). Its {@code object} may be embedded or an id; Flag and
 * GoToSocial's poll votes send several, so all are kept.
 *
 * @param content a Flag's comment, a Misskey reaction, a Reject's reason
 * @param result  the outcome, such as the Agreement of an FEP-0837 {@code Accept(Offer)}
 */
public record Activity(String id, List<String> types, Ref actor, List<Ref> objects, Ref target, Ref origin,
        Ref result, Addressing addressing, String content, String summary, Instant published,
        Map<String, JsonNode> extra) {

    private static final Set<String> KNOWN = known();

    public Activity {
        Objects.requireNonNull(id, "id");
        types = List.copyOf(types);
        if (types.isEmpty()) {
            throw new IllegalArgumentException("an activity needs a type");
        }
        Objects.requireNonNull(actor, "actor");
        objects = List.copyOf(objects);
        Objects.requireNonNull(addressing, "addressing");
        extra = Normalize.copyOf(extra);
    }

    /** Reads an activity received from another server. */
    public static Parsed<Activity> parse(JsonNode node) {
        return Normalize.parse(node, Activity::read);
    }

    /** A plain activity as this server sends it: {@code Follow}, {@code Like}, {@code Create}… */
    public static Activity of(String id, String type, String actorId, Ref object, Addressing addressing,
            Instant published) {
        return new Activity(id, List.of(type), Ref.to(actorId), object == null ? List.of() : List.of(object), null,
                null, null, addressing, null, null, published, Map.of());
    }

    public boolean is(String type) {
        return types.contains(type);
    }

    /** The first type, for logs and dispatch tables. */
    public String type() {
        return types.get(0);
    }

    /** The (first) object; most activities have exactly one. */
    public Optional<Ref> object() {
        return objects.stream().findFirst();
    }

    public String actorId() {
        return actor.id();
    }

    /** This activity with a {@code target} (Add, Remove, Move) or a {@code result}. */
    public Activity withTarget(Ref newTarget) {
        return new Activity(id, types, actor, objects, newTarget, origin, result, addressing, content, summary,
                published, extra);
    }

    public Activity withResult(Ref newResult) {
        return new Activity(id, types, actor, objects, target, origin, newResult, addressing, content, summary,
                published, extra);
    }

    public Activity withContent(String newContent) {
        return new Activity(id, types, actor, objects, target, origin, result, addressing, newContent, summary,
                published, extra);
    }

    public ObjectNode toJson() {
        ObjectNode out = JsonOut.start(id, types, extra);
        JsonOut.put(out, As.ACTOR, actor);
        JsonOut.putAll(out, As.OBJECT_PROPERTY, objects, Ref::toJson);
        JsonOut.put(out, As.TARGET, target);
        JsonOut.put(out, As.ORIGIN, origin);
        JsonOut.put(out, As.RESULT, result);
        JsonOut.put(out, As.SUMMARY, summary);
        JsonOut.put(out, As.CONTENT, content);
        JsonOut.put(out, As.PUBLISHED, published);
        addressing.writeTo(out);
        return JsonOut.finish(out, extra);
    }

    private static Activity read(ObjectNode node) throws Normalize.Malformed {
        String id = Normalize.httpUri(node, As.ID, true);
        List<String> types = Normalize.types(node);
        Ref actor = Normalize.ref(node, As.ACTOR);
        if (actor == null) {
            throw new Normalize.Malformed(As.ACTOR, "missing");
        }
        if (!Normalize.isHttpUri(actor.id())) {
            throw new Normalize.Malformed(As.ACTOR, actor.id() == null
                    ? "embedded actor without id"
                    : "not an absolute http(s) URI: " + Normalize.abbreviate(actor.id()));
        }
        return new Activity(id, types, actor,
                Normalize.refs(node, As.OBJECT_PROPERTY),
                Normalize.ref(node, As.TARGET),
                Normalize.ref(node, As.ORIGIN),
                Normalize.ref(node, As.RESULT),
                Addressing.from(node),
                Normalize.text(node, As.CONTENT),
                Normalize.text(node, As.SUMMARY),
                Normalize.instant(node, As.PUBLISHED),
                Normalize.extra(node, KNOWN));
    }

    private static Set<String> known() {
        List<String> names = new ArrayList<>(List.of(As.ID, As.TYPE, As.ACTOR, As.OBJECT_PROPERTY, As.TARGET,
                As.ORIGIN, As.RESULT, As.CONTENT, As.SUMMARY, As.PUBLISHED));
        names.addAll(Addressing.PROPERTIES);
        return Set.copyOf(names);
    }
}
