package coop.entraide.node.federation.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.TestNode;
import coop.entraide.node.federation.actors.ActorLookupException;
import coop.entraide.node.federation.actors.RemoteActors;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.identity.Role;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Resolving remote actors: the cache, shared fetches, WebFinger handles, gone and invalid documents. */
class RemoteActorsTest {
    private static TestNode a;
    private static TestNode b;
    private static Vertx vertx;
    private static FakeServer remote;
    private static RemoteActors actors;

    @BeforeAll
    static void start() {
        a = TestNode.start();
        b = TestNode.start();
        vertx = Vertx.vertx();
        remote = FakeServer.start(vertx, "127.0.0.9");
        actors = a.node().context().federation().actors();
        a.await(a.identity().createCollective(new IdentityService.NewCollective("capucins", "Les Capucins", "", false)));
        b.await(b.identity().createCollective(new IdentityService.NewCollective("croixrousse", "Croix-Rousse", "", false)));
        b.await(b.identity().createMember(new IdentityService.NewMember("dalia", "croixrousse", "Dalia", "", Role.ADMIN, null)));
    }

    @AfterAll
    static void stop() {
        remote.close();
        vertx.close();
        b.close();
        a.close();
    }

    private static ActorLookupException failure(Future<?> future) {
        try {
            future.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return assertInstanceOf(ActorLookupException.class, e.getCause());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void aFreshActorIsServedFromTheCacheAndRefreshFetchesAgain() {
        FakeActor cached = remote.actor("cached");
        Actor first = a.await(actors.resolve(cached.id));
        Actor second = a.await(actors.resolve(cached.id));

        assertEquals(first.id(), second.id());
        assertEquals(1, remote.gets("/users/cached"));
        assertEquals(remote.authority(), first.domain());
        a.await(actors.refresh(cached.id));
        assertEquals(2, remote.gets("/users/cached"));
        assertEquals(first.id(), a.await(actors.cachedByKeyId(cached.keyId())).orElseThrow().id());
    }

    @Test
    void concurrentResolutionsShareOneFetch() {
        FakeActor popular = remote.actor("popular");
        remote.delay(300);
        try {
            List<Future<Actor>> all = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                all.add(actors.resolve(popular.id));
            }
            a.await(Future.all(all));
        } finally {
            remote.delay(0);
        }
        assertEquals(1, remote.gets("/users/popular"));
    }

    @Test
    void handlesResolveThroughWebFinger() {
        FakeActor handled = remote.actor("handled");
        assertEquals(handled.id, a.await(actors.resolveHandle("@handled@" + remote.authority())).uri());

        Actor dalia = a.await(actors.resolveHandle("dalia@" + b.authority()));
        assertEquals(b.base() + "/u/dalia", dalia.uri());
        assertEquals("Dalia", dalia.displayName());

        Actor local = a.await(actors.resolveHandle("@capucins@" + a.authority()));
        assertTrue(local.local());
        assertEquals(ActorLookupException.Reason.NOT_FOUND,
                failure(actors.resolveHandle("@nobody@" + remote.authority())).reason());
        assertEquals(ActorLookupException.Reason.NOT_FOUND, failure(actors.resolveHandle("not a handle")).reason());
    }

    @Test
    void aGoneActorIsMarkedDeletedAndNeverFetchedAgain() {
        FakeActor leaving = remote.actor("leaving");
        a.await(actors.resolve(leaving.id));
        remote.answer("/users/leaving", 410);

        assertEquals(ActorLookupException.Reason.GONE, failure(actors.refresh(leaving.id)).reason());
        int fetches = remote.gets("/users/leaving");
        assertEquals(ActorLookupException.Reason.GONE, failure(actors.resolve(leaving.id)).reason());
        assertEquals(fetches, remote.gets("/users/leaving"));
        assertNotNull(a.await(a.node().context().pool().preparedQuery("SELECT deleted_at FROM actors WHERE uri = $1")
                .execute(Tuple.of(leaving.id))).iterator().next().getOffsetDateTime("deleted_at"));
    }

    @Test
    void aDocumentClaimingAnotherOriginIsRefused() {
        FakeActor impostor = remote.actor("impostor");
        ObjectNode doc = impostor.document();
        doc.put("id", b.base() + "/u/dalia");
        remote.serve("/users/impostor", doc.toString());

        ActorLookupException e = failure(actors.resolve(impostor.id));
        assertEquals(ActorLookupException.Reason.INVALID, e.reason());
        assertTrue(e.getMessage().contains("is not on the origin of"), e.getMessage());
    }

    @Test
    void aKeyOwnedBySomeoneElseIsNotTheActorsKey() {
        FakeActor borrower = remote.actor("borrower");
        ObjectNode doc = borrower.document();
        doc.remove("assertionMethod");
        ((ObjectNode) doc.get("publicKey")).put("owner", remote.base() + "/users/someone-else");
        remote.serve("/users/borrower", doc.toString());

        ActorLookupException e = failure(actors.resolve(borrower.id));
        assertEquals(ActorLookupException.Reason.INVALID, e.reason());
        assertTrue(e.getMessage().contains("no key"), e.getMessage());
    }

    @Test
    void localActorsAreNeverFetched() {
        Actor capucins = a.await(actors.resolve(a.base() + "/c/capucins"));
        assertTrue(capucins.local());
        assertEquals(ActorLookupException.Reason.NOT_FOUND, failure(actors.resolve(a.base() + "/c/nobody")).reason());
    }
}
