package coop.entraide.node.federation.fetch;

import coop.entraide.protocol.sig.HttpMessage;
import coop.entraide.protocol.sig.HttpMessage.Header;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/** One fetch from first request to final response, redirects included, under one deadline. */
final class Exchange {
    private static final int MAX_REDIRECT_BODY = 64 * 1024;

    /** The next request of the chain; {@code resent} once its signer has asked to sign it again. */
    private record Hop(String method, URI uri, byte[] body, int redirects, boolean resent) {
        Hop(String method, URI uri, byte[] body, int redirects) {
            this(method, uri, body, redirects, false);
        }

        Hop again() {
            return new Hop(method, uri, body, redirects, true);
        }
    }

    /** The headers a hop is sent with, and, when signed, the request before signing and what the signer added. */
    private record Outgoing(List<Header> headers, HttpMessage unsigned, List<Header> added) {
    }

    /** Ends the chain early with a known failure. */
    private static final class Stop extends RuntimeException {
        final FetchResult.Failed failure;

        Stop(FetchFailure reason, String detail) {
            super(detail, null, false, false);
            this.failure = new FetchResult.Failed(reason, detail);
        }
    }

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final SafeFetcher.Settings settings;
    private final FetchRequest request;
    private final FetchLimits limits;
    private final Promise<FetchResult> result = Promise.promise();
    private final AtomicReference<HttpClientRequest> inFlight = new AtomicReference<>();

    Exchange(Vertx vertx, HttpClientAgent client, SafeFetcher.Settings settings, FetchRequest request) {
        this.vertx = vertx;
        this.client = client;
        this.settings = settings;
        this.request = request;
        this.limits = request.limits();
    }

    Future<FetchResult> run() {
        long timer = vertx.setTimer(Math.max(1, limits.deadline().toMillis()), id -> expire());
        perform(new Hop(request.method(), request.uri(), request.body(), 0))
                .onSuccess(result::tryComplete)
                .onFailure(e -> result.tryComplete(failureOf(e)));
        return result.future().onComplete(r -> vertx.cancelTimer(timer));
    }

    private void expire() {
        if (result.tryComplete(new FetchResult.Failed(FetchFailure.TIMEOUT,
                "no complete response within " + limits.deadline().toMillis() + " ms"))) {
            HttpClientRequest current = inFlight.get();
            if (current != null) {
                current.reset(0, new TimeoutException("deadline"));
            }
        }
    }

    private Future<FetchResult> perform(Hop hop) {
        if (result.future().isComplete()) {
            return Future.failedFuture(new Stop(FetchFailure.TIMEOUT, "deadline passed"));
        }
        Optional<Target> parsed = Target.parse(hop.uri());
        if (parsed.isEmpty()) {
            return Future.failedFuture(new Stop(FetchFailure.BAD_URL, "not a fetchable http(s) URL: " + hop.uri()));
        }
        Target target = parsed.get();
        return resolveChecked(target)
                .compose(address -> headersFor(hop, target)
                        .compose(headers -> send(hop, target, address, headers)));
    }

    /** Resolves the host once and checks every address it has; the first is the one used. */
    private Future<InetAddress> resolveChecked(Target target) {
        return settings.resolver().resolve(target.host())
                .recover(e -> Future.failedFuture(e instanceof UnknownHostException
                        ? new Stop(FetchFailure.UNKNOWN_HOST, "cannot resolve " + target.host())
                        : e))
                .compose(addresses -> {
                    if (addresses.isEmpty()) {
                        return Future.failedFuture(new Stop(FetchFailure.UNKNOWN_HOST, "no address for " + target.host()));
                    }
                    for (InetAddress address : addresses) {
                        if (!settings.policy().permits(address)) {
                            return Future.failedFuture(new Stop(FetchFailure.BLOCKED_ADDRESS, target.host() + " resolves to "
                                    + address.getHostAddress() + " (" + AddressClassifier.classify(address) + ")"));
                        }
                    }
                    return Future.succeededFuture(addresses.get(0));
                });
    }

    /** The request's headers, the hop's {@code Host}, and the signature for this very hop. */
    private Future<Outgoing> headersFor(Hop hop, Target target) {
        List<Header> headers = new ArrayList<>();
        headers.add(new Header("Host", target.authority()));
        boolean hasUserAgent = false;
        for (Header h : request.headers()) {
            if (h.name().equalsIgnoreCase("Host")) {
                continue;
            }
            hasUserAgent |= h.name().equalsIgnoreCase("User-Agent");
            headers.add(h);
        }
        if (!hasUserAgent) {
            headers.add(new Header("User-Agent", settings.userAgent()));
        }
        RequestSigner signer = request.signer();
        if (signer == RequestSigner.NONE) {
            return Future.succeededFuture(new Outgoing(headers, null, List.of()));
        }
        HttpMessage unsigned = HttpMessage.request(hop.method(), hop.uri(), headers, hop.body());
        return vertx.executeBlocking(() -> signer.sign(unsigned), false)
                .recover(e -> Future.failedFuture(new Stop(FetchFailure.SIGNING_FAILED, "signing failed: " + e)))
                .map(added -> {
                    List<Header> signed = new ArrayList<>(headers);
                    signed.addAll(added);
                    return new Outgoing(signed, unsigned, added);
                });
    }

    /**
     * Sends the hop and reads its answer. The response's handlers are set in the very callback
     * that delivers the response, on the exchange's context: set in a callback chained further
     * down, they could come after the end of a short response had already gone by, and the
     * exchange would wait for it until its deadline.
     */
    private Future<FetchResult> send(Hop hop, Target target, InetAddress address, Outgoing outgoing) {
        MultiMap map = MultiMap.caseInsensitiveMultiMap();
        for (Header h : outgoing.headers()) {
            map.add(h.name(), h.value());
        }
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(hop.method()))
                // Connect to the checked address; Host and the TLS server name still name the host.
                .setServer(SocketAddress.inetSocketAddress(target.port(), address.getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.https())
                .setURI(target.pathAndQuery())
                .setHeaders(map)
                .setFollowRedirects(false)
                .setConnectTimeout(limits.connectTimeout().toMillis())
                .setIdleTimeout(limits.readTimeout().toMillis());
        return client.request(options).compose(req -> {
            inFlight.set(req);
            if (result.future().isComplete()) {
                req.reset();
                return Future.failedFuture(new Stop(FetchFailure.TIMEOUT, "deadline passed"));
            }
            Future<HttpClientResponse> sent = hop.body().length == 0 && !hop.method().equals("POST") && !hop.method().equals("PUT")
                    ? req.send()
                    : req.send(Buffer.buffer(hop.body()));
            return sent.compose(response -> answer(hop, target, response, outgoing));
        });
    }

    private Future<FetchResult> answer(Hop hop, Target target, HttpClientResponse response, Outgoing outgoing) {
        int status = response.statusCode();
        String location = response.getHeader("Location");
        if (isRedirect(status) && location != null) {
            Optional<Hop> next = redirect(hop, status);
            if (next.isPresent()) {
                return readBody(response, Math.min(MAX_REDIRECT_BODY, limits.maxBodyBytes()))
                        .compose(ignored -> follow(next.get(), target, location));
            }
        }
        List<Header> headers = headersOf(response);
        // The signer hears every answer, a resent request's too (it learns from a second refusal),
        // but a request is sent again once at most.
        if (outgoing.unsigned() != null
                && request.signer().answered(outgoing.unsigned(), outgoing.added(), status, headers) && !hop.resent()) {
            return readBody(response, Math.min(MAX_REDIRECT_BODY, limits.maxBodyBytes()))
                    .compose(ignored -> perform(hop.again()));
        }
        return readBody(response, limits.maxBodyBytes()).map(body -> {
            return status >= 200 && status < 300
                    ? new FetchResult.Ok(status, hop.uri(), headers, body)
                    : new FetchResult.HttpError(status, hop.uri(), headers, body);
        });
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * 307 and 308 repeat the request as it was. 301, 302 and 303 turn a GET into a GET; any other
     * method is not followed, since turning a delivery POST into a GET would silently lose it.
     */
    private static Optional<Hop> redirect(Hop hop, int status) {
        if (status == 307 || status == 308) {
            return Optional.of(hop);
        }
        if (hop.method().equals("GET") || hop.method().equals("HEAD")) {
            return Optional.of(new Hop(hop.method(), hop.uri(), new byte[0], hop.redirects()));
        }
        return Optional.empty();
    }

    private Future<FetchResult> follow(Hop next, Target from, String location) {
        if (next.redirects() >= limits.maxRedirects()) {
            return Future.failedFuture(new Stop(FetchFailure.TOO_MANY_REDIRECTS,
                    "more than " + limits.maxRedirects() + " redirects, last to " + location));
        }
        Optional<URI> uri = from.resolve(location);
        if (uri.isEmpty()) {
            return Future.failedFuture(new Stop(FetchFailure.BAD_URL, "unusable redirect location " + location));
        }
        return perform(new Hop(next.method(), uri.get(), next.body(), next.redirects() + 1));
    }

    /** Reads the body, cutting the connection as soon as it exceeds {@code max} bytes. */
    private Future<byte[]> readBody(HttpClientResponse response, int max) {
        Promise<byte[]> body = Promise.promise();
        String declared = response.getHeader("Content-Length");
        if (declared != null && declaredLength(declared) > max) {
            response.request().reset();
            return Future.failedFuture(new Stop(FetchFailure.TOO_LARGE, "declared " + declared.trim() + " bytes, limit " + max));
        }
        Buffer received = Buffer.buffer();
        response.handler(chunk -> {
            if (received.length() + chunk.length() > max) {
                if (body.tryFail(new Stop(FetchFailure.TOO_LARGE, "more than " + max + " bytes"))) {
                    response.request().reset();
                }
                return;
            }
            received.appendBuffer(chunk);
        });
        response.exceptionHandler(body::tryFail);
        response.endHandler(v -> body.tryComplete(received.getBytes()));
        return body.future();
    }

    private static long declaredLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<Header> headersOf(HttpClientResponse response) {
        List<Header> headers = new ArrayList<>();
        for (Map.Entry<String, String> e : response.headers()) {
            headers.add(new Header(e.getKey(), e.getValue()));
        }
        return headers;
    }

    private static FetchResult.Failed failureOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof Stop stop) {
                return stop.failure;
            }
            if (t instanceof TimeoutException || t instanceof ConnectTimeoutException) {
                return new FetchResult.Failed(FetchFailure.TIMEOUT, String.valueOf(t.getMessage()));
            }
            if (t instanceof UnknownHostException) {
                return new FetchResult.Failed(FetchFailure.UNKNOWN_HOST, String.valueOf(t.getMessage()));
            }
        }
        return new FetchResult.Failed(FetchFailure.CONNECTION_FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
}
