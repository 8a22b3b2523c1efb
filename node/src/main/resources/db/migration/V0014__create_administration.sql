-- Running a node: invitations and sign-ups waiting for approval, the moderators' audit log,
-- members' notifications, and minute-by-minute counts of the delivery queue for the admins' chart.

-- An invitation link. Only the SHA-256 of its token is stored: a copy of the database cannot be
-- used to join. A link is used once; it can be revoked before.
CREATE TABLE invitations (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    token_sha256  bytea NOT NULL,
    collective_id bigint NOT NULL REFERENCES collectives (actor_id),
    role          text NOT NULL DEFAULT 'member',
    created_by    bigint REFERENCES actors (id) ON DELETE SET NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL,
    used_at       timestamptz,
    used_by       bigint REFERENCES actors (id) ON DELETE SET NULL,
    revoked_at    timestamptz,
    CONSTRAINT invitations_token_key UNIQUE (token_sha256),
    CONSTRAINT invitations_token_length CHECK (octet_length(token_sha256) = 32),
    CONSTRAINT invitations_role_check CHECK (role IN ('member', 'moderator', 'admin'))
);
CREATE INDEX invitations_open ON invitations (expires_at) WHERE used_at IS NULL AND revoked_at IS NULL;

-- Someone asked to join while registrations need approval. The password is hashed at once
-- (Argon2id) so that it is never kept in clear, and the member is created on approval.
CREATE TABLE sign_up_requests (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    username      text NOT NULL,
    display_name  text NOT NULL DEFAULT '',
    collective_id bigint NOT NULL REFERENCES collectives (actor_id),
    password_hash text NOT NULL,
    reason        text NOT NULL DEFAULT '',
    state         text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'rejected')),
    decided_by    bigint REFERENCES actors (id) ON DELETE SET NULL,
    decided_at    timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT sign_up_requests_password_hash_phc CHECK (password_hash LIKE '$argon2id$%')
);
-- One waiting request per name; a name taken by an actor is refused before this.
CREATE UNIQUE INDEX sign_up_requests_pending_username ON sign_up_requests (lower(username)) WHERE state = 'pending';

-- What moderators and administrators did, and why: never changed, never removed. The name of who
-- acted is copied, so that the entry still says who it was if the account goes.
CREATE TABLE moderation_audit (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id    bigint REFERENCES actors (id) ON DELETE SET NULL,
    actor_name  text NOT NULL,
    action      text NOT NULL,
    target_kind text NOT NULL CHECK (target_kind IN ('member', 'object', 'domain', 'report', 'sign_up',
                                                     'invitation', 'settings')),
    target      text NOT NULL,
    report_id   bigint REFERENCES reports (id) ON DELETE SET NULL,
    reason      text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderation_audit_newest ON moderation_audit (id DESC);

CREATE FUNCTION moderation_audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'the moderation audit log is append-only: % is not allowed', TG_OP
        USING ERRCODE = 'integrity_constraint_violation';
END
$$;
-- The report a row points to may go (ON DELETE SET NULL): that one change is let through.
CREATE TRIGGER moderation_audit_append_only BEFORE UPDATE OF actor_name, action, target_kind, target, reason,
    created_at OR DELETE ON moderation_audit
    FOR EACH ROW EXECUTE FUNCTION moderation_audit_refuse_change();
CREATE TRIGGER moderation_audit_no_truncate BEFORE TRUNCATE ON moderation_audit
    FOR EACH STATEMENT EXECUTE FUNCTION moderation_audit_refuse_change();

-- What a member should know about: written in the transaction of the event itself, so that an
-- event never happens without its notification nor the other way round. `data` holds what the
-- app needs to word it in the reader's language (titles, ids, names).
CREATE TABLE notifications (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    recipient_id bigint NOT NULL REFERENCES members (actor_id) ON DELETE CASCADE,
    kind         text NOT NULL CHECK (kind IN ('response_received', 'response_accepted', 'loan_due_soon',
                                               'pledge_received', 'report_opened', 'follow_requested')),
    data         jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at   timestamptz NOT NULL DEFAULT now(),
    read_at      timestamptz,
    CONSTRAINT notifications_data_object CHECK (jsonb_typeof(data) = 'object')
);
CREATE INDEX notifications_recipient ON notifications (recipient_id, id DESC);
CREATE INDEX notifications_unread ON notifications (recipient_id) WHERE read_at IS NULL;

-- The delivery queue's counts, once a minute. Every process of a node takes the snapshot; the
-- first to write a minute wins and the others change nothing.
CREATE TABLE delivery_queue_snapshots (
    minute   timestamptz PRIMARY KEY,
    pending  bigint NOT NULL,
    retrying bigint NOT NULL,
    failed   bigint NOT NULL
);
