package coop.entraide.protocol.offers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.protocol.as.As;
import coop.entraide.protocol.as.Context;
import coop.entraide.protocol.as.Parsed;
import coop.entraide.protocol.as.Vf;
import coop.entraide.protocol.html.Sanitizer;
import java.util.Objects;

/**
 * Someone answering an offer from another server: an FEP-0837 {@code Offer} of an
 * {@code Agreement} whose {@code stipulates} Commitment {@code satisfies} the offer's primary
 * Intent (FEP-0837 §Agreement negotiation), with the person's message as {@code content}.
 *
 * @param id        the Offer activity's id
 * @param actor     who responds
 * @param proposal  the offer's id (without the {@code #primary} fragment)
 * @param message   plain text
 */
public record ResponseRequest(String id, String actor, String proposal, String owner, String message) {
    public static final int MAX_MESSAGE = 2000;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public ResponseRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(proposal, "proposal");
        message = message == null ? "" : message;
    }

    /** The activity, addressed to the offer's author ({@code owner}). */
    public ObjectNode toAs() {
        ObjectNode commitment = NODES.objectNode();
        commitment.put(As.TYPE, Vf.COMMITMENT);
        commitment.put(Vf.SATISFIES, proposal + OfferDocuments.PRIMARY_FRAGMENT);
        ObjectNode quantity = commitment.putObject(Vf.RESOURCE_QUANTITY);
        quantity.put(Vf.HAS_UNIT, Vf.UNIT_ONE);
        quantity.put(Vf.HAS_NUMERICAL_VALUE, "1");
        ObjectNode agreement = NODES.objectNode();
        agreement.put(As.TYPE, Vf.AGREEMENT);
        agreement.set(Vf.STIPULATES, commitment);
        ObjectNode activity = NODES.objectNode();
        activity.put(As.ID, id);
        activity.put(As.TYPE, As.OFFER);
        activity.put(As.ACTOR, actor);
        activity.set(As.OBJECT_PROPERTY, agreement);
        activity.put(As.CONTENT, "<p>" + escape(message) + "</p>");
        if (owner != null) {
            activity.put(As.TO, owner);
        }
        return Context.forDocument(activity).wrap(activity);
    }

    /** Reads an {@code Offer(Agreement)}; the offer it answers is the {@code satisfies} id without its fragment. */
    public static Parsed<ResponseRequest> parse(JsonNode activity) {
        if (activity == null || !activity.isObject() || !As.OFFER.equals(activity.path(As.TYPE).asText(null))) {
            return Parsed.invalid("type: expected an Offer activity");
        }
        String id = activity.path(As.ID).asText(null);
        String actor = activity.path(As.ACTOR).isTextual() ? activity.get(As.ACTOR).textValue()
                : activity.path(As.ACTOR).path(As.ID).asText(null);
        JsonNode agreement = activity.path(As.OBJECT_PROPERTY);
        if (id == null || actor == null) {
            return Parsed.invalid("id and actor are required");
        }
        if (!Vf.AGREEMENT.equals(agreement.path(As.TYPE).asText(null))) {
            return Parsed.invalid("object: expected an Agreement");
        }
        String satisfies = agreement.path(Vf.STIPULATES).path(Vf.SATISFIES).asText("");
        if (!satisfies.endsWith(OfferDocuments.PRIMARY_FRAGMENT)) {
            return Parsed.invalid("object.stipulates.satisfies: expected the offer's #primary Intent");
        }
        String proposal = satisfies.substring(0, satisfies.length() - OfferDocuments.PRIMARY_FRAGMENT.length());
        String message = Sanitizer.toPlainText(activity.path(As.CONTENT).asText(""), MAX_MESSAGE);
        String owner = activity.path(As.TO).isTextual() ? activity.get(As.TO).textValue() : null;
        return Parsed.ok(new ResponseRequest(id, actor, proposal, owner, message));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\n", "<br>");
    }
}
