package store

import (
	"context"

	"github.com/jackc/pgx/v5"
	"strings"
	"time"
)

// LoginAttempt counts a sign-in attempt as a failure before the password
// is checked, and returns the failures within window (this one included)
// for the account and for the client address. Counting first means a
// burst of parallel guesses cannot all slip under the limit while their
// passwords are being hashed. Failures older than a day are forgotten.
func (s *Store) LoginAttempt(ctx context.Context, email, client string, window time.Duration) (byEmail, byClient int, err error) {
	now := s.Now()
	key, addr := failureKey(email), truncate(client, 64)
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// One attempt per account at a time, so each sees all before it.
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('rebound.login:' || $1))`, key); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM login_failures WHERE at < $1`, now.Add(-24*time.Hour)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO login_failures (email, client, at) VALUES ($1, $2, $3)`, key, addr, now); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `
			SELECT (SELECT count(*) FROM login_failures WHERE email = $1 AND at > $3),
			       (SELECT count(*) FROM login_failures WHERE client = $2 AND at > $3)`,
			key, addr, now.Add(-window)).Scan(&byEmail, &byClient)
	})
	return byEmail, byClient, wrap(err, "login failure")
}

// LoginSucceeded forgets the account's failures, the attempt that just
// succeeded with them.
func (s *Store) LoginSucceeded(ctx context.Context, email string) error {
	_, err := s.pool.Exec(ctx, `DELETE FROM login_failures WHERE email = $1`, failureKey(email))
	return wrap(err, "login failure")
}

func failureKey(email string) string { return truncate(strings.ToLower(NormalizeEmail(email)), 254) }

// truncate cuts s to at most n bytes without splitting a character.
func truncate(s string, n int) string {
	if len(s) > n {
		return strings.ToValidUTF8(s[:n], "")
	}
	return s
}
