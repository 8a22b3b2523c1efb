-- Offers: the neighbourhood exchange (give, lend, swap, sell, service, request), their responses,
-- the append-only history of their states, feedback after an exchange, the messages the node owes
-- participants, and uploaded photos.

-- Accents are ignored by search ("velo" finds "vélo"). unaccent() is only STABLE (its dictionary
-- could change), so indexes and generated columns use this IMMUTABLE wrapper that names the
-- dictionary explicitly.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE FUNCTION entraide_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Photos uploaded by members, re-encoded without metadata. Files live under <data-dir>/media/,
-- named by the SHA-256 of their bytes.
CREATE TABLE media (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id       uuid NOT NULL DEFAULT gen_random_uuid(),
    owner_id        bigint NOT NULL REFERENCES actors (id),
    file_name       text NOT NULL,
    content_type    text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    width           integer NOT NULL CHECK (width > 0),
    height          integer NOT NULL CHECK (height > 0),
    byte_size       integer NOT NULL CHECK (byte_size > 0),
    thumb_file_name text NOT NULL,
    blurhash        text NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT media_public_id_key UNIQUE (public_id)
);
CREATE INDEX media_owner ON media (owner_id);

CREATE TABLE offers (
    id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- What the API and the public pages name an offer by, local or remote.
    public_id             uuid NOT NULL DEFAULT gen_random_uuid(),
    -- The ActivityPub id: ours under /offers/{public_id}, or the origin's.
    uri                   text NOT NULL,
    local                 boolean NOT NULL,
    author_id             bigint NOT NULL REFERENCES actors (id),
    -- The collective (Group) that announces it; NULL for a remote offer whose group we do not know.
    collective_id         bigint REFERENCES actors (id),
    kind                  text NOT NULL
        CHECK (kind IN ('give', 'lend', 'swap', 'sell', 'service', 'request')),
    state                 text NOT NULL DEFAULT 'available'
        CHECK (state IN ('available', 'reserved', 'lent', 'returned', 'given', 'swapped', 'sold', 'done',
                         'closed', 'withdrawn', 'expired')),
    title                 text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
    -- What the author wrote (Markdown subset) and its sanitised rendering.
    description           text NOT NULL DEFAULT '' CHECK (char_length(description) <= 10000),
    description_html      text NOT NULL DEFAULT '',
    language              text NOT NULL DEFAULT 'fr',
    category              text NOT NULL
        CHECK (category IN ('tools', 'kitchen', 'children', 'books', 'garden', 'electronics', 'furniture',
                            'clothes', 'sport', 'services', 'other')),
    condition             text CHECK (condition IN ('new', 'like_new', 'good', 'fair', 'for_parts')),
    -- Money is exact: numeric, never floating point.
    price_amount          numeric(12, 2) CHECK (price_amount >= 0),
    price_currency        text CHECK (price_currency ~ '^[A-Z]{3}$'),
    deposit_amount        numeric(12, 2) CHECK (deposit_amount >= 0),
    deposit_currency      text CHECK (deposit_currency ~ '^[A-Z]{3}$'),
    loan_period_days      integer CHECK (loan_period_days BETWEEN 1 AND 365),
    neighbourhood         text CHECK (char_length(neighbourhood) <= 100),
    -- A coarse point only (two decimals, about 1 km): never an exact address.
    latitude              double precision CHECK (latitude BETWEEN -90 AND 90),
    longitude             double precision CHECK (longitude BETWEEN -180 AND 180),
    available_from        timestamptz,
    available_until       timestamptz,
    visibility            text NOT NULL CHECK (visibility IN ('public', 'followers', 'members')),
    -- When an available offer expires; the sweeper moves it to 'expired'.
    expires_at            timestamptz,
    published_at          timestamptz NOT NULL DEFAULT now(),
    updated_at            timestamptz,
    -- The person whose response was accepted, and the loan's dates.
    borrower_id           bigint REFERENCES actors (id),
    loan_due_at           timestamptz,
    loan_reminder_sent_at timestamptz,
    -- A remote offer as received (its proof included); NULL for ours, which are rendered on demand.
    document              jsonb,
    -- Deleted at the origin: kept as a tombstone so that the id never comes back.
    deleted_at            timestamptz,
    search                tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('french', entraide_unaccent(title)), 'A')
        || setweight(to_tsvector('english', entraide_unaccent(title)), 'A')
        || setweight(to_tsvector('french', entraide_unaccent(description)), 'B')
        || setweight(to_tsvector('english', entraide_unaccent(description)), 'B')) STORED,
    CONSTRAINT offers_uri_key UNIQUE (uri),
    CONSTRAINT offers_public_id_key UNIQUE (public_id),
    CONSTRAINT offers_price_for_sales CHECK ((kind = 'sell') = (price_amount IS NOT NULL)
                                             AND (price_amount IS NULL) = (price_currency IS NULL)),
    CONSTRAINT offers_deposit_for_loans CHECK ((deposit_amount IS NULL OR kind = 'lend')
                                               AND (deposit_amount IS NULL) = (deposit_currency IS NULL)),
    CONSTRAINT offers_loan_period_for_loans CHECK (loan_period_days IS NULL OR kind = 'lend'),
    CONSTRAINT offers_point_complete CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CONSTRAINT offers_point_coarse CHECK (latitude IS NULL
        OR (latitude::numeric = round(latitude::numeric, 2) AND longitude::numeric = round(longitude::numeric, 2))),
    CONSTRAINT offers_window CHECK (available_until IS NULL OR available_from IS NULL
                                    OR available_until >= available_from),
    CONSTRAINT offers_local_document CHECK (local OR document IS NOT NULL)
);

CREATE INDEX offers_search ON offers USING gin (search);
-- Newest first, everywhere: keyset pagination on (published_at, id).
CREATE INDEX offers_newest ON offers (published_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX offers_collective_newest ON offers (collective_id, published_at DESC, id DESC)
    WHERE deleted_at IS NULL;
CREATE INDEX offers_author ON offers (author_id, published_at DESC);
CREATE INDEX offers_point ON offers (latitude, longitude) WHERE latitude IS NOT NULL;
CREATE INDEX offers_expiry ON offers (expires_at) WHERE state = 'available' AND local;
CREATE INDEX offers_loans_due ON offers (loan_due_at) WHERE state = 'lent' AND loan_reminder_sent_at IS NULL;

-- Photos of an offer, in order. Ours point to `media`; a remote offer's keep the origin's URL.
CREATE TABLE offer_photos (
    offer_id   bigint NOT NULL REFERENCES offers (id),
    position   smallint NOT NULL CHECK (position BETWEEN 0 AND 3),
    media_id   bigint REFERENCES media (id),
    url        text,
    media_type text,
    alt        text NOT NULL CHECK (char_length(alt) <= 1500),
    blurhash   text,
    width      integer,
    height     integer,
    PRIMARY KEY (offer_id, position),
    CONSTRAINT offer_photos_source CHECK ((media_id IS NULL) <> (url IS NULL))
);

-- Every change of state, who made it and when. Append-only: rows are never changed or removed.
CREATE TABLE offer_transitions (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    offer_id   bigint NOT NULL REFERENCES offers (id),
    from_state text,
    to_state   text NOT NULL,
    -- NULL when the node itself made the change (expiry).
    actor_id   bigint REFERENCES actors (id),
    at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX offer_transitions_offer ON offer_transitions (offer_id, id);

CREATE FUNCTION offer_transitions_append_only() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'offer_transitions is append-only';
END $$;

CREATE TRIGGER offer_transitions_append_only BEFORE UPDATE OR DELETE ON offer_transitions
    FOR EACH ROW EXECUTE FUNCTION offer_transitions_append_only();

-- Someone answering an offer: a member here, a member of another node (a federated request), or
-- a fediverse user replying to the offer's post.
CREATE TABLE offer_responses (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    public_id    uuid NOT NULL DEFAULT gen_random_uuid(),
    offer_id     bigint NOT NULL REFERENCES offers (id),
    responder_id bigint NOT NULL REFERENCES actors (id),
    message      text NOT NULL DEFAULT '' CHECK (char_length(message) <= 2000),
    state        text NOT NULL DEFAULT 'pending'
        CHECK (state IN ('pending', 'accepted', 'declined', 'cancelled')),
    -- The activity or reply it came from, so that a second delivery changes nothing.
    source_uri   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    decided_at   timestamptz,
    CONSTRAINT offer_responses_public_id_key UNIQUE (public_id),
    CONSTRAINT offer_responses_source_key UNIQUE (source_uri)
);
-- One open response per person and offer, and never two accepted for one offer.
CREATE UNIQUE INDEX offer_responses_one_open ON offer_responses (offer_id, responder_id)
    WHERE state IN ('pending', 'accepted');
CREATE UNIQUE INDEX offer_responses_one_accepted ON offer_responses (offer_id) WHERE state = 'accepted';

-- A short thanks after an exchange, shown on the profile of the person it is about. No ratings.
CREATE TABLE offer_feedback (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    offer_id   bigint NOT NULL REFERENCES offers (id),
    author_id  bigint NOT NULL REFERENCES actors (id),
    subject_id bigint NOT NULL REFERENCES actors (id),
    text       text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 500),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT offer_feedback_once UNIQUE (offer_id, author_id)
);
CREATE INDEX offer_feedback_subject ON offer_feedback (subject_id, id DESC);

-- What the node must tell someone (a response arrived, it was accepted or politely declined, a
-- loan is due soon): written in the same transaction as the change, sent by federation as a
-- direct message to remote people and shown to local members.
CREATE TABLE offer_messages (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    offer_id     bigint NOT NULL REFERENCES offers (id),
    recipient_id bigint NOT NULL REFERENCES actors (id),
    kind         text NOT NULL CHECK (kind IN ('response_received', 'response_accepted', 'response_declined',
                                               'loan_due_soon', 'offer_withdrawn')),
    body         text NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    sent_at      timestamptz
);
CREATE INDEX offer_messages_recipient ON offer_messages (recipient_id, id DESC);
CREATE INDEX offer_messages_unsent ON offer_messages (id) WHERE sent_at IS NULL;
