package store_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"rebound/internal/bulkdata"
	"rebound/internal/pgtest"
	"rebound/internal/store"
)

// The dashboard's refresh of one stale kept row reads that athlete's
// windows of history, not every athlete's history nor all of one
// athlete's, and looks in the log of changes once, not once for each
// athlete. Counted as the rows the refreshing transaction read from the
// tables that grow by the day (check-ins, workouts, day sums; table and
// index scans alike; events are a few a year, and a small table is rightly
// read whole) and the blocks it read of the log, on days whose plans
// differed: the start, middle and end of a week, a Sunday evening (some
// zones already in Monday), and days the clocks changed. A count rather
// than a time: the speed is measured by rebound-bench.
func TestStaleRowRefreshReadsOnlyItsWindows(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	end := time.Date(2026, 11, 10, 12, 0, 0, 0, time.UTC)
	const athletes = 30
	res, err := bulkdata.Load(ctx, st.Pool(), bulkdata.Options{Athletes: athletes, Days: 400, Logins: -1, Now: end, Prefix: "refresh"})
	if err != nil {
		t.Fatal(err)
	}
	coach := store.User{ID: res.Coach.UserID, Role: store.RoleCoach}
	var edited int64
	if err := st.Pool().QueryRow(ctx, `SELECT min(id) FROM athletes WHERE coach_id = $1`, coach.ID).Scan(&edited); err != nil {
		t.Fatal(err)
	}
	at := func(s, zone string) time.Time {
		loc, err := time.LoadLocation(zone)
		if err != nil {
			t.Fatal(err)
		}
		c, err := time.ParseInLocation("2006-01-02 15:04", s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	clocks := []struct {
		name string
		now  time.Time
	}{
		{"Monday", at("2026-11-02 09:00", "UTC")},
		{"Thursday", at("2026-11-05 12:00", "UTC")},
		{"Saturday", at("2026-11-07 10:00", "UTC")},
		{"Sunday evening", at("2026-11-08 20:30", "Europe/London")},
		{"Europe's clocks go back", at("2026-10-25 12:00", "Europe/Berlin")},
		{"America's clocks go back", at("2026-11-01 12:00", "America/New_York")},
		{"Europe's clocks go forward", at("2026-03-29 12:00", "Europe/London")},
	}
	// Each window read once, with room for a few single rows (the last
	// check-in, the day's reasons, the next key workout and A race, the
	// load state): at most twice over, however long the history.
	limit := 2 * ((testSince + 1) + 7 + (testRecovery + 1))
	// The change log is read once a statement, not once for each athlete
	// (a look in its index is a block or two).
	logLimit := athletes / 2
	for _, c := range clocks {
		st.Now = func() time.Time { return c.now }
		if _, err := st.RosterVersions(ctx, coach, testSince, testRecovery); err != nil {
			t.Fatal(err)
		}
		if _, err := st.Pool().Exec(ctx, `UPDATE checkins SET notes = $2
			WHERE athlete_id = $1 AND day = (SELECT max(day) FROM checkins WHERE athlete_id = $1)`, edited, "edited "+c.name); err != nil {
			t.Fatal(err)
		}
		refreshed, read, logBlocks := refreshCounted(t, st, coach, c.now)
		if refreshed != 1 || read > limit || logBlocks > logLimit {
			t.Errorf("%s (%s): the refresh recomputed %d rows reading %d rows of history and %d blocks of the change log, "+
				"want 1 row, at most %d rows and %d blocks",
				c.name, c.now.Format(time.RFC3339), refreshed, read, logBlocks, limit, logLimit)
		}
	}
}

// refreshCounted runs the dashboard's digest, which recomputes the stale
// kept rows, in a transaction of its own, and tells how many kept rows it
// wrote, how many rows of the tables of history it read, and how many
// blocks of the change log (table and index) it read.
func refreshCounted(t *testing.T, st *store.Store, coach store.User, now time.Time) (refreshed, read, logBlocks int) {
	t.Helper()
	ctx := context.Background()
	tx, err := st.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback(ctx)
	// Rows returned by sequential scans of the tables and by their indexes,
	// and blocks read, as the connection counts them until it reports to
	// the statistics (which it does outside transactions only): read
	// before and after.
	count := func() (refreshed, read, logBlocks int) {
		err := tx.QueryRow(ctx, `
			WITH rel AS (
				SELECT r.oid AS rel, r.oid AS table FROM pg_class r
				WHERE r.oid IN ('checkins'::regclass, 'workouts'::regclass, 'workout_days'::regclass, 'athlete_status_changes'::regclass)
				UNION ALL
				SELECT i.indexrelid, i.indrelid FROM pg_index i
				WHERE i.indrelid IN ('checkins'::regclass, 'workouts'::regclass, 'workout_days'::regclass, 'athlete_status_changes'::regclass))
			SELECT (SELECT count(*) FROM athlete_status WHERE xmin = pg_current_xact_id()::xid),
				(SELECT sum(pg_stat_get_xact_tuples_returned(rel)) FROM rel WHERE rel.table <> 'athlete_status_changes'::regclass),
				(SELECT sum(pg_stat_get_xact_blocks_fetched(rel)) FROM rel WHERE rel.table = 'athlete_status_changes'::regclass)`,
		).Scan(&refreshed, &read, &logBlocks)
		if err != nil {
			t.Fatal(fmt.Errorf("counting the refresh's reads: %w", err))
		}
		return refreshed, read, logBlocks
	}
	_, readBefore, blocksBefore := count()
	if _, err := tx.Exec(ctx, `SELECT athlete_status_versions($1, $2, $3, $4)`, coach.ID, now, testSince, testRecovery); err != nil {
		t.Fatal(err)
	}
	refreshed, read, logBlocks = count()
	read, logBlocks = read-readBefore, logBlocks-blocksBefore
	if err := tx.Commit(ctx); err != nil {
		t.Fatal(err)
	}
	return refreshed, read, logBlocks
}

// The dashboard's read of its changed rows by key runs with a generic plan
// (planning it anew took longer than the read), and the setting does not
// outlive it: the pool's one connection is back to the planner's choice.
func TestRosterRowsAreReadWithAGenericPlan(t *testing.T) {
	ctx := context.Background()
	dsn := pgtest.DSN(t)
	if strings.Contains(dsn, "://") {
		sep := "?"
		if strings.Contains(dsn, "?") {
			sep = "&"
		}
		dsn += sep + "pool_max_conns=1"
	} else {
		dsn += " pool_max_conns=1"
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	end := time.Date(2026, 11, 10, 12, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { return end }
	res, err := bulkdata.Load(ctx, st.Pool(), bulkdata.Options{Athletes: 4, Days: 30, Logins: -1, Now: end, Prefix: "generic"})
	if err != nil {
		t.Fatal(err)
	}
	coach := store.User{ID: res.Coach.UserID, Role: store.RoleCoach}
	v, err := st.RosterVersions(ctx, coach, testSince, testRecovery)
	if err != nil {
		t.Fatal(err)
	}
	for i := range v.IDs {
		rows, err := st.RosterRows(ctx, coach, v.IDs[:i+1])
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != i+1 {
			t.Fatalf("RosterRows of %d ids read %d rows", i+1, len(rows))
		}
	}
	var generic, custom int
	var mode string
	if err := st.Pool().QueryRow(ctx, `SELECT coalesce(sum(generic_plans), 0), coalesce(sum(custom_plans), 0),
		current_setting('plan_cache_mode') FROM pg_prepared_statements
		WHERE statement LIKE '%athlete_status_row_version(a.xmin, s.xmin)%' AND statement NOT LIKE '%pg_prepared_statements%'`).Scan(&generic, &custom, &mode); err != nil {
		t.Fatal(err)
	}
	if generic != len(v.IDs) || custom != 0 || mode != "auto" {
		t.Errorf("%d reads made %d generic and %d custom plans, and left plan_cache_mode %q; want %d, 0 and auto",
			len(v.IDs), generic, custom, mode, len(v.IDs))
	}
}
