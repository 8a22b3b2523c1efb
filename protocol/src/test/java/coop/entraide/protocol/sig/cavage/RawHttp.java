package coop.entraide.protocol.sig.cavage;

import coop.entraide.protocol.sig.HttpMessage;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a request as it travels on the wire (request line, headers, blank line, body) from a
 * test resource; leading {@code #} lines describe the sample and are skipped.
 */
final class RawHttp {

    private RawHttp() {
    }

    static HttpMessage request(String resourcePath) {
        String text = TestKeys.resource(resourcePath);
        int split = text.indexOf("\n\n");
        String head = text.substring(0, split);
        byte[] body = text.substring(split + 2).getBytes(StandardCharsets.UTF_8);
        List<String> lines = new ArrayList<>(List.of(head.split("\n")));
        lines.removeIf(line -> line.startsWith("#"));
        String[] requestLine = lines.remove(0).split(" ");
        List<HttpMessage.Header> headers = new ArrayList<>();
        String host = null;
        for (String line : lines) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon);
            String value = line.substring(colon + 1).trim();
            headers.add(new HttpMessage.Header(name, value));
            if (name.equalsIgnoreCase("Host")) {
                host = value;
            }
        }
        return HttpMessage.request(requestLine[0], URI.create("https://" + host + requestLine[1]), headers, body);
    }
}
