package coop.entraide.node.federation.signing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import coop.entraide.node.TestNode;
import coop.entraide.node.identity.IdentityService.NewCollective;
import coop.entraide.node.store.NotFoundException;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The local actors' keys, read from the database and kept parsed. */
class LocalKeysTest {
    @RegisterExtension
    static final TestNode node = TestNode.start();

    private static LocalKeys keys() {
        return new LocalKeys(node.node().context().vertx(), node.node().context().pool(), LocalKeys.DEFAULT_CAPACITY);
    }

    @Test
    void manyAskingAtOnceShareOneReadAndLaterOnesGetTheKeptKeys() {
        String uri = node.await(node.identity().createCollective(new NewCollective("grenier", "Le Grenier", "", false)))
                .actor().uri();
        LocalKeys keys = keys();
        List<Future<LocalKey>> asked = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            asked.add(keys.forActor(uri));
        }
        LocalKey first = node.await(asked.get(0));
        assertEquals(uri, first.actorUri());
        for (Future<LocalKey> f : asked) {
            assertSame(first, node.await(f), "one read, parsed once, for all who asked while it ran");
        }
        assertSame(first, node.await(keys.forActor(uri)));
        assertEquals(1, keys.size());
    }

    @Test
    void anActorThatIsNotOursFailsEachTimeAndIsNotKept() {
        LocalKeys keys = keys();
        String stranger = "https://elsewhere.example/users/nobody";
        for (int i = 0; i < 2; i++) {
            Throwable failure = node.await(keys.forActor(stranger).map(k -> (Throwable) null).otherwise(e -> e));
            assertInstanceOf(NotFoundException.class, failure);
        }
        assertEquals(0, keys.size());
    }
}
