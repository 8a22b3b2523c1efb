package coop.entraide.node.offers;

import coop.entraide.protocol.offers.OfferKind;
import coop.entraide.protocol.offers.OfferState;
import java.util.Optional;

/**
 * The moves an offer may make. available → reserved (a response accepted) → handed over (lent,
 * given, swapped, sold, or done for a service or request) → closed; a loan goes lent → returned
 * → closed. A reservation can be released back to available. The author may withdraw an offer
 * at any time except while a loan is out (the item must come back first), and an available offer
 * expires when its time is up. Closed, withdrawn and expired are final.
 */
public final class OfferLifecycle {
    private OfferLifecycle() {
    }

    /** Who asks for a move: the author through the API, or the node itself. */
    public enum Mover { AUTHOR, ACCEPTING_RESPONSE, NODE }

    /** The state an offer reaches when handed over, by kind. */
    public static OfferState handedOver(OfferKind kind) {
        return switch (kind) {
            case GIVE -> OfferState.GIVEN;
            case LEND -> OfferState.LENT;
            case SWAP -> OfferState.SWAPPED;
            case SELL -> OfferState.SOLD;
            case SERVICE, REQUEST -> OfferState.DONE;
        };
    }

    /** Why the move is not allowed, in words for the person who asked; empty when it is. */
    public static Optional<String> refusal(OfferKind kind, OfferState from, OfferState to, Mover mover) {
        if (from.isFinal()) {
            return Optional.of("This offer is " + from.key() + "; it cannot change any more.");
        }
        if (!reachable(kind, from)) {
            return Optional.of("A " + kind.key() + " offer is never " + from.key() + ".");
        }
        if (from == to) {
            return Optional.of("This offer is already " + to.key() + ".");
        }
        boolean allowed = switch (to) {
            case RESERVED -> from == OfferState.AVAILABLE && mover == Mover.ACCEPTING_RESPONSE;
            case AVAILABLE -> from == OfferState.RESERVED && mover == Mover.AUTHOR;
            case LENT, GIVEN, SWAPPED, SOLD, DONE ->
                    from == OfferState.RESERVED && to == handedOver(kind) && mover == Mover.AUTHOR;
            case RETURNED -> from == OfferState.LENT && mover == Mover.AUTHOR;
            case CLOSED -> (from == OfferState.RETURNED || (from == handedOver(kind) && from != OfferState.LENT))
                    && mover == Mover.AUTHOR;
            case WITHDRAWN -> from != OfferState.LENT && mover == Mover.AUTHOR;
            case EXPIRED -> from == OfferState.AVAILABLE && mover == Mover.NODE;
        };
        if (allowed) {
            return Optional.empty();
        }
        return Optional.of(explain(kind, from, to));
    }

    /** Whether an offer of this kind can ever be in this state. */
    static boolean reachable(OfferKind kind, OfferState state) {
        if (isHandedOver(state)) {
            return state == handedOver(kind);
        }
        return state != OfferState.RETURNED || kind == OfferKind.LEND;
    }

    public static boolean isHandedOver(OfferState state) {
        return switch (state) {
            case LENT, GIVEN, SWAPPED, SOLD, DONE -> true;
            default -> false;
        };
    }

    /** Whether the people of an exchange may leave feedback: once the thing was handed over. */
    public static boolean exchangeHappened(OfferState state) {
        return isHandedOver(state) || state == OfferState.RETURNED || state == OfferState.CLOSED;
    }

    private static String explain(OfferKind kind, OfferState from, OfferState to) {
        return switch (to) {
            case RESERVED -> "An offer is reserved by accepting a response, and only while it is available.";
            case EXPIRED -> "Only the node expires offers, when their time is up.";
            case WITHDRAWN -> "A loan that is out must be returned before the offer is withdrawn.";
            case LENT, GIVEN, SWAPPED, SOLD, DONE -> to != handedOver(kind)
                    ? "A " + kind.key() + " offer is handed over as " + handedOver(kind).key() + ", not " + to.key() + "."
                    : "Accept a response first: only a reserved offer can be handed over.";
            default -> "An offer that is " + from.key() + " cannot become " + to.key() + ".";
        };
    }
}
