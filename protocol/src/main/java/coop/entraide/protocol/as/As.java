package coop.entraide.protocol.as;

import java.util.Set;

/**
 * ActivityStreams 2.0 vocabulary (W3C AS2 Vocabulary, ActivityPub §3–§5): type names, property
 * names and the Public collection.
 */
public final class As {

    /** The context document every ActivityPub payload names first. */
    public static final String CONTEXT = "https://www.w3.org/ns/activitystreams";
    /** Namespace of the terms: {@code NS + "Note"} is the full IRI of a Note. */
    public static final String NS = CONTEXT + "#";

    /** The special collection meaning "everyone" (ActivityPub §5.6). */
    public static final String PUBLIC = NS + "Public";
    /** Compacted forms that servers send instead of {@link #PUBLIC}; Mastodon accepts all three. */
    public static final Set<String> PUBLIC_ALIASES = Set.of(PUBLIC, "as:Public", "Public");

    // Object types
    public static final String OBJECT = "Object";
    public static final String NOTE = "Note";
    public static final String ARTICLE = "Article";
    public static final String PAGE = "Page";
    public static final String EVENT = "Event";
    public static final String QUESTION = "Question";
    public static final String DOCUMENT = "Document";
    public static final String IMAGE = "Image";
    public static final String AUDIO = "Audio";
    public static final String VIDEO = "Video";
    public static final String PLACE = "Place";
    public static final String TOMBSTONE = "Tombstone";
    public static final String LINK = "Link";
    public static final String MENTION = "Mention";
    public static final String COLLECTION = "Collection";
    public static final String ORDERED_COLLECTION = "OrderedCollection";
    public static final String COLLECTION_PAGE = "CollectionPage";
    public static final String ORDERED_COLLECTION_PAGE = "OrderedCollectionPage";

    // Actor types
    public static final String PERSON = "Person";
    public static final String GROUP = "Group";
    public static final String APPLICATION = "Application";
    public static final String SERVICE = "Service";
    public static final String ORGANIZATION = "Organization";
    /** The actor types Mastodon accepts ({@code FetchRemoteAccountService::SUPPORTED_TYPES}). */
    public static final Set<String> ACTOR_TYPES = Set.of(PERSON, GROUP, APPLICATION, SERVICE, ORGANIZATION);

    // Activity types
    public static final String CREATE = "Create";
    public static final String UPDATE = "Update";
    public static final String DELETE = "Delete";
    public static final String FOLLOW = "Follow";
    public static final String ACCEPT = "Accept";
    public static final String REJECT = "Reject";
    public static final String UNDO = "Undo";
    public static final String ANNOUNCE = "Announce";
    public static final String LIKE = "Like";
    public static final String FLAG = "Flag";
    public static final String BLOCK = "Block";
    public static final String MOVE = "Move";
    public static final String ADD = "Add";
    public static final String REMOVE = "Remove";
    public static final String OFFER = "Offer";
    public static final String JOIN = "Join";
    public static final String LEAVE = "Leave";

    // Properties
    public static final String ID = "id";
    public static final String TYPE = "type";
    public static final String ACTOR = "actor";
    public static final String OBJECT_PROPERTY = "object";
    public static final String TARGET = "target";
    public static final String ORIGIN = "origin";
    public static final String RESULT = "result";
    public static final String ATTRIBUTED_TO = "attributedTo";
    public static final String TO = "to";
    public static final String CC = "cc";
    public static final String BTO = "bto";
    public static final String BCC = "bcc";
    public static final String AUDIENCE = "audience";
    public static final String CONTENT = "content";
    public static final String CONTENT_MAP = "contentMap";
    public static final String MEDIA_TYPE = "mediaType";
    public static final String SOURCE = "source";
    public static final String SUMMARY = "summary";
    public static final String NAME = "name";
    public static final String URL = "url";
    public static final String HREF = "href";
    public static final String REL = "rel";
    public static final String IN_REPLY_TO = "inReplyTo";
    public static final String PUBLISHED = "published";
    public static final String UPDATED = "updated";
    public static final String ATTACHMENT = "attachment";
    public static final String TAG = "tag";
    public static final String ICON = "icon";
    public static final String IMAGE_PROPERTY = "image";
    public static final String WIDTH = "width";
    public static final String HEIGHT = "height";
    public static final String PREFERRED_USERNAME = "preferredUsername";
    public static final String INBOX = "inbox";
    public static final String OUTBOX = "outbox";
    public static final String FOLLOWERS = "followers";
    public static final String FOLLOWING = "following";
    public static final String ENDPOINTS = "endpoints";
    public static final String SHARED_INBOX = "sharedInbox";

    private As() {
    }

    /** Whether {@code id} names the Public collection, in any of the forms servers use. */
    public static boolean isPublic(String id) {
        return id != null && PUBLIC_ALIASES.contains(id);
    }
}
