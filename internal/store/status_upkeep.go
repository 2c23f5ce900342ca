package store

import (
	"context"
	"log/slog"
	"time"

	"github.com/jackc/pgx/v5"
)

// The dashboard's kept rows are recomputed when their coach opens it, and
// the log of changes (athlete_status_changes) is cleared then of what they
// saw. A coach who does not look for months would leave their athletes'
// daily changes in the log, and every coach's dashboard looks through the
// log's entries. RefreshUnseen keeps the log to what changed since the
// last pass.

// RefreshUnseen recomputes the kept rows of every coach whose active
// athletes have a change their rows do not see (or no row yet), one coach
// at a time, as opening their dashboard would (in its own transaction,
// under the coach's lock), with the dashboard's windows; it first removes
// the entries every row saw already (athlete_status_forget_seen: another
// refresh's leftovers). It returns how many coaches' rows it refreshed.
func (s *Store) RefreshUnseen(ctx context.Context, since, recovery int) (int, error) {
	if _, err := s.pool.Exec(ctx, `SELECT athlete_status_forget_seen(array(SELECT athlete_id FROM athlete_status))`); err != nil {
		return 0, wrap(err, "athlete")
	}
	rows, err := s.pool.Query(ctx, `SELECT DISTINCT a.coach_id FROM athletes a LEFT JOIN athlete_status s ON s.athlete_id = a.id
		WHERE a.archived_at IS NULL AND (a.id IN (SELECT u FROM athlete_status_unseen() u)
			OR s.athlete_id IS NULL AND a.id IN (SELECT c.athlete_id FROM athlete_status_changes c))`)
	if err != nil {
		return 0, wrap(err, "athlete")
	}
	coaches, err := pgx.CollectRows(rows, pgx.RowTo[int64])
	if err != nil {
		return 0, wrap(err, "athlete")
	}
	for i, coach := range coaches {
		if _, err := s.pool.Exec(ctx, `SELECT athlete_status_refresh($1, $2, $3, $4)`, coach, s.Now(), since, recovery); err != nil {
			return i, wrap(err, "athlete")
		}
	}
	return len(coaches), nil
}

// KeepStatusRows runs RefreshUnseen every interval until ctx ends.
func (s *Store) KeepStatusRows(ctx context.Context, interval time.Duration, since, recovery int, logger *slog.Logger) {
	every(ctx, interval, func() {
		if n, err := s.RefreshUnseen(ctx, since, recovery); err != nil {
			logger.Warn("refreshing the dashboards' kept rows", "err", err)
		} else if n > 0 {
			logger.Info("refreshed the dashboards' kept rows", "coaches", n)
		}
	})
}
