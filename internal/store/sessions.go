package store

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
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
	tick := time.NewTicker(interval)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			if n, err := s.DeleteExpiredSessions(ctx); err != nil {
				logger.Warn("deleting expired sessions", "err", err)
			} else if n > 0 {
				logger.Info("deleted expired sessions", "count", n)
			}
		}
	}
}
