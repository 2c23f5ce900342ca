package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"rebound/internal/bulkdata"
	"rebound/internal/store"
)

// A coach who stops opening the dashboard leaves their athletes' changes
// in the log that every coach's dashboard looks through; the periodic
// pass recomputes their rows, as opening the dashboard would, and so
// clears the log, for coaches who looked once and for those who never did,
// while coaches whose rows are fresh are left alone (the entries their
// rows saw already deleted).
func TestRefreshUnseenClearsTheLogOfCoachesWhoDoNotLook(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	end := time.Date(2026, 11, 10, 12, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { return end }
	load := func(prefix string) store.User {
		res, err := bulkdata.Load(ctx, st.Pool(), bulkdata.Options{Athletes: 3, Days: 40, Logins: -1, Now: end, Prefix: prefix})
		if err != nil {
			t.Fatal(err)
		}
		return store.User{ID: res.Coach.UserID, Role: store.RoleCoach}
	}
	busy, idle, never := load("busy"), load("idle"), load("never")
	versions := map[int64]store.RosterVersions{}
	for _, c := range []store.User{busy, idle} {
		v, err := st.RosterVersions(ctx, c, testSince, testRecovery)
		if err != nil {
			t.Fatal(err)
		}
		versions[c.ID] = v
	}
	// The idle coach's athletes keep writing, a statement at a time.
	for i := range 40 {
		if _, err := st.Pool().Exec(ctx, `UPDATE checkins SET notes = $2
			WHERE athlete_id = (SELECT min(id) FROM athletes WHERE coach_id = $1)
			AND day = (SELECT max(day) FROM checkins c JOIN athletes a ON a.id = c.athlete_id WHERE a.coach_id = $1)`,
			idle.ID, fmt.Sprint("note ", i)); err != nil {
			t.Fatal(err)
		}
	}
	logOf := func(c store.User) (n int) {
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM athlete_status_changes x JOIN athletes a ON a.id = x.athlete_id
			WHERE a.coach_id = $1`, c.ID).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if n := logOf(idle); n < 40 {
		t.Fatalf("the idle coach's athletes have %d changes in the log, want at least 40", n)
	}
	// An entry the busy coach's row saw already (a transaction older than
	// any snapshot), as a refresh interrupted mid-way leaves: deleted,
	// without recomputing that coach's rows.
	if _, err := st.Pool().Exec(ctx, `INSERT INTO athlete_status_changes (athlete_id, tx)
		SELECT min(id), '3'::xid8 FROM athletes WHERE coach_id = $1`, busy.ID); err != nil {
		t.Fatal(err)
	}

	refreshed, err := st.RefreshUnseen(ctx, testSince, testRecovery)
	if err != nil {
		t.Fatal(err)
	}
	if refreshed != 2 {
		t.Errorf("RefreshUnseen refreshed %d coaches' rows, want 2 (the idle coach and the one who never looked)", refreshed)
	}
	for name, c := range map[string]store.User{"busy": busy, "idle": idle, "never": never} {
		if n := logOf(c); n != 0 {
			t.Errorf("the %s coach's athletes have %d changes left in the log, want none", name, n)
		}
		var rows int
		if err := st.Pool().QueryRow(ctx, `SELECT count(*) FROM athlete_status s JOIN athletes a ON a.id = s.athlete_id
			WHERE a.coach_id = $1`, c.ID).Scan(&rows); err != nil {
			t.Fatal(err)
		}
		if rows != 3 {
			t.Errorf("the %s coach has %d kept rows, want 3", name, rows)
		}
	}
	// The rows are as a dashboard would find them: nothing left to
	// recompute, and the idle coach's edited row has a new version.
	for _, c := range []store.User{busy, idle} {
		if refreshed, _, _ := refreshCounted(t, st, c, end); refreshed != 0 {
			t.Errorf("coach %d's dashboard recomputed %d rows after the pass, want none", c.ID, refreshed)
		}
	}
	after, err := st.RosterVersions(ctx, idle, testSince, testRecovery)
	if err != nil {
		t.Fatal(err)
	}
	if slices.Equal(after.Versions, versions[idle.ID].Versions) {
		t.Error("the idle coach's rows have the versions they had before their athletes' changes")
	}
	if again, err := st.RefreshUnseen(ctx, testSince, testRecovery); err != nil || again != 0 {
		t.Errorf("a second pass refreshed %d coaches' rows (%v), want none", again, err)
	}
}
