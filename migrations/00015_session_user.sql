-- +goose Up
-- Whose a session is, written with it: loading a signed-in session reads
-- its account in the same statement. A deleted account's sessions go too.
ALTER TABLE sessions ADD COLUMN user_id bigint REFERENCES users (id) ON DELETE CASCADE;
CREATE INDEX sessions_user_idx ON sessions (user_id);

-- +goose Down
DROP INDEX sessions_user_idx;
ALTER TABLE sessions DROP COLUMN user_id;
