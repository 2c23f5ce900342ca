package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/apperr"
)

// EmailChangeTTL is how long a link confirming a new address works.
const EmailChangeTTL = 24 * time.Hour

// ErrEmailInUse refuses a new address another account (or another of the
// coach's athletes) has, without saying whose it is.
var ErrEmailInUse = apperr.New(apperr.Conflict, "This address is already in use on this server. Choose another.")

// EmailChange is a new address waiting for its confirmation.
type EmailChange struct {
	Name      string // the account's
	OldEmail  string
	NewEmail  string
	ExpiresAt time.Time
}

// PasswordHash is the account's stored password hash.
func (s *Store) PasswordHash(ctx context.Context, u User) (string, error) {
	var hash string
	err := s.pool.QueryRow(ctx, `SELECT password_hash FROM users WHERE id = $1`, u.ID).Scan(&hash)
	return hash, wrap(err, "account")
}

// Preferences are what an account sets for itself: the name, and for an
// athlete their units, time zone (both also on the coach's profile form).
type Preferences struct {
	Name     string
	Units    string // km or mi; athletes only
	Timezone string // athletes only
}

// AccountPreferences reads the account's preferences.
func (s *Store) AccountPreferences(ctx context.Context, u User) (Preferences, error) {
	var p Preferences
	err := s.pool.QueryRow(ctx, `
		SELECT u.name, coalesce(a.units, ''), coalesce(a.timezone, '')
		FROM users u LEFT JOIN athletes a ON a.user_id = u.id WHERE u.id = $1`, u.ID).
		Scan(&p.Name, &p.Units, &p.Timezone)
	return p, wrap(err, "account")
}

// SavePreferences saves the account's name and, for an athlete, their
// units and time zone. An athlete's name is also the one their coach
// sees: it is one person's name.
func (s *Store) SavePreferences(ctx context.Context, u User, p Preferences) error {
	name := strings.TrimSpace(p.Name)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET name = $2 WHERE id = $1`, u.ID, name)
		if err != nil {
			return err
		}
		if tag.RowsAffected() == 0 {
			return pgx.ErrNoRows
		}
		if u.Role != RoleAthlete {
			return nil
		}
		_, err = tx.Exec(ctx, `UPDATE athletes SET name = $2, units = $3, timezone = $4 WHERE user_id = $1`,
			u.ID, name, p.Units, p.Timezone)
		return err
	})
	return wrap(err, "account")
}

// ChangePassword sets the account's new password and signs out every
// session of it: those made before now stop working
// (users.password_changed_at), and their rows go. The caller signs the
// current one in again under a new token.
func (s *Store) ChangePassword(ctx context.Context, u User, passwordHash string) (User, error) {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		tag, err := tx.Exec(ctx, `UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1`,
			u.ID, passwordHash, s.Now())
		if err == nil && tag.RowsAffected() == 0 {
			return pgx.ErrNoRows
		}
		if err != nil {
			return err
		}
		_, err = tx.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, u.ID)
		return err
	})
	if err != nil {
		return User{}, wrap(err, "account")
	}
	return s.User(ctx, u.ID)
}

// SignOutEverywhere ends every session of the account, the current one
// too: sessions made before now stop working, wherever they are stored.
func (s *Store) SignOutEverywhere(ctx context.Context, u User) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `UPDATE users SET password_changed_at = $2 WHERE id = $1`, u.ID, s.Now()); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `DELETE FROM sessions WHERE user_id = $1`, u.ID)
		return err
	})
	return wrap(err, "account")
}

// emailFree fails with ErrEmailInUse when another account has email, or
// (for an athlete) another athlete record of their coach.
func emailFree(ctx context.Context, tx pgx.Tx, u User, email string) error {
	var taken bool
	err := tx.QueryRow(ctx, `
		SELECT EXISTS (SELECT 1 FROM users WHERE lower(email) = lower($1) AND id <> $2)
		    OR EXISTS (SELECT 1 FROM athletes me JOIN athletes o ON o.coach_id = me.coach_id AND o.id <> me.id
		               WHERE me.user_id = $2 AND lower(o.email) = lower($1))`,
		NormalizeEmail(email), u.ID).Scan(&taken)
	if err == nil && taken {
		return ErrEmailInUse
	}
	return err
}

// RequestEmailChange stores a new address for the account until the link
// sent to it (tokenHash) is followed, withdrawing any earlier request. An
// address another account has is refused now, and again on confirming.
func (s *Store) RequestEmailChange(ctx context.Context, u User, email string, tokenHash []byte) (time.Time, error) {
	now := s.Now()
	expires := now.Add(EmailChangeTTL)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// The account's row serialises its requests.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, u.ID); err != nil {
			return err
		}
		if err := emailFree(ctx, tx, u, email); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE email_changes SET revoked_at = $2 WHERE user_id = $1 AND used_at IS NULL AND revoked_at IS NULL`,
			u.ID, now); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO email_changes (user_id, new_email, token_hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)`,
			u.ID, NormalizeEmail(email), tokenHash, now, expires)
		return err
	})
	return expires, wrap(err, "account")
}

// PendingEmailChange is the account's open request, if any (ok false).
func (s *Store) PendingEmailChange(ctx context.Context, u User) (EmailChange, bool, error) {
	var c EmailChange
	err := s.pool.QueryRow(ctx, `
		SELECT u.name, u.email, e.new_email, e.expires_at FROM email_changes e JOIN users u ON u.id = e.user_id
		WHERE e.user_id = $1 AND e.used_at IS NULL AND e.revoked_at IS NULL AND e.expires_at > $2`, u.ID, s.Now()).
		Scan(&c.Name, &c.OldEmail, &c.NewEmail, &c.ExpiresAt)
	if errors.Is(err, pgx.ErrNoRows) {
		return c, false, nil
	}
	return c, err == nil, wrap(err, "account")
}

// EmailChangeByToken returns the change a link confirms, or why it can no
// longer be used.
func (s *Store) EmailChangeByToken(ctx context.Context, tokenHash []byte) (EmailChange, error) {
	var c EmailChange
	var used, revoked bool
	err := s.pool.QueryRow(ctx, `
		SELECT u.name, u.email, e.new_email, e.expires_at, e.used_at IS NOT NULL, e.revoked_at IS NOT NULL
		FROM email_changes e JOIN users u ON u.id = e.user_id WHERE e.token_hash = $1`, tokenHash).
		Scan(&c.Name, &c.OldEmail, &c.NewEmail, &c.ExpiresAt, &used, &revoked)
	if err != nil {
		return c, wrap(err, "link")
	}
	return c, s.usable(used, revoked, c.ExpiresAt)
}

// ConfirmEmailChange follows the link: the account (and, for an athlete,
// their record with the coach) takes the new address, and the link is
// used up. It returns the account as it now is, and the old address.
func (s *Store) ConfirmEmailChange(ctx context.Context, tokenHash []byte) (User, string, error) {
	var id int64
	var old string
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var changeID int64
		var email string
		var expires time.Time
		var used, revoked bool
		err := tx.QueryRow(ctx, `
			SELECT e.id, e.user_id, e.new_email, e.expires_at, e.used_at IS NOT NULL, e.revoked_at IS NOT NULL
			FROM email_changes e WHERE e.token_hash = $1 FOR UPDATE`, tokenHash).
			Scan(&changeID, &id, &email, &expires, &used, &revoked)
		if err != nil {
			return err
		}
		if err := s.usable(used, revoked, expires); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `UPDATE email_changes SET used_at = $2 WHERE id = $1`, changeID, s.Now()); err != nil {
			return err
		}
		old, err = setEmail(ctx, tx, User{ID: id}, email)
		return err
	})
	if err != nil {
		return User{}, "", wrap(err, "link")
	}
	u, err := s.User(ctx, id)
	return u, old, err
}

// ChangeEmail gives the account the new address at once: for a server
// that sends no e-mail, where no link could confirm it (and no e-mail is
// ever sent to the address either). It returns the old address.
func (s *Store) ChangeEmail(ctx context.Context, u User, email string) (string, error) {
	var old string
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		old, err = setEmail(ctx, tx, u, email)
		return err
	})
	return old, wrap(err, "account")
}

// setEmail sets the account's address, and its athlete record's, and
// returns the old one. An address in use, by another account or by
// another athlete of the same coach, is refused.
func setEmail(ctx context.Context, tx pgx.Tx, u User, email string) (string, error) {
	var old string
	if err := tx.QueryRow(ctx, `SELECT email FROM users WHERE id = $1 FOR UPDATE`, u.ID).Scan(&old); err != nil {
		return "", err
	}
	if err := emailFree(ctx, tx, u, email); err != nil {
		return "", err
	}
	_, err := tx.Exec(ctx, `UPDATE users SET email = $2 WHERE id = $1`, u.ID, NormalizeEmail(email))
	if uniqueViolation(err, "users_email_key") {
		return "", ErrEmailInUse
	}
	if err != nil {
		return "", err
	}
	_, err = tx.Exec(ctx, `UPDATE athletes SET email = $2 WHERE user_id = $1`, u.ID, NormalizeEmail(email))
	if uniqueViolation(err, "athletes_coach_email_key") {
		return "", ErrEmailInUse
	}
	return old, err
}

// ResetRequest counts a request for a password-reset e-mail and returns
// the requests within window (this one included) for the address and for
// the client. Requests older than a day are forgotten.
func (s *Store) ResetRequest(ctx context.Context, email, client string, window time.Duration) (byEmail, byClient int, err error) {
	now := s.Now()
	key, addr := failureKey(email), truncate(client, 64)
	err = pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('rebound.reset:' || $1))`, key); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM reset_requests WHERE at < $1`, now.Add(-24*time.Hour)); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `INSERT INTO reset_requests (email, client, at) VALUES ($1, $2, $3)`, key, addr, now); err != nil {
			return err
		}
		return tx.QueryRow(ctx, `
			SELECT (SELECT count(*) FROM reset_requests WHERE email = $1 AND at > $3),
			       (SELECT count(*) FROM reset_requests WHERE client = $2 AND at > $3)`,
			key, addr, now.Add(-window)).Scan(&byEmail, &byClient)
	})
	return byEmail, byClient, wrap(err, "reset request")
}
