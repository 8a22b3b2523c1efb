package coop.entraide.node.federation.social;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** Web origins (scheme, host, port) of ids, for the same-origin rule of FEP-fe34. */
final class Origins {
    private Origins() {
    }

    static Optional<String> of(String id) {
        if (id == null) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(id);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
            int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Both are web URIs of one origin. */
    static boolean same(String a, String b) {
        Optional<String> oa = of(a);
        return oa.isPresent() && oa.equals(of(b));
    }
}
