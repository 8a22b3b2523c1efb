package coop.entraide.protocol.as;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One entry of {@code attachment} (AS2 Vocabulary §4): media on posts, {@code PropertyValue}
 * profile fields and payment links (FEP-0ea0) on actors; anything else is kept as sent.
 */
public sealed interface Attachment permits Media, Link, PropertyValue, Attachment.Other {

    JsonNode toJson();

    /** An attachment of a type this vocabulary does not model, kept verbatim. */
    record Other(JsonNode node) implements Attachment {
        public Other {
            node = node.deepCopy();
        }

        @Override
        public JsonNode node() {
            return node.deepCopy();
        }

        @Override
        public JsonNode toJson() {
            return node.deepCopy();
        }
    }

    static Attachment from(JsonNode element) throws Normalize.Malformed {
        if (element.isTextual()) {
            return new Other(element); // an id: the node may fetch it
        }
        if (!element.isObject()) {
            throw new Normalize.Malformed("", "expected an attachment, got " + Normalize.kind(element));
        }
        List<String> types = Normalize.typesOf(element);
        ObjectNode object = (ObjectNode) element;
        if (types.stream().anyMatch(Media.TYPES::contains)) {
            return Media.from(object);
        }
        if (types.contains(Toot.PROPERTY_VALUE)) {
            return PropertyValue.from(object);
        }
        if (types.contains(As.LINK)) {
            return Link.from(object);
        }
        return new Other(element);
    }
}
