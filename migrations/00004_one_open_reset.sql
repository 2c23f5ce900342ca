-- +goose Up
-- At most one open password-reset link per account: issuing a new one
-- revokes the old (two quick clicks must not leave two live links).
UPDATE invites i SET revoked_at = now()
WHERE kind = 'password_reset' AND used_at IS NULL AND revoked_at IS NULL
  AND EXISTS (SELECT 1 FROM invites j WHERE j.user_id = i.user_id AND j.kind = 'password_reset'
              AND j.used_at IS NULL AND j.revoked_at IS NULL AND j.id > i.id);
CREATE UNIQUE INDEX invites_open_reset_key ON invites (user_id)
    WHERE kind = 'password_reset' AND used_at IS NULL AND revoked_at IS NULL;

-- +goose Down
DROP INDEX invites_open_reset_key;
