-- Node-wide settings, one row per key; values are JSON so that a setting can be any shape.
CREATE TABLE node_settings (
    key        text PRIMARY KEY,
    value      jsonb NOT NULL,
    updated_at timestamptz NOT NULL DEFAULT now()
);
