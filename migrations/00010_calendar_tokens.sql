-- +goose Up
-- Secret calendar-feed links (/calendar/{token}.ics), one live link per
-- athlete: making a new one revokes the old. Only a SHA-256 of the token
-- is stored, as for invites. Revoked rows stay, to show who made a link.
CREATE TABLE calendar_tokens (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    athlete_id  bigint NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
    token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_by  bigint REFERENCES users (id) ON DELETE SET NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    revoked_at  timestamptz,
    CHECK (revoked_at IS NULL OR revoked_at >= created_at)
);
CREATE UNIQUE INDEX calendar_tokens_live_key ON calendar_tokens (athlete_id) WHERE revoked_at IS NULL;

-- +goose Down
DROP TABLE calendar_tokens;
