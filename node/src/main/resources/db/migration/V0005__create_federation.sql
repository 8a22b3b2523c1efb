-- Federation: what arrives in our inboxes, who follows whom, the objects we publish and the ones
-- we keep from others, and what remote actors do to them (likes, boosts, reports, blocks).

-- Actors move (Move, FEP-7628) and list their former accounts; followers migrate with them.
ALTER TABLE actors ADD COLUMN moved_to_uri text;
ALTER TABLE actors ADD COLUMN also_known_as text[] NOT NULL DEFAULT '{}';

-- Every activity received in an inbox, stored before it is processed: the inbox answers 202 as
-- soon as this row exists, and a worker does the rest. `dedupe_key` is the activity id, or a hash of
-- the body for the rare activity without one; a second delivery of the same activity finds the
-- row and changes nothing. Processing is leased like delivery jobs, so a crash never loses work.
CREATE TABLE inbox_activities (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    dedupe_key      text NOT NULL,
    activity_uri    text,
    actor_uri       text NOT NULL,
    type            text NOT NULL,
    body            jsonb NOT NULL,
    -- How the sender was authenticated: 'draft-cavage-12', 'rfc9421' or 'fep-8b32'.
    verified_by     text NOT NULL,
    -- The local actor whose inbox received it; NULL for the shared inbox.
    inbox_owner_id  bigint REFERENCES actors (id) ON DELETE SET NULL,
    received_at     timestamptz NOT NULL DEFAULT now(),
    state           text NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'processed', 'ignored', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    leased_until    timestamptz,
    processed_at    timestamptz,
    error           text,
    CONSTRAINT inbox_activities_dedupe_key UNIQUE (dedupe_key)
);
CREATE INDEX inbox_activities_due ON inbox_activities (next_attempt_at) WHERE state = 'pending';
CREATE INDEX inbox_activities_finished ON inbox_activities (processed_at) WHERE state <> 'pending';

-- Who follows whom, in both directions (a local actor following a remote one, a remote actor
-- following a local one, and local to local). A Reject or an Undo deletes the row.
CREATE TABLE follows (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    follower_id  bigint NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    followed_id  bigint NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    state        text NOT NULL CHECK (state IN ('pending', 'accepted')),
    -- The id of the Follow activity, ours or theirs: Accept, Reject and Undo refer to it.
    activity_uri text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    accepted_at  timestamptz,
    CONSTRAINT follows_pair UNIQUE (follower_id, followed_id),
    CONSTRAINT follows_activity UNIQUE (activity_uri),
    CONSTRAINT follows_not_self CHECK (follower_id <> followed_id)
);
CREATE INDEX follows_followed ON follows (followed_id, state);

-- Objects of the fediverse we hold: our own (notes, offers, campaigns…) and remote ones that
-- reached us (from followed actors, replies to ours, announced by groups we follow). Offers and
-- campaigns keep their own tables and point here for their federated form.
--
-- `document` is the object exactly as published or received, proof included, so that it can be
-- served again and verified by a third party. `content_html` is sanitised and safe to display.
CREATE TABLE objects (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    uri             text NOT NULL,
    actor_id        bigint NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    types           text[] NOT NULL,
    local           boolean NOT NULL,
    visibility      text NOT NULL CHECK (visibility IN ('public', 'unlisted', 'followers', 'direct')),
    in_reply_to_uri text,
    name            text,
    summary         text,
    content_html    text NOT NULL DEFAULT '',
    url             text,
    document        jsonb NOT NULL,
    published_at    timestamptz NOT NULL,
    updated_at      timestamptz,
    -- A deleted object stays as a Tombstone: its id must not come back to life.
    deleted_at      timestamptz,
    -- Hidden by a moderator (or silenced domain): kept, but not shown in public views.
    hidden_at       timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT objects_uri_key UNIQUE (uri)
);
CREATE INDEX objects_actor_published ON objects (actor_id, published_at DESC, id DESC);
CREATE INDEX objects_in_reply_to ON objects (in_reply_to_uri) WHERE in_reply_to_uri IS NOT NULL;

-- What our local actors published, newest first: their outbox. The activity document is kept so
-- that its id can be dereferenced and the outbox served without rebuilding it.
CREATE TABLE outbox (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id     bigint NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    activity_uri text NOT NULL,
    type         text NOT NULL,
    object_id    bigint REFERENCES objects (id) ON DELETE SET NULL,
    visibility   text NOT NULL CHECK (visibility IN ('public', 'unlisted', 'followers', 'direct')),
    document     jsonb NOT NULL,
    published_at timestamptz NOT NULL,
    CONSTRAINT outbox_activity_uri_key UNIQUE (activity_uri)
);
CREATE INDEX outbox_actor ON outbox (actor_id, id DESC);

-- Likes and boosts (Announce) of objects, by any actor. An Undo deletes the row.
CREATE TABLE reactions (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind         text NOT NULL CHECK (kind IN ('like', 'announce')),
    actor_id     bigint NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    object_id    bigint NOT NULL REFERENCES objects (id) ON DELETE CASCADE,
    activity_uri text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reactions_activity_uri_key UNIQUE (activity_uri),
    CONSTRAINT reactions_once UNIQUE (kind, actor_id, object_id)
);
CREATE INDEX reactions_object ON reactions (object_id, kind);

-- Reports for the moderators: from our members, or from remote servers (Flag).
CREATE TABLE reports (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reporter_id     bigint REFERENCES actors (id) ON DELETE SET NULL,
    target_actor_id bigint REFERENCES actors (id) ON DELETE SET NULL,
    object_uris     text[] NOT NULL DEFAULT '{}',
    comment         text NOT NULL DEFAULT '',
    activity_uri    text,
    state           text NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'resolved', 'dismissed')),
    resolved_by     bigint REFERENCES actors (id) ON DELETE SET NULL,
    resolved_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT reports_activity_uri_key UNIQUE (activity_uri)
);
CREATE INDEX reports_open ON reports (created_at) WHERE state = 'open';

-- Blocks between actors (a remote Block of one of ours, or one of ours blocking someone).
CREATE TABLE actor_blocks (
    blocker_id   bigint NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    blocked_id   bigint NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    activity_uri text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (blocker_id, blocked_id)
);

-- Signatures we refused, counted per day, sending server and reason, for the admin's federation
-- health view: enough to diagnose a peer's bug without storing every request.
CREATE TABLE signature_rejections (
    day    date NOT NULL,
    host   text NOT NULL,
    reason text NOT NULL,
    count  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (day, host, reason)
);
