-- +goose Up
-- A new e-mail address waits here until a link sent to it is followed:
-- only then does the account's address change. Only a SHA-256 of the
-- link's token is stored. Asking again withdraws the open request.
CREATE TABLE email_changes (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    new_email   text NOT NULL CHECK (length(new_email) BETWEEN 3 AND 254 AND new_email ~ '^[^@\s]+@[^@\s]+$'),
    token_hash  bytea NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    used_at     timestamptz,
    revoked_at  timestamptz,
    CHECK (expires_at > created_at),
    CHECK (used_at IS NULL OR revoked_at IS NULL)
);
CREATE UNIQUE INDEX email_changes_open_key ON email_changes (user_id) WHERE used_at IS NULL AND revoked_at IS NULL;

-- Requests for a password-reset e-mail, whether or not the address has an
-- account, counted per address and per client address to throttle them.
-- In the database so that every app process counts the same.
CREATE TABLE reset_requests (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email   text NOT NULL CHECK (length(email) <= 254),
    client  text NOT NULL CHECK (length(client) <= 64),
    at      timestamptz NOT NULL
);
CREATE INDEX reset_requests_email_idx ON reset_requests (email, at);
CREATE INDEX reset_requests_client_idx ON reset_requests (client, at);

-- +goose Down
DROP TABLE reset_requests;
DROP TABLE email_changes;
