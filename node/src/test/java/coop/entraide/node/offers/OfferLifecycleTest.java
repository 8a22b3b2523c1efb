package coop.entraide.node.offers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import coop.entraide.node.offers.OfferLifecycle.Mover;
import coop.entraide.protocol.offers.OfferKind;
import coop.entraide.protocol.offers.OfferState;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Every possible move, for every kind and mover: exactly the documented ones are allowed. */
class OfferLifecycleTest {
    private static Set<String> allowed(OfferKind kind) {
        Set<String> moves = new TreeSet<>();
        for (Mover mover : Mover.values()) {
            for (OfferState from : OfferState.values()) {
                for (OfferState to : OfferState.values()) {
                    if (OfferLifecycle.refusal(kind, from, to, mover).isEmpty()) {
                        moves.add(mover + ":" + from.key() + ">" + to.key());
                    }
                }
            }
        }
        return moves;
    }

    private static Set<String> common(String handed, String... extra) {
        Set<String> moves = new TreeSet<>(Set.of(
                "ACCEPTING_RESPONSE:available>reserved",
                "AUTHOR:reserved>available",
                "AUTHOR:reserved>" + handed,
                "AUTHOR:available>withdrawn",
                "AUTHOR:reserved>withdrawn",
                "NODE:available>expired"));
        moves.addAll(Set.of(extra));
        return moves;
    }

    @Test
    void aLoanGoesOutAndComesBack() {
        assertEquals(common("lent", "AUTHOR:lent>returned", "AUTHOR:returned>closed", "AUTHOR:returned>withdrawn"),
                allowed(OfferKind.LEND));
    }

    @Test
    void everyOtherKindIsHandedOverOnce() {
        assertEquals(common("given", "AUTHOR:given>closed", "AUTHOR:given>withdrawn"), allowed(OfferKind.GIVE));
        assertEquals(common("swapped", "AUTHOR:swapped>closed", "AUTHOR:swapped>withdrawn"), allowed(OfferKind.SWAP));
        assertEquals(common("sold", "AUTHOR:sold>closed", "AUTHOR:sold>withdrawn"), allowed(OfferKind.SELL));
        assertEquals(common("done", "AUTHOR:done>closed", "AUTHOR:done>withdrawn"), allowed(OfferKind.SERVICE));
        assertEquals(common("done", "AUTHOR:done>closed", "AUTHOR:done>withdrawn"), allowed(OfferKind.REQUEST));
    }
}
