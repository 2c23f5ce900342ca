package store

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/apperr"
)

// Role is what an account is: a coach or an athlete.
type Role string

const (
	RoleCoach   Role = "coach"
	RoleAthlete Role = "athlete"
)

// User is a signed-in account, and the actor every scoped query takes.
type User struct {
	ID                int64
	Name              string
	Email             string
	Role              Role
	IsAdmin           bool
	PasswordChangedAt time.Time
	AthleteID         int64  // an athlete's own athlete record; 0 for coaches
	Timezone          string // that record's time zone, so an athlete's today needs no query of its own
}

// ErrEmailTaken is the conflict of signing up with an e-mail in use.
var ErrEmailTaken = apperr.New(apperr.Conflict, "An account with this e-mail address already exists. Sign in instead, or use another address.")

// ErrSignupClosed refuses a coach sign-up after the first one, unless open.
var ErrSignupClosed = apperr.New(apperr.Forbidden, "Sign-up is closed on this server. Ask its admin for an invite.")

// userColumns read a User from users u and athletes a; where there is no
// user (an outer join), they read the zero User.
const userColumns = `coalesce(u.id, 0), coalesce(u.name, ''), coalesce(u.email, ''), coalesce(u.role, ''),
	coalesce(u.is_admin, false), coalesce(u.password_changed_at, '0001-01-01 00:00:00Z'), coalesce(a.id, 0), coalesce(a.timezone, '')`

func (u *User) dest() []any {
	return []any{&u.ID, &u.Name, &u.Email, &u.Role, &u.IsAdmin, &u.PasswordChangedAt, &u.AthleteID, &u.Timezone}
}

func scanUser(row pgx.Row) (User, error) {
	var u User
	err := row.Scan(u.dest()...)
	return u, err
}

// NormalizeEmail trims an address; comparisons ignore case in SQL.
func NormalizeEmail(email string) string { return strings.TrimSpace(email) }

// HasUsers reports whether any account exists (the first sign-up is open).
func (s *Store) HasUsers(ctx context.Context) (bool, error) {
	var exists bool
	err := s.pool.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users)`).Scan(&exists)
	return exists, wrap(err, "user")
}

// CreateCoach creates a coach account. The first account of the instance
// becomes its admin; later ones need open sign-up. A lock serialises
// concurrent first sign-ups, so there is exactly one first coach.
func (s *Store) CreateCoach(ctx context.Context, name, email, passwordHash string, openSignup bool) (User, error) {
	var u User
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('rebound.signup'))`); err != nil {
			return err
		}
		var exists bool
		if err := tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM users)`).Scan(&exists); err != nil {
			return err
		}
		if exists && !openSignup {
			return ErrSignupClosed
		}
		var err error
		u, err = insertUser(ctx, tx, name, email, passwordHash, RoleCoach, !exists, s.Now())
		return err
	})
	return u, wrap(err, "user")
}

func insertUser(ctx context.Context, tx pgx.Tx, name, email, passwordHash string, role Role, admin bool, now time.Time) (User, error) {
	u := User{Name: strings.TrimSpace(name), Email: NormalizeEmail(email), Role: role, IsAdmin: admin, PasswordChangedAt: now}
	err := tx.QueryRow(ctx, `
		INSERT INTO users (name, email, password_hash, role, is_admin, created_at, password_changed_at)
		VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
		u.Name, u.Email, passwordHash, role, admin, now).Scan(&u.ID)
	if uniqueViolation(err, "users_email_key") {
		return User{}, ErrEmailTaken
	}
	return u, err
}

// Credentials returns the account with this e-mail and its password hash.
func (s *Store) Credentials(ctx context.Context, email string) (User, string, error) {
	var hash string
	var u User
	err := s.pool.QueryRow(ctx, `
		SELECT `+userColumns+`, u.password_hash
		FROM users u LEFT JOIN athletes a ON a.user_id = u.id
		WHERE lower(u.email) = lower($1)`, NormalizeEmail(email)).
		Scan(&u.ID, &u.Name, &u.Email, &u.Role, &u.IsAdmin, &u.PasswordChangedAt, &u.AthleteID, &u.Timezone, &hash)
	return u, hash, wrap(err, "account")
}

// User returns the account with this id.
func (s *Store) User(ctx context.Context, id int64) (User, error) {
	u, err := scanUser(s.pool.QueryRow(ctx, `
		SELECT `+userColumns+` FROM users u LEFT JOIN athletes a ON a.user_id = u.id WHERE u.id = $1`, id))
	return u, wrap(err, "account")
}

// CoachSummary is a coach account as the admin's list shows it.
type CoachSummary struct {
	User
	Athletes int
}

// Coaches lists the instance's coaches, for its admin only.
func (s *Store) Coaches(ctx context.Context, admin User) ([]CoachSummary, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT u.id, u.name, u.email, u.role, u.is_admin, u.password_changed_at, 0,
		       (SELECT count(*) FROM athletes a WHERE a.coach_id = u.id)
		FROM users u
		WHERE u.role = 'coach' AND EXISTS (SELECT 1 FROM users me WHERE me.id = $1 AND me.is_admin)
		ORDER BY lower(u.name), u.id`, admin.ID)
	if err != nil {
		return nil, wrap(err, "coach")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (CoachSummary, error) {
		var c CoachSummary
		err := row.Scan(&c.ID, &c.Name, &c.Email, &c.Role, &c.IsAdmin, &c.PasswordChangedAt, &c.AthleteID, &c.Athletes)
		return c, err
	})
	return list, wrap(err, "coach")
}
