package store

import (
	"context"
	"strings"
	"time"
)

// RecordLoginFailure notes a failed sign-in for throttling, and forgets
// failures older than a day so the table stays small.
func (s *Store) RecordLoginFailure(ctx context.Context, email, client string) error {
	now := s.Now()
	_, err := s.pool.Exec(ctx, `
		WITH gone AS (DELETE FROM login_failures WHERE at < $4)
		INSERT INTO login_failures (email, client, at) VALUES ($1, $2, $3)`,
		failureKey(email), truncate(client, 64), now, now.Add(-24*time.Hour))
	return wrap(err, "login failure")
}

// LoginFailures counts failures within window for the account and for the
// client address.
func (s *Store) LoginFailures(ctx context.Context, email, client string, window time.Duration) (byEmail, byClient int, err error) {
	err = s.pool.QueryRow(ctx, `
		SELECT (SELECT count(*) FROM login_failures WHERE email = $1 AND at > $3),
		       (SELECT count(*) FROM login_failures WHERE client = $2 AND at > $3)`,
		failureKey(email), truncate(client, 64), s.Now().Add(-window)).Scan(&byEmail, &byClient)
	return byEmail, byClient, wrap(err, "login failure")
}

// ClearLoginFailures forgets an account's failures after it signs in.
func (s *Store) ClearLoginFailures(ctx context.Context, email string) error {
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
