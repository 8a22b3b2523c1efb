package coop.entraide.node.federation.delivery;

import coop.entraide.node.federation.fetch.LoopbackServer;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** A recording inbox server on 127.0.0.1: answers with a programmable status, remembers every POST. */
final class Sink implements AutoCloseable {
    /** One request as it arrived. */
    record Received(String path, String body, String contentType, String signature) {
    }

    /** A reply: status and optional Retry-After. */
    record Reply(int status, String retryAfter) {
        static Reply of(int status) {
            return new Reply(status, null);
        }
    }

    private final LoopbackServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();
    private volatile IntFunction<Reply> replies = n -> Reply.of(202);
    private volatile long delayMillis;

    Sink(Vertx vertx) {
        server = LoopbackServer.start(vertx, "127.0.0.1", req -> handle(vertx, req));
    }

    private void handle(Vertx vertx, HttpServerRequest req) {
        int now = concurrent.incrementAndGet();
        maxConcurrent.accumulateAndGet(now, Math::max);
        req.body().onSuccess(body -> {
            int n = received.size();
            received.add(new Received(req.path(), body.toString(StandardCharsets.UTF_8),
                    req.getHeader("Content-Type"), req.getHeader("Signature")));
            Reply reply = replies.apply(n);
            Runnable answer = () -> {
                concurrent.decrementAndGet();
                if (reply.retryAfter() != null) {
                    req.response().putHeader("Retry-After", reply.retryAfter());
                }
                req.response().setStatusCode(reply.status()).end();
            };
            if (delayMillis > 0) {
                vertx.setTimer(delayMillis, id -> answer.run());
            } else {
                answer.run();
            }
        });
    }

    /** Replies by the number of the request (0 for the first). */
    Sink replying(IntFunction<Reply> newReplies) {
        this.replies = newReplies;
        return this;
    }

    Sink delaying(long millis) {
        this.delayMillis = millis;
        return this;
    }

    URI inbox(String path) {
        return server.uri(path);
    }

    String host() {
        return "127.0.0.1:" + server.port();
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    int count() {
        return received.size();
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    @Override
    public void close() {
        server.close();
    }
}
