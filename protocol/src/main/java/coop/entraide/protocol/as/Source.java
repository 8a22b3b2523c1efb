package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Objects;

/**
 * What the author typed, before rendering to HTML (ActivityPub §3.3 {@code source}): Lemmy's
 * Markdown, Misskey's MFM ({@code _misskey_content}), Pleroma's plain string.
 *
 * @param mediaType {@code null} when the sender gave a bare string
 */
public record Source(String content, String mediaType) {

    public Source {
        Objects.requireNonNull(content, "content");
    }

    public boolean isMisskeyMarkdown() {
        return Misskey.MFM_MEDIA_TYPE.equals(mediaType);
    }

    JsonNode toJson() {
        if (mediaType == null) {
            return TextNode.valueOf(content);
        }
        ObjectNode out = JsonOut.NODES.objectNode();
        out.put(As.CONTENT, content);
        out.put(As.MEDIA_TYPE, mediaType);
        return out;
    }

    /** {@code source}, else Misskey's {@code _misskey_content}; {@code null} when neither is sent. */
    static Source from(ObjectNode node) throws Normalize.Malformed {
        JsonNode source = node.get(As.SOURCE);
        if (!Normalize.absent(source)) {
            if (source.isTextual()) {
                return new Source(source.textValue(), null);
            }
            ObjectNode object = Normalize.object(source, As.SOURCE);
            try {
                String content = Normalize.text(object, As.CONTENT);
                if (content == null) {
                    throw new Normalize.Malformed(As.CONTENT, "missing");
                }
                return new Source(content, Normalize.text(object, As.MEDIA_TYPE));
            } catch (Normalize.Malformed e) {
                throw e.within(As.SOURCE);
            }
        }
        String misskey = Normalize.text(node, Misskey.CONTENT);
        return misskey == null ? null : new Source(misskey, Misskey.MFM_MEDIA_TYPE);
    }
}
