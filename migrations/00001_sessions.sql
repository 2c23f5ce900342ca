-- +goose Up
-- Login sessions, stored by scs (github.com/alexedwards/scs/pgxstore) so that
-- several app processes share them and a restart logs no one out.
CREATE TABLE sessions (
    token  text PRIMARY KEY,
    data   bytea NOT NULL,
    expiry timestamptz NOT NULL
);
CREATE INDEX sessions_expiry_idx ON sessions (expiry);

-- +goose Down
DROP TABLE sessions;
