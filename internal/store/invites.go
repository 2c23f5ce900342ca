package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/apperr"
)

// How long links stay valid.
const (
	InviteTTL = 7 * 24 * time.Hour
	ResetTTL  = 3 * 24 * time.Hour
)

// InviteKind is what a link does when followed.
type InviteKind string

const (
	AthleteInvite InviteKind = "athlete"        // an athlete sets a password, linking their record
	CoachInvite   InviteKind = "coach"          // a new coach creates an account
	PasswordReset InviteKind = "password_reset" // an account gets a new password
)

// Invite is a link as its follower sees it.
type Invite struct {
	Kind      InviteKind
	Name      string // the athlete's or account's name; empty for a coach invite
	Email     string // who it is for, when known
	CoachName string // who sent it
	ExpiresAt time.Time
}

// Link problems, shown to whoever follows the link.
var (
	ErrLinkUsed    = apperr.New(apperr.Invalid, "This link has already been used. Sign in, or ask for a new link.")
	ErrLinkExpired = apperr.New(apperr.Invalid, "This link has expired. Ask for a new one.")
	ErrLinkRevoked = apperr.New(apperr.Invalid, "This link was withdrawn. Ask for a new one.")
	ErrJoined      = apperr.New(apperr.Invalid, "This athlete already has an account. Send a password-reset link if they cannot sign in.")
	ErrNotJoined   = apperr.New(apperr.Invalid, "This athlete has no account yet. Send them an invite instead.")
)

// IssueAthleteInvite stores a new invite for the coach's athlete and
// withdraws any earlier open one.
func (s *Store) IssueAthleteInvite(ctx context.Context, coach User, athleteID int64, tokenHash []byte) (time.Time, error) {
	now := s.Now()
	expires := now.Add(InviteTTL)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var joined bool
		err := tx.QueryRow(ctx, `SELECT user_id IS NOT NULL FROM athletes WHERE id = $1 AND coach_id = $2 FOR UPDATE`,
			athleteID, coach.ID).Scan(&joined)
		if err != nil {
			return err
		}
		if joined {
			return ErrJoined
		}
		return insertAthleteInvite(ctx, tx, coach, athleteID, tokenHash, now, expires)
	})
	return expires, wrap(err, "athlete")
}

// insertAthleteInvite withdraws the athlete's open invite and stores a new one.
func insertAthleteInvite(ctx context.Context, tx pgx.Tx, coach User, athleteID int64, tokenHash []byte, now, expires time.Time) error {
	if err := revokeOpen(ctx, tx, `athlete_id = $1 AND kind = 'athlete'`, athleteID, now); err != nil {
		return err
	}
	_, err := tx.Exec(ctx, `
		INSERT INTO invites (token_hash, kind, athlete_id, created_by, created_at, expires_at)
		VALUES ($1, 'athlete', $2, $3, $4, $5)`, tokenHash, athleteID, coach.ID, now, expires)
	return err
}

// OpenAthleteInvite reports whether tokenHash is the open (unused,
// unwithdrawn, unexpired) invite of the coach's athlete, and until when:
// the invite page shows a link the coach's browser holds only while it
// still works.
func (s *Store) OpenAthleteInvite(ctx context.Context, coach User, athleteID int64, tokenHash []byte) (time.Time, bool, error) {
	var expires time.Time
	err := s.pool.QueryRow(ctx, `
		SELECT i.expires_at FROM invites i JOIN athletes a ON a.id = i.athlete_id AND a.coach_id = $1
		WHERE i.athlete_id = $2 AND i.kind = 'athlete' AND i.token_hash = $3
		  AND i.used_at IS NULL AND i.revoked_at IS NULL AND i.expires_at > $4`,
		coach.ID, athleteID, tokenHash, s.Now()).Scan(&expires)
	if errors.Is(err, pgx.ErrNoRows) {
		return time.Time{}, false, nil
	}
	return expires, err == nil, wrap(err, "invite")
}

// RevokeAthleteInvite withdraws the open invite of the coach's athlete.
func (s *Store) RevokeAthleteInvite(ctx context.Context, coach User, athleteID int64) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var id int64
		if err := tx.QueryRow(ctx, `SELECT id FROM athletes WHERE id = $1 AND coach_id = $2`, athleteID, coach.ID).Scan(&id); err != nil {
			return err
		}
		return revokeOpen(ctx, tx, `athlete_id = $1 AND kind = 'athlete'`, athleteID, s.Now())
	})
	return wrap(err, "athlete")
}

// IssueAthletePasswordReset stores a reset link for the account of the
// coach's athlete and returns its expiry.
func (s *Store) IssueAthletePasswordReset(ctx context.Context, coach User, athleteID int64, tokenHash []byte) (time.Time, error) {
	var userID *int64
	err := s.pool.QueryRow(ctx, `SELECT user_id FROM athletes WHERE id = $1 AND coach_id = $2`, athleteID, coach.ID).Scan(&userID)
	if err != nil {
		return time.Time{}, wrap(err, "athlete")
	}
	if userID == nil {
		return time.Time{}, ErrNotJoined
	}
	return s.issueReset(ctx, *userID, &coach.ID, tokenHash)
}

// IssuePasswordResetByEmail stores a reset link for any account: the
// shell's `rebound user reset-password`, run by whoever runs the server.
func (s *Store) IssuePasswordResetByEmail(ctx context.Context, email string, tokenHash []byte) (User, time.Time, error) {
	u, _, err := s.Credentials(ctx, email)
	if err != nil {
		return User{}, time.Time{}, err
	}
	expires, err := s.issueReset(ctx, u.ID, nil, tokenHash)
	return u, expires, err
}

func (s *Store) issueReset(ctx context.Context, userID int64, by *int64, tokenHash []byte) (time.Time, error) {
	now := s.Now()
	expires := now.Add(ResetTTL)
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		// The account's row serialises concurrent resets for it.
		if _, err := tx.Exec(ctx, `SELECT 1 FROM users WHERE id = $1 FOR UPDATE`, userID); err != nil {
			return err
		}
		if err := revokeOpen(ctx, tx, `user_id = $1 AND kind = 'password_reset'`, userID, now); err != nil {
			return err
		}
		_, err := tx.Exec(ctx, `
			INSERT INTO invites (token_hash, kind, user_id, created_by, created_at, expires_at)
			VALUES ($1, 'password_reset', $2, $3, $4, $5)`, tokenHash, userID, by, now, expires)
		return err
	})
	return expires, wrap(err, "account")
}

// IssueCoachInvite stores an invite for a new coach; only the admin may.
func (s *Store) IssueCoachInvite(ctx context.Context, admin User, email string, tokenHash []byte) (time.Time, error) {
	now := s.Now()
	expires := now.Add(InviteTTL)
	var mail *string
	if e := NormalizeEmail(email); e != "" {
		mail = &e
	}
	tag, err := s.pool.Exec(ctx, `
		INSERT INTO invites (token_hash, kind, email, created_by, created_at, expires_at)
		SELECT $1, 'coach', $2, id, $3, $4 FROM users WHERE id = $5 AND is_admin`,
		tokenHash, mail, now, expires, admin.ID)
	if err == nil && tag.RowsAffected() == 0 {
		return time.Time{}, notFound("page")
	}
	return expires, wrap(err, "invite")
}

func revokeOpen(ctx context.Context, tx pgx.Tx, where string, id int64, now time.Time) error {
	_, err := tx.Exec(ctx, `UPDATE invites SET revoked_at = $2 WHERE `+where+` AND used_at IS NULL AND revoked_at IS NULL`, id, now)
	return err
}

// invite is a row of invites locked for use.
type invite struct {
	id, athleteID, userID int64
	kind                  InviteKind
	expiresAt             time.Time
	used, revoked         bool
}

// InviteByToken returns what a link is for, or why it can no longer be used.
func (s *Store) InviteByToken(ctx context.Context, tokenHash []byte) (Invite, error) {
	var in Invite
	var used, revoked bool
	err := s.pool.QueryRow(ctx, `
		SELECT i.kind, coalesce(a.name, u.name, ''), coalesce(a.email, u.email, i.email, ''), coalesce(c.name, ''),
		       i.expires_at, i.used_at IS NOT NULL, i.revoked_at IS NOT NULL
		FROM invites i
		LEFT JOIN athletes a ON a.id = i.athlete_id
		LEFT JOIN users u ON u.id = i.user_id
		LEFT JOIN users c ON c.id = i.created_by
		WHERE i.token_hash = $1`, tokenHash).
		Scan(&in.Kind, &in.Name, &in.Email, &in.CoachName, &in.ExpiresAt, &used, &revoked)
	if err != nil {
		return Invite{}, wrap(err, "link")
	}
	return in, s.usable(used, revoked, in.ExpiresAt)
}

func (s *Store) usable(used, revoked bool, expires time.Time) error {
	switch {
	case used:
		return ErrLinkUsed
	case revoked:
		return ErrLinkRevoked
	case !s.Now().Before(expires):
		return ErrLinkExpired
	}
	return nil
}

// useInvite locks the link of kind and checks it can be used.
func (s *Store) useInvite(ctx context.Context, tx pgx.Tx, tokenHash []byte, kind InviteKind) (invite, error) {
	var in invite
	err := tx.QueryRow(ctx, `
		SELECT id, coalesce(athlete_id, 0), coalesce(user_id, 0), kind, expires_at, used_at IS NOT NULL, revoked_at IS NOT NULL
		FROM invites WHERE token_hash = $1 AND kind = $2 FOR UPDATE`, tokenHash, kind).
		Scan(&in.id, &in.athleteID, &in.userID, &in.kind, &in.expiresAt, &in.used, &in.revoked)
	if err != nil {
		return in, err
	}
	if err := s.usable(in.used, in.revoked, in.expiresAt); err != nil {
		return in, err
	}
	_, err = tx.Exec(ctx, `UPDATE invites SET used_at = $2 WHERE id = $1`, in.id, s.Now())
	return in, err
}

// AcceptAthleteInvite creates the athlete's account with the password and
// links it to their athlete record. The link is then used up. Locks are
// taken athlete row first, then invite, as IssueAthleteInvite takes them,
// so the two cannot deadlock.
func (s *Store) AcceptAthleteInvite(ctx context.Context, tokenHash []byte, passwordHash string) (User, error) {
	var u User
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var athleteID int64
		if err := tx.QueryRow(ctx, `SELECT athlete_id FROM invites WHERE token_hash = $1 AND kind = 'athlete'`, tokenHash).Scan(&athleteID); err != nil {
			return err
		}
		var name, email, zone string
		var joined bool
		err := tx.QueryRow(ctx, `SELECT name, email, timezone, user_id IS NOT NULL FROM athletes WHERE id = $1 FOR UPDATE`, athleteID).
			Scan(&name, &email, &zone, &joined)
		if err != nil {
			return err
		}
		if _, err := s.useInvite(ctx, tx, tokenHash, AthleteInvite); err != nil {
			return err
		}
		if joined {
			return ErrLinkUsed
		}
		if u, err = insertUser(ctx, tx, name, email, passwordHash, RoleAthlete, false, s.Now()); err != nil {
			return err
		}
		u.AthleteID, u.Timezone = athleteID, zone
		_, err = tx.Exec(ctx, `UPDATE athletes SET user_id = $1 WHERE id = $2`, u.ID, athleteID)
		return err
	})
	return u, wrap(err, "link")
}

// AcceptCoachInvite creates a coach account from an admin's invite.
func (s *Store) AcceptCoachInvite(ctx context.Context, tokenHash []byte, name, email, passwordHash string) (User, error) {
	var u User
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := s.useInvite(ctx, tx, tokenHash, CoachInvite); err != nil {
			return err
		}
		var err error
		u, err = insertUser(ctx, tx, name, email, passwordHash, RoleCoach, false, s.Now())
		return err
	})
	return u, wrap(err, "link")
}

// ResetPassword sets a new password from a reset link. Sessions made
// before now stop working (see users.password_changed_at).
func (s *Store) ResetPassword(ctx context.Context, tokenHash []byte, passwordHash string) (User, error) {
	var id int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		in, err := s.useInvite(ctx, tx, tokenHash, PasswordReset)
		if err != nil {
			return err
		}
		id = in.userID
		_, err = tx.Exec(ctx, `UPDATE users SET password_hash = $2, password_changed_at = $3 WHERE id = $1`, id, passwordHash, s.Now())
		return err
	})
	if err != nil {
		return User{}, wrap(err, "link")
	}
	return s.User(ctx, id)
}
