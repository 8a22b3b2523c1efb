-- Delivery is data: every outgoing activity is stored before it is sent, with one job per target
-- inbox, so that a restart (or a crash) never loses a delivery.

-- The exact bytes sent to every inbox, and the local actor whose key signs them.
CREATE TABLE outgoing_activities (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id text NOT NULL,
    actor_id    text NOT NULL,
    body        bytea NOT NULL,
    created_at  timestamptz NOT NULL
);
CREATE INDEX outgoing_activities_activity_id ON outgoing_activities (activity_id);

-- One row per (activity, inbox). A job is due when pending, next_attempt_at has come and no live
-- lease holds it; a worker that claims it sets leased_until, and if that worker dies the lease
-- simply runs out and the job is due again (at-least-once delivery).
CREATE TABLE delivery_jobs (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity        bigint NOT NULL REFERENCES outgoing_activities (id) ON DELETE CASCADE,
    inbox           text NOT NULL,
    host            text NOT NULL,
    state           text NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'delivered', 'failed')),
    attempts        integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL,
    expires_at      timestamptz NOT NULL,
    leased_until    timestamptz,
    lease_owner     text,
    last_status     integer,
    last_error      text,
    created_at      timestamptz NOT NULL,
    finished_at     timestamptz,
    UNIQUE (activity, inbox)
);
CREATE INDEX delivery_jobs_due ON delivery_jobs (next_attempt_at) WHERE state = 'pending';
CREATE INDEX delivery_jobs_pending_host ON delivery_jobs (host) WHERE state = 'pending';
CREATE INDEX delivery_jobs_finished ON delivery_jobs (finished_at) WHERE state <> 'pending';

-- What we know about each remote server (host[:port]) we deliver to. A server that failed on
-- several distinct days is unavailable: it gets one probe delivery at a time until it answers.
CREATE TABLE instances (
    host              text PRIMARY KEY,
    failure_days      integer NOT NULL DEFAULT 0,
    last_failure_day  date,
    last_failure_at   timestamptz,
    last_success_at   timestamptz,
    unavailable_since timestamptz,
    next_probe_at     timestamptz
);
CREATE INDEX instances_probe ON instances (next_probe_at) WHERE unavailable_since IS NOT NULL;
