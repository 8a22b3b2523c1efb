package coop.entraide.protocol.sig.cavage;

import coop.entraide.protocol.sig.FailureReason;
import coop.entraide.protocol.sig.HttpMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The signing string of draft-cavage-http-signatures-12 §2.3: one {@code name: value} line per
 * covered header, in the order of the {@code headers} parameter, joined by LF without a trailing one.
 *
 * <p>Names are lower case; several values of one header are joined with {@code ", "} in message
 * order; each value is trimmed. {@code (request-target)} is the lower-case method, a space, and
 * the path with its query.
 */
final class SigningString {

    static final String REQUEST_TARGET = "(request-target)";
    static final String CREATED = "(created)";
    static final String EXPIRES = "(expires)";

    private SigningString() {
    }

    /** Either the bytes to sign or verify, or the covered component that the message lacks. */
    sealed interface Outcome {
    }

    record Built(byte[] bytes) implements Outcome {
    }

    record Missing(Rejection rejection) implements Outcome {
    }

    /**
     * @param includeQuery whether {@code (request-target)} keeps the query: false only for the
     *                     legacy form that Mastodon still accepts
     */
    static Outcome build(HttpMessage message, List<String> headers, Optional<Instant> created,
            Optional<Instant> expires, boolean includeQuery) {
        StringBuilder out = new StringBuilder(256);
        for (String name : headers) {
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(name).append(": ");
            switch (name) {
                case REQUEST_TARGET -> {
                    if (!message.isRequest()) {
                        return missing("(request-target) needs a request");
                    }
                    out.append(requestTarget(message.method(), message.target(), includeQuery));
                }
                case CREATED -> {
                    if (created.isEmpty()) {
                        return missing("(created) is covered but the created parameter is absent");
                    }
                    out.append(seconds(created.get()));
                }
                case EXPIRES -> {
                    if (expires.isEmpty()) {
                        return missing("(expires) is covered but the expires parameter is absent");
                    }
                    out.append(seconds(expires.get()));
                }
                default -> {
                    List<String> values = message.headerValues(name);
                    if (values.isEmpty()) {
                        return missing("covered header " + Shorten.of(name) + " is absent");
                    }
                    for (int i = 0; i < values.size(); i++) {
                        if (i > 0) {
                            out.append(", ");
                        }
                        out.append(values.get(i).trim());
                    }
                }
            }
        }
        return new Built(out.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String requestTarget(String method, URI target, boolean includeQuery) {
        String path = target.getRawPath();
        StringBuilder out = new StringBuilder(method.toLowerCase(Locale.ROOT)).append(' ')
                .append(path == null || path.isEmpty() ? "/" : path);
        if (includeQuery && target.getRawQuery() != null) {
            out.append('?').append(target.getRawQuery());
        }
        return out.toString();
    }

    private static String seconds(Instant instant) {
        return Long.toString(instant.getEpochSecond());
    }

    private static Missing missing(String detail) {
        return new Missing(new Rejection(FailureReason.MISSING_COMPONENT, detail));
    }
}
