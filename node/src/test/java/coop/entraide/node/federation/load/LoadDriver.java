package coop.entraide.node.federation.load;

import coop.entraide.protocol.sig.HttpMessage;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends prepared requests to one server at a fixed concurrency over kept-alive HTTP/1.1
 * connections: each of {@code concurrency} lanes sends its next request when the previous one is
 * answered. Stops after the last request or when {@code maxTime} has passed, whichever is first,
 * and reports what came back and how long it took.
 */
public final class LoadDriver {

    /** Latencies in microseconds, statuses counted (0 for a request that got no answer). */
    public record Report(int sent, long elapsedNanos, long[] latencyMicros, Map<Integer, Integer> statuses) {
        public int count(int status) {
            return statuses.getOrDefault(status, 0);
        }

        public double perSecond(int status) {
            return count(status) / (elapsedNanos / 1e9);
        }

        /** The {@code p}-th percentile (0-100) of the latencies, in milliseconds. */
        public double percentileMillis(double p) {
            if (latencyMicros.length == 0) {
                return 0;
            }
            int index = (int) Math.ceil(p / 100.0 * latencyMicros.length) - 1;
            return latencyMicros[Math.max(0, Math.min(latencyMicros.length - 1, index))] / 1000.0;
        }

        public String summary(int expectedStatus) {
            return String.format("%d sent in %.2f s: %d answered %d (%.0f/s); latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms; statuses %s",
                    sent, elapsedNanos / 1e9, count(expectedStatus), expectedStatus, perSecond(expectedStatus),
                    percentileMillis(50), percentileMillis(90), percentileMillis(99), percentileMillis(100), statuses);
        }
    }

    private final Vertx vertx;
    private final String host;
    private final int port;
    private final int concurrency;

    public LoadDriver(Vertx vertx, String host, int port, int concurrency) {
        this.vertx = vertx;
        this.host = host;
        this.port = port;
        this.concurrency = concurrency;
    }

    /** Sends every request once (in order, spread over the lanes); blocks until done. */
    public Report run(List<HttpMessage> requests, Duration maxTime) {
        HttpClientAgent client = vertx.createHttpClient(new HttpClientOptions()
                        .setKeepAlive(true)
                        .setPipelining(false)
                        .setDefaultHost(host)
                        .setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(concurrency));
        try {
            long[] latencies = new long[requests.size()];
            int[] statuses = new int[requests.size()];
            AtomicInteger next = new AtomicInteger();
            long deadline = System.nanoTime() + maxTime.toNanos();
            long started = System.nanoTime();
            Promise<Void> finished = Promise.promise();
            AtomicInteger lanes = new AtomicInteger(concurrency);
            for (int i = 0; i < concurrency; i++) {
                vertx.runOnContext(v -> lane(client, requests, next, latencies, statuses, deadline, () -> {
                    if (lanes.decrementAndGet() == 0) {
                        finished.complete();
                    }
                }));
            }
            finished.future().await();
            long elapsed = System.nanoTime() - started;
            int sent = Math.min(next.get(), requests.size());
            Map<Integer, Integer> counted = new TreeMap<>();
            for (int i = 0; i < sent; i++) {
                counted.merge(statuses[i], 1, Integer::sum);
            }
            long[] answered = Arrays.copyOf(latencies, sent);
            Arrays.sort(answered);
            return new Report(sent, elapsed, answered, counted);
        } finally {
            client.close().await();
        }
    }

    private void lane(HttpClientAgent client, List<HttpMessage> requests, AtomicInteger next, long[] latencies,
                      int[] statuses, long deadline, Runnable done) {
        int i = next.getAndIncrement();
        if (i >= requests.size() || System.nanoTime() > deadline) {
            done.run();
            return;
        }
        HttpMessage message = requests.get(i);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        message.headers().forEach(h -> headers.add(h.name(), h.value()));
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(message.method()))
                .setURI(message.target().getRawPath())
                .setHeaders(headers)
                .setTimeout(30_000);
        long sent = System.nanoTime();
        client.request(options)
                .compose(req -> req.send(Buffer.buffer(message.body())).compose(resp -> resp.body().map(b -> resp.statusCode())))
                .recover(e -> Future.succeededFuture(0))
                .onComplete(ar -> {
                    latencies[i] = (System.nanoTime() - sent) / 1000;
                    statuses[i] = ar.result();
                    lane(client, requests, next, latencies, statuses, deadline, done);
                });
    }
}
