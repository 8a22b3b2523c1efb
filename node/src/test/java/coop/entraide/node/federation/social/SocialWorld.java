package coop.entraide.node.federation.social;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import coop.entraide.node.Blocking;
import coop.entraide.node.Uris;
import coop.entraide.node.federation.delivery.ActorSigners;
import coop.entraide.node.federation.delivery.DeliveryQueue;
import coop.entraide.node.federation.delivery.DeliverySettings;
import coop.entraide.node.federation.fetch.FetchFailure;
import coop.entraide.node.federation.fetch.FetchRequest;
import coop.entraide.node.federation.fetch.FetchResult;
import coop.entraide.node.federation.inbox.ActivityHandler;
import coop.entraide.node.federation.inbox.ActivityHandler.Outcome;
import coop.entraide.node.federation.inbox.InboundActivity;
import coop.entraide.node.federation.policy.TestPostgres;
import coop.entraide.node.identity.Actor;
import coop.entraide.node.identity.IdentityService;
import coop.entraide.node.identity.Member;
import coop.entraide.node.identity.PasswordHasher;
import coop.entraide.node.identity.Role;
import coop.entraide.node.store.Database;
import coop.entraide.protocol.as.Activity;
import coop.entraide.protocol.as.AsJson;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A node's social side on a real, freshly migrated PostgreSQL, without HTTP: local actors made by
 * the identity service, remote actors inserted as the inbox would cache them, activities handed
 * to the handlers as the inbox worker would, and remote documents served from memory.
 */
final class SocialWorld implements AutoCloseable {
    static final String BASE = "https://voisins.example";
    private static final AtomicInteger NAMES = new AtomicInteger();

    final Vertx vertx;
    final Pool pool;
    final Uris uris = new Uris(URI.create(BASE));
    final IdentityService identity;
    final SocialContext social;
    final List<ActivityHandler> handlers;
    /** Documents the fake fetcher serves, by URL ({@code FAIL}: unknown host; {@code BUSY}: 503). */
    final Map<String, String> served = new ConcurrentHashMap<>();
    final List<String> fetched = new ArrayList<>();
    /** Hosts the domain policy refuses, for the object fetcher. */
    final java.util.Set<String> refusedHosts = ConcurrentHashMap.newKeySet();

    private SocialWorld() {
        vertx = Vertx.vertx();
        pool = Database.pool(vertx, TestPostgres.get().freshDatabase(), 4);
        identity = new IdentityService(vertx, pool, uris, new PasswordHasher());
        Clock clock = Clock.systemUTC();
        Publisher publisher = new Publisher(clock, new SigningKeys(), new DeliveryQueue(clock, DeliverySettings.DEFAULT));
        KnownActors actors = new KnownActors(pool, uris);
        RemoteObjects objects = new RemoteObjects(this::fetch, ActorSigners.UNSIGNED, uris.instanceActor(), actors, clock,
                authority -> refusedHosts.contains(authority));
        social = new SocialContext(uris, clock, publisher, actors, objects, () -> { });
        handlers = SocialHandlers.all(social);
        await(identity.prepareNode());
    }

    static SocialWorld start() {
        return new SocialWorld();
    }

    private Future<FetchResult> fetch(FetchRequest request) {
        String url = request.uri().toString();
        synchronized (fetched) {
            fetched.add(url);
        }
        String body = served.get(url);
        if (body == null) {
            return Future.succeededFuture(new FetchResult.HttpError(404, request.uri(), List.of(), new byte[0]));
        }
        if (body.equals("FAIL")) {
            return Future.succeededFuture(new FetchResult.Failed(FetchFailure.UNKNOWN_HOST, "test"));
        }
        if (body.equals("BUSY")) {
            return Future.succeededFuture(new FetchResult.HttpError(503, request.uri(), List.of(), new byte[0]));
        }
        return Future.succeededFuture(new FetchResult.Ok(200, request.uri(), List.of(), body.getBytes(StandardCharsets.UTF_8)));
    }

    <T> T await(Future<T> future) {
        return Blocking.await(future, 30, "test step");
    }

    static String unique(String prefix) {
        return prefix + NAMES.incrementAndGet();
    }

    Actor collective(boolean approvesFollowers) {
        String name = unique("collectif");
        return await(identity.createCollective(new IdentityService.NewCollective(name, null, null, approvesFollowers))).actor();
    }

    Member member(Actor collective, Role role) {
        String name = unique("membre");
        return await(identity.createMember(new IdentityService.NewMember(name, collective.username(), null, null, role, null)));
    }

    /** A remote actor as the inbox caches it. */
    Actor remote(String uri) {
        return remote(uri, null, null, null);
    }

    Actor remote(String uri, String multikeyId, String multibase, String rawJson) {
        URI u = URI.create(uri);
        Row row = await(pool.preparedQuery("""
                        INSERT INTO actors (uri, type, username, domain, inbox_uri, shared_inbox_uri, followers_uri,
                                            public_key_id, public_key_pem, multikey_id, public_key_multibase, raw, fetched_at)
                        VALUES ($1, 'Person', $2, $3, $4, $5, $6, $7, 'PEM', $8, $9, $10::jsonb, now())
                        RETURNING %s""".formatted(Actor.COLUMNS.replace("a.", "")))
                .execute(Tuple.from(new Object[] {uri, uri.substring(uri.lastIndexOf('/') + 1), u.getRawAuthority(),
                        uri + "/inbox", u.getScheme() + "://" + u.getRawAuthority() + "/inbox", uri + "/followers",
                        uri + "#main-key", multikeyId, multibase, rawJson == null ? null : new io.vertx.core.json.JsonObject(rawJson)})))
                .iterator().next();
        return Actor.fromRow(row);
    }

    /** A fresh remote actor on {@code host}. */
    Actor remoteOn(String host) {
        return remote("https://" + host + "/users/" + unique("u"));
    }

    /** A test resource with {@code {{name}}} placeholders replaced. */
    static String resource(String path, Map<String, String> values) {
        try (InputStream in = SocialWorld.class.getResourceAsStream("/federation/" + path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (Map.Entry<String, String> e : values.entrySet()) {
                text = text.replace("{{" + e.getKey() + "}}", e.getValue());
            }
            return text;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Outcome deliver(String resource, Map<String, String> values, Actor sender) {
        return deliver(resource(resource, values), sender);
    }

    /**
     * Hands the activity to the handlers of its type as the inbox worker does: each prepares it
     * outside the transaction, then the first whose writes do not ignore it decides.
     */
    Outcome deliver(String json, Actor sender) {
        return deliverBatch(List.of(new Sent(json, sender))).get(0);
    }

    /** An activity as its sender's server posts it. */
    record Sent(String json, Actor sender) {
    }

    /**
     * Hands activities to the handlers as the inbox worker does with one batch: each handler
     * prepares all of those of its types together, outside the transaction; then, in one
     * transaction, each activity in turn goes to its handlers until one does not ignore it, and
     * what the writes gathered is finished before the commit. Returns the outcomes, in order.
     */
    List<Outcome> deliverBatch(List<Sent> sent) {
        List<InboundActivity> batch = new ArrayList<>();
        for (Sent s : sent) {
            JsonNode body = AsJson.read(s.json()).orElseThrow();
            batch.add(new InboundActivity(batch.size(), Activity.parse(body).orElseThrow(), body, s.sender(), Optional.empty(), false));
        }
        List<List<ActivityHandler.Prepared>> prepared = new ArrayList<>();
        batch.forEach(in -> prepared.add(new ArrayList<>()));
        for (ActivityHandler h : handlers) {
            List<Integer> mine = new ArrayList<>();
            for (int i = 0; i < batch.size(); i++) {
                if (batch.get(i).activity().types().stream().anyMatch(h.types()::contains)) {
                    mine.add(i);
                }
            }
            if (mine.isEmpty()) {
                continue;
            }
            List<Future<ActivityHandler.Prepared>> futures = h.prepareAll(pool, mine.stream().map(batch::get).toList(), batch);
            for (int k = 0; k < mine.size(); k++) {
                prepared.get(mine.get(k)).add(await(futures.get(k)));
            }
        }
        return await(pool.withTransaction(tx -> {
            List<Outcome> outcomes = new ArrayList<>();
            Set<ActivityHandler.Gathered> gathered = Collections.newSetFromMap(new LinkedHashMap<>());
            Future<Void> chain = Future.succeededFuture();
            for (List<ActivityHandler.Prepared> writes : prepared) {
                chain = chain.compose(v -> offer(tx, writes, 0, gathered)).map(o -> {
                    outcomes.add(o);
                    return null;
                });
            }
            return chain.compose(v -> {
                Future<Void> finished = Future.succeededFuture();
                for (ActivityHandler.Gathered g : gathered) {
                    finished = finished.compose(x -> g.finish(tx));
                }
                return finished;
            }).map(v -> outcomes);
        }));
    }

    private static Future<Outcome> offer(SqlConnection tx, List<ActivityHandler.Prepared> writes, int index,
                                         Set<ActivityHandler.Gathered> gathered) {
        if (index == writes.size()) {
            return Future.succeededFuture(new Outcome.Ignored("no handler"));
        }
        ActivityHandler.Prepared p = writes.get(index);
        return p.write(tx).compose(o -> {
            if (p.gathered() != null) {
                gathered.add(p.gathered());
            }
            return o instanceof Outcome.Ignored && index + 1 < writes.size() ? offer(tx, writes, index + 1, gathered)
                    : Future.succeededFuture(o);
        });
    }

    long count(String sql, Object... params) {
        return await(pool.preparedQuery(sql).execute(Tuple.from(params))).iterator().next().getLong(0);
    }

    Row one(String sql, Object... params) {
        var it = await(pool.preparedQuery(sql).execute(Tuple.from(params))).iterator();
        return it.hasNext() ? it.next() : null;
    }

    ObjectNode json(String text) {
        return (ObjectNode) AsJson.read(text).orElseThrow();
    }

    @Override
    public void close() {
        Blocking.await(pool.close(), 10, "closing the pool");
        Blocking.await(vertx.close(), 10, "closing vert.x");
    }
}
