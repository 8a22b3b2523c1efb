-- Who is who: actors of the fediverse (ours and the ones federation caches), the keys our own
-- actors sign with, the collectives hosted here, their members, and members' sign-in sessions.

-- Every actor this node knows. Local actors live under the node's base URL; remote ones are
-- cached copies of documents fetched by federation, refreshed from time to time.
--
-- `domain` is the empty string for local actors and the remote authority (host[:port]) otherwise,
-- so that one unique index covers both and the local namespace does not depend on the base URL.
-- Usernames are compared case-insensitively: a collective and a member can never share one
-- (WebFinger must find one actor per name), and a name once taken is never reused, because other
-- servers keep our actors' keys under their ids.
--
-- `summary` is HTML, as it appears in the ActivityStreams document: our own actors' plain text is
-- escaped when it is stored; a remote actor's is kept as received and sanitised when displayed.
CREATE TABLE actors (
    id                          bigserial PRIMARY KEY,
    uri                         text NOT NULL,
    type                        text NOT NULL,
    username                    text,
    domain                      text NOT NULL DEFAULT '',
    local                       boolean GENERATED ALWAYS AS (domain = '') STORED,
    display_name                text NOT NULL DEFAULT '',
    summary                     text NOT NULL DEFAULT '',
    url                         text,
    inbox_uri                   text,
    outbox_uri                  text,
    shared_inbox_uri            text,
    followers_uri               text,
    following_uri               text,
    public_key_id               text,
    public_key_pem              text,
    multikey_id                 text,
    public_key_multibase        text,
    manually_approves_followers boolean NOT NULL DEFAULT false,
    discoverable                boolean NOT NULL DEFAULT true,
    -- The document as last fetched (remote actors only): properties we do not model survive here.
    raw                         jsonb,
    fetched_at                  timestamptz,
    created_at                  timestamptz NOT NULL DEFAULT now(),
    updated_at                  timestamptz NOT NULL DEFAULT now(),
    deleted_at                  timestamptz,
    CONSTRAINT actors_uri_key UNIQUE (uri),
    CONSTRAINT actors_type_check
        CHECK (type IN ('Application', 'Group', 'Organization', 'Person', 'Service')),
    CONSTRAINT actors_local_complete
        CHECK (domain <> '' OR (username IS NOT NULL AND inbox_uri IS NOT NULL
                                AND public_key_id IS NOT NULL AND public_key_pem IS NOT NULL
                                AND multikey_id IS NOT NULL AND public_key_multibase IS NOT NULL)),
    CONSTRAINT actors_remote_fetched CHECK (domain = '' OR fetched_at IS NOT NULL)
);

CREATE UNIQUE INDEX actors_username_domain_key ON actors (lower(username), domain);
-- Signature verification finds the signer by key id.
CREATE INDEX actors_public_key_id ON actors (public_key_id);
CREATE INDEX actors_multikey_id ON actors (multikey_id);
-- Delivery groups recipients by shared inbox.
CREATE INDEX actors_shared_inbox ON actors (shared_inbox_uri) WHERE shared_inbox_uri IS NOT NULL;

-- The private halves of our own actors' keys, kept apart from `actors` so that no query that
-- renders an actor can select them by accident. Never logged, never returned by any API.
CREATE TABLE actor_private_keys (
    actor_id                bigint PRIMARY KEY REFERENCES actors (id) ON DELETE CASCADE,
    -- RSA-2048, PKCS#8 PEM: draft-cavage HTTP signatures (publicKey, "#main-key").
    rsa_private_key_pem     text NOT NULL,
    -- Ed25519, PKCS#8 PEM: object integrity proofs (assertionMethod Multikey, "#ed25519-key").
    ed25519_private_key_pem text NOT NULL,
    created_at              timestamptz NOT NULL DEFAULT now()
);

-- A collective (association, cooperative, neighbourhood group) hosted on this node: a Group actor.
-- Its id is its actor's id.
CREATE TABLE collectives (
    actor_id   bigint PRIMARY KEY REFERENCES actors (id),
    -- Settings that have no column of their own yet, as a JSON object.
    settings   jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT collectives_settings_object CHECK (jsonb_typeof(settings) = 'object')
);

-- A person who signs in to act for a collective: a Person actor. Its id is its actor's id.
CREATE TABLE members (
    actor_id       bigint PRIMARY KEY REFERENCES actors (id),
    collective_id  bigint NOT NULL REFERENCES collectives (actor_id),
    role           text NOT NULL DEFAULT 'member',
    -- Argon2id in PHC string format ($argon2id$v=19$m=…,t=…,p=…$salt$hash); NULL cannot sign in.
    password_hash  text,
    suspended_at   timestamptz,
    -- Last sign-in or authenticated request (updated at most every few minutes): NodeInfo's
    -- activeMonth and activeHalfyear count from it.
    last_active_at timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT members_role_check CHECK (role IN ('member', 'moderator', 'admin')),
    CONSTRAINT members_password_hash_phc CHECK (password_hash IS NULL OR password_hash LIKE '$argon2id$%')
);

CREATE INDEX members_collective ON members (collective_id);
CREATE INDEX members_last_active ON members (last_active_at);

-- Sign-in sessions. Only the SHA-256 of the bearer token is stored: a copy of the database does
-- not let anyone sign in.
CREATE TABLE sessions (
    id           bigserial PRIMARY KEY,
    token_sha256 bytea NOT NULL,
    member_id    bigint NOT NULL REFERENCES members (actor_id) ON DELETE CASCADE,
    created_at   timestamptz NOT NULL DEFAULT now(),
    expires_at   timestamptz NOT NULL,
    last_used_at timestamptz NOT NULL DEFAULT now(),
    user_agent   text,
    CONSTRAINT sessions_token_key UNIQUE (token_sha256),
    CONSTRAINT sessions_token_length CHECK (octet_length(token_sha256) = 32)
);

CREATE INDEX sessions_member ON sessions (member_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
