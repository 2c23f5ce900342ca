package store

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// DeleteExpiredSessions removes login sessions past their expiry. When
// several app processes share the database, an advisory lock lets one of
// them do it per round.
func (s *Store) DeleteExpiredSessions(ctx context.Context) (int64, error) {
	var deleted int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var mine bool
		if err := tx.QueryRow(ctx, `SELECT pg_try_advisory_xact_lock(hashtext('rebound.session-cleanup'))`).Scan(&mine); err != nil || !mine {
			return err
		}
		tag, err := tx.Exec(ctx, `DELETE FROM sessions WHERE expiry < $1`, s.Now())
		deleted = tag.RowsAffected()
		return err
	})
	return deleted, wrap(err, "session")
}

// CleanSessions deletes expired sessions every interval until ctx ends.
func (s *Store) CleanSessions(ctx context.Context, interval time.Duration, logger *slog.Logger) {
	every(ctx, interval, func() {
		if n, err := s.DeleteExpiredSessions(ctx); err != nil {
			logger.Warn("deleting expired sessions", "err", err)
		} else if n > 0 {
			logger.Info("deleted expired sessions", "count", n)
		}
	})
}

// every runs pass every interval until ctx ends.
func every(ctx context.Context, interval time.Duration, pass func()) {
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			pass()
		}
	}
}

// Sessions is the login sessions' store for the session manager: the
// sessions table, read and written with the request's context values, so
// a page's statements count the session's too, but not its cancellation:
// a sign-out whose browser closed at once still deletes. A session expires
// after idle without being written, or at its deadline, whichever is
// first: the app writes a session when its values change and, to keep a
// visitor signed in, once per renewal period, not on every visit. With a
// SessionUser in the context, a session is written with whose it is and
// read with that account (migration 00015).
type Sessions struct {
	pool *pgxpool.Pool
	idle time.Duration
}

// NewSessions returns the sessions' store; idle is how long a session
// lasts after it was last written.
func (s *Store) NewSessions(idle time.Duration) *Sessions {
	return &Sessions{pool: s.pool, idle: idle}
}

// SessionUser is whose session a request carries, kept through the
// request for the sessions' store.
type SessionUser struct {
	// ID is the signed-in account the session is written with (0: none).
	ID int64
	// User is the account the session was read with; zero if it had none.
	User User
	// loaded is the token the session was read under: writing it again
	// updates that row and never brings it back once a sign-out deleted it.
	loaded string
}

type sessionUserKey struct{}

// WithSessionUser returns a context in which the sessions' store reads
// and writes whose the session is in the returned SessionUser.
func WithSessionUser(ctx context.Context) (context.Context, *SessionUser) {
	su := &SessionUser{}
	return context.WithValue(ctx, sessionUserKey{}, su), su
}

// SessionUserFrom returns the context's SessionUser, or nil.
func SessionUserFrom(ctx context.Context) *SessionUser {
	su, _ := ctx.Value(sessionUserKey{}).(*SessionUser)
	return su
}

func (ss *Sessions) FindCtx(ctx context.Context, token string) ([]byte, bool, error) {
	var b []byte
	var u User
	err := ss.pool.QueryRow(context.WithoutCancel(ctx), `SELECT s.data, `+userColumns+` FROM sessions s
		LEFT JOIN users u ON u.id = s.user_id LEFT JOIN athletes a ON a.user_id = u.id
		WHERE s.token = $1 AND current_timestamp < s.expiry`, token).Scan(append([]any{&b}, u.dest()...)...)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, err
	}
	if su := SessionUserFrom(ctx); su != nil {
		su.User, su.loaded = u, token
	}
	return b, true, nil
}

// CommitCtx writes the session; deadline is when it ends whatever happens.
func (ss *Sessions) CommitCtx(ctx context.Context, token string, b []byte, deadline time.Time) error {
	expiry := time.Now().Add(ss.idle)
	if deadline.Before(expiry) {
		expiry = deadline
	}
	ctx = context.WithoutCancel(ctx)
	su := SessionUserFrom(ctx)
	if su == nil {
		su = &SessionUser{}
	}
	if su.loaded == token {
		// A request that read the session while another signed it out
		// finds no row: the session stays signed out.
		_, err := ss.pool.Exec(ctx, `UPDATE sessions SET data = $2, expiry = $3, user_id = nullif($4::bigint, 0) WHERE token = $1`,
			token, b, expiry, su.ID)
		return err
	}
	_, err := ss.pool.Exec(ctx, `INSERT INTO sessions (token, data, expiry, user_id) VALUES ($1, $2, $3, nullif($4::bigint, 0))
		ON CONFLICT (token) DO UPDATE SET data = EXCLUDED.data, expiry = EXCLUDED.expiry, user_id = EXCLUDED.user_id`,
		token, b, expiry, su.ID)
	return err
}

// DeleteCtx deletes the session; what the request writes after it is a
// new session, nobody's until a sign-in says whose.
func (ss *Sessions) DeleteCtx(ctx context.Context, token string) error {
	if su := SessionUserFrom(ctx); su != nil {
		*su = SessionUser{}
	}
	_, err := ss.pool.Exec(context.WithoutCancel(ctx), `DELETE FROM sessions WHERE token = $1`, token)
	return err
}

func (ss *Sessions) Find(token string) ([]byte, bool, error) {
	return ss.FindCtx(context.Background(), token)
}

func (ss *Sessions) Commit(token string, b []byte, deadline time.Time) error {
	return ss.CommitCtx(context.Background(), token, b, deadline)
}

func (ss *Sessions) Delete(token string) error { return ss.DeleteCtx(context.Background(), token) }
