package coop.entraide.protocol.sig.rfc9421;

import coop.entraide.protocol.sig.HttpMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the HTTP/1.1 messages printed in the RFCs (after RFC 8792 unwrapping) into
 * {@link HttpMessage}s, so that test messages stay verbatim.
 */
final class HttpText {

    private HttpText() {
    }

    /** A request; the target URI is {@code https://<Host><request-target>}. */
    static HttpMessage request(String text) {
        Parts p = split(text);
        String[] requestLine = p.startLine.split(" ");
        String host = header(p.headers, "Host");
        return HttpMessage.request(requestLine[0], URI.create("https://" + host + requestLine[1]), p.headers, p.body);
    }

    /** A response to a request for {@code requestTarget}. */
    static HttpMessage response(String text, URI requestTarget) {
        Parts p = split(text);
        int status = Integer.parseInt(p.startLine.split(" ")[1]);
        return HttpMessage.response(status, requestTarget, p.headers, p.body);
    }

    private record Parts(String startLine, List<HttpMessage.Header> headers, byte[] body) {
    }

    private static Parts split(String text) {
        String unwrapped = Rfc8792.unwrap(text);
        int blank = unwrapped.indexOf("\n\n");
        String head = blank < 0 ? unwrapped : unwrapped.substring(0, blank);
        byte[] body = blank < 0 ? new byte[0] : unwrapped.substring(blank + 2).getBytes(StandardCharsets.UTF_8);
        String[] lines = head.split("\n");
        List<HttpMessage.Header> headers = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.add(new HttpMessage.Header(lines[i].substring(0, colon), lines[i].substring(colon + 1).strip()));
        }
        return new Parts(lines[0], headers, body);
    }

    private static String header(List<HttpMessage.Header> headers, String name) {
        return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).findFirst().orElseThrow().value();
    }
}
