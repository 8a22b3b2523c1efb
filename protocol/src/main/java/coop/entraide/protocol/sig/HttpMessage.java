package coop.entraide.protocol.sig;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A plain HTTP request (or response) as seen by a signer or a verifier: no server, no socket.
 *
 * <p>Header names are compared case-insensitively; a header may occur several times, in order.
 * {@code body} is the exact bytes on the wire (empty for GET). For a response, {@code method} is
 * {@code null}, {@code status} is set, and {@code target} is the request's target URI.
 */
public record HttpMessage(String method, URI target, int status, List<Header> headers, byte[] body) {

    /** One header line, name as received. */
    public record Header(String name, String value) {
        public Header {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    public HttpMessage {
        Objects.requireNonNull(target, "target");
        headers = List.copyOf(headers);
        body = body == null ? new byte[0] : body.clone();
    }

    public static HttpMessage request(String method, URI target, List<Header> headers, byte[] body) {
        return new HttpMessage(Objects.requireNonNull(method, "method"), target, 0, headers, body);
    }

    public static HttpMessage response(int status, URI requestTarget, List<Header> headers, byte[] body) {
        return new HttpMessage(null, requestTarget, status, headers, body);
    }

    public boolean isRequest() {
        return method != null;
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    /** All values of a header, in order; empty when absent. */
    public List<String> headerValues(String name) {
        List<String> values = new ArrayList<>();
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    /** The first value of a header. */
    public Optional<String> header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    /** A copy with one more header appended. */
    public HttpMessage withHeader(String name, String value) {
        List<Header> copy = new ArrayList<>(headers);
        copy.add(new Header(name, value));
        return new HttpMessage(method, target, status, copy, body);
    }

    /** A copy where every header of this name is replaced by one with the given value. */
    public HttpMessage withReplacedHeader(String name, String value) {
        List<Header> copy = new ArrayList<>();
        for (Header h : headers) {
            if (!h.name().equalsIgnoreCase(name)) {
                copy.add(h);
            }
        }
        copy.add(new Header(name, value));
        return new HttpMessage(method, target, status, copy, body);
    }

    /** Lower-case form used for comparisons and signature bases. */
    public static String canonicalName(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HttpMessage m
                && Objects.equals(method, m.method)
                && target.equals(m.target)
                && status == m.status
                && headers.equals(m.headers)
                && Arrays.equals(body, m.body);
    }

    @Override
    public int hashCode() {
        return Objects.hash(method, target, status, headers, Arrays.hashCode(body));
    }

    @Override
    public String toString() {
        return (isRequest() ? method + " " + target : status + " for " + target)
                + " " + headers.size() + " headers, " + body.length + " bytes";
    }
}
