-- The inbox and delivery workers claim due rows oldest first, by (next_attempt_at, id). With the
-- index on next_attempt_at alone, PostgreSQL read every due row and sorted them to find the first
-- few: under a backlog of thousands of rows (a wave of Follows, a large fan-out) each claim cost
-- a millisecond or more. Ordered like the claims, the index hands over the first rows directly.
CREATE INDEX inbox_activities_due_order ON inbox_activities (next_attempt_at, id) WHERE state = 'pending';
DROP INDEX inbox_activities_due;

CREATE INDEX delivery_jobs_due_order ON delivery_jobs (next_attempt_at, id) WHERE state = 'pending';
DROP INDEX delivery_jobs_due;
