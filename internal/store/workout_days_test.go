package store_test

import (
	"context"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/load"
	"rebound/internal/store"
	"rebound/internal/training"
)

// dayKey is one athlete's day.
type dayKey struct {
	athlete int64
	day     time.Time
}

// wantDays works out workout_days from the workouts table in Go: the day
// sums as the trigger adds them up, and the load state with package load,
// day after stored day from each athlete's first.
func wantDays(t *testing.T, st *store.Store) map[dayKey]store.DaySummary {
	t.Helper()
	rows, err := st.Pool().Query(context.Background(), `
		SELECT athlete_id, day, status, planned, kind, coalesce(planned_duration_s, 0), coalesce(actual_duration_s, 0),
			rpe::float8, coalesce(avg_hr, 0), coalesce(estimated_load, 0)
		FROM workouts`)
	if err != nil {
		t.Fatal(err)
	}
	out := map[dayKey]store.DaySummary{}
	var k dayKey
	var status, kind string
	var planned bool
	var plannedS, actualS, avgHR int
	var rated *float64
	var estimate float64
	_, err = pgx.ForEachRow(rows, []any{&k.athlete, &k.day, &status, &planned, &kind, &plannedS, &actualS, &rated, &avgHR, &estimate}, func() error {
		d := out[k]
		d.Day = k.day
		done := status == "done"
		rpe := 0.0
		if rated != nil {
			rpe = *rated
		}
		if done {
			d.Load += load.DoneLoad(rated != nil, rpe, float64(actualS)/60, estimate)
			d.AllDoneS += actualS
		}
		if planned {
			d.PlannedS += plannedS
			if status != "planned" {
				d.SettledS += plannedS
			}
			if done {
				d.DoneS += actualS
			}
		}
		if done && kind == "recovery" {
			d.RecoveryRPE, d.RecoveryAvgHR = max(d.RecoveryRPE, rpe), max(d.RecoveryAvgHR, avgHR)
		}
		out[k] = d
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	keys := slices.Collect(maps.Keys(out))
	slices.SortFunc(keys, func(a, b dayKey) int {
		if a.athlete != b.athlete {
			return int(a.athlete - b.athlete)
		}
		return a.day.Compare(b.day)
	})
	var s load.State
	for i, k := range keys {
		if i == 0 || keys[i-1].athlete != k.athlete {
			s = load.State{}
		}
		d := out[k]
		s = load.Advance(s, k.day, d.Load)
		d.State = s
		out[k] = d
	}
	return out
}

// storedDays reads workout_days as it is.
func storedDays(t *testing.T, st *store.Store) map[dayKey]store.DaySummary {
	t.Helper()
	rows, err := st.Pool().Query(context.Background(), `
		SELECT athlete_id, day, load, planned_s, settled_s, done_s, all_done_s, recovery_rpe, recovery_avg_hr,
			load_since, acute, chronic, atl, ctl, tsb
		FROM workout_days`)
	if err != nil {
		t.Fatal(err)
	}
	out := map[dayKey]store.DaySummary{}
	var k dayKey
	var d store.DaySummary
	var since *time.Time
	_, err = pgx.ForEachRow(rows, []any{&k.athlete, &k.day, &d.Load, &d.PlannedS, &d.SettledS, &d.DoneS, &d.AllDoneS,
		&d.RecoveryRPE, &d.RecoveryAvgHR, &since, &d.State.Acute, &d.State.Chronic, &d.State.ATL, &d.State.CTL, &d.State.TSB}, func() error {
		d.Day, d.State.Day, d.State.Since = k.day, k.day, time.Time{}
		if since != nil {
			d.State.Since = *since
		}
		out[k] = d
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// sameFloat is equality within 1e-9, relative to the size of the numbers
// (loads run to thousands).
func sameFloat(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// checkDays compares workout_days with the Go reference, row by row.
func checkDays(t *testing.T, st *store.Store, when string) {
	t.Helper()
	want, got := wantDays(t, st), storedDays(t, st)
	for k, w := range want {
		g, ok := got[k]
		if !ok {
			t.Fatalf("%s: athlete %d has no row for %s", when, k.athlete, k.day.Format(time.DateOnly))
		}
		ws, gs := w.State, g.State
		if g.PlannedS != w.PlannedS || g.SettledS != w.SettledS || g.DoneS != w.DoneS || g.AllDoneS != w.AllDoneS ||
			g.RecoveryRPE != w.RecoveryRPE || g.RecoveryAvgHR != w.RecoveryAvgHR || !sameFloat(g.Load, w.Load) ||
			!gs.Since.Equal(ws.Since) || !sameFloat(gs.Acute, ws.Acute) || !sameFloat(gs.Chronic, ws.Chronic) ||
			!sameFloat(gs.ATL, ws.ATL) || !sameFloat(gs.CTL, ws.CTL) || !sameFloat(gs.TSB, ws.TSB) {
			t.Fatalf("%s: athlete %d on %s:\nstored %+v\nwant   %+v", when, k.athlete, k.day.Format(time.DateOnly), g, w)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			t.Fatalf("%s: athlete %d has a row for %s, a day without workouts", when, k.athlete, k.day.Format(time.DateOnly))
		}
	}
}

// The triggers on workouts keep workout_days equal to package load's
// computation whatever is written, in any order: inserts, logs (by hand,
// and from a file with an estimate until rated), edits,
// moves to another day or athlete, deletes, several rows at once, and an
// athlete deleted; and a rebuild from scratch gives the same.
func TestWorkoutDaysFollowWorkouts(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	coach, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	var athletes []int64
	for i := range 3 {
		a, err := st.CreateAthlete(ctx, coach, store.NewAthlete{Name: fmt.Sprintf("Athlete %d", i), Email: fmt.Sprintf("a%d@example.com", i), Timezone: "UTC"})
		if err != nil {
			t.Fatal(err)
		}
		athletes = append(athletes, a.ID)
	}
	first := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for seed := range uint64(4) {
		rng := rand.New(rand.NewPCG(seed, 11))
		day := func() string { return first.AddDate(0, 0, rng.IntN(80)).Format(time.DateOnly) }
		athlete := func() int64 { return athletes[rng.IntN(len(athletes))] }
		done := func() string {
			return fmt.Sprintf("status = 'done', actual_duration_s = %d, rpe = %.1f, avg_hr = %s, logged_at = now()",
				rng.IntN(3*3600), float64(rng.IntN(21))/2, []string{"NULL", "130", "155"}[rng.IntN(3)])
		}
		anyWorkout := `(SELECT id FROM workouts ORDER BY random() LIMIT 1)`
		for step := range 150 {
			var sql string
			switch op := rng.IntN(10); {
			case op < 3:
				kind := []string{"easy", "recovery", "long", "rest"}[rng.IntN(4)]
				sql = fmt.Sprintf(`INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned_duration_s, protected)
					VALUES (%d, %d, '%s', 'run', '%s', 'W', %d, %t)`, athlete(), coach.ID, day(), kind, rng.IntN(2*3600), kind == "recovery")
			case op == 3:
				sql = fmt.Sprintf(`INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, status,
						actual_duration_s, rpe, logged_at)
					SELECT %d, %d, '%s'::date + i * %d, 'bike', 'easy', 'Unplanned', false, 'done', 1800 + i * 60, 5.5, now()
					FROM generate_series(0, %d) i`, athlete(), coach.ID, day(), 1+rng.IntN(3), rng.IntN(6))
			case op == 4:
				sql = `UPDATE workouts SET ` + done() + ` WHERE id = ` + anyWorkout + ` AND planned`
			case op == 5 && rng.IntN(3) > 0: // done from a file: no RPE yet, an estimate
				sql = fmt.Sprintf(`UPDATE workouts SET status = 'done', actual_duration_s = %d, rpe = NULL, estimated_load = %.1f,
					load_method = 'heart rate', avg_hr = %s, logged_at = now() WHERE id = %s AND planned`,
					rng.IntN(3*3600), rng.Float64()*400, []string{"NULL", "130", "155"}[rng.IntN(3)], anyWorkout)
			case op == 5: // the athlete rates one: the RPE counts, the estimate no longer
				sql = fmt.Sprintf(`UPDATE workouts SET rpe = %d WHERE id = (SELECT id FROM workouts WHERE status = 'done' AND rpe IS NULL
					ORDER BY random() LIMIT 1)`, rng.IntN(11))
			case op == 6:
				sql = `UPDATE workouts SET status = 'skipped', actual_duration_s = NULL, rpe = NULL, avg_hr = NULL, actual_distance_m = NULL,
					estimated_load = NULL, load_method = NULL
					WHERE id = ` + anyWorkout + ` AND planned`
			case op == 7:
				sql = fmt.Sprintf(`UPDATE workouts SET day = '%s', athlete_id = %d WHERE id = %s`, day(), athlete(), anyWorkout)
			case op == 8:
				sql = fmt.Sprintf(`UPDATE workouts SET day = day + %d, title = 'Moved' WHERE athlete_id = %d AND day < '%s'`,
					rng.IntN(5)-2, athlete(), day())
			default:
				sql = `DELETE FROM workouts WHERE id = ` + anyWorkout
			}
			if _, err := st.Pool().Exec(ctx, sql); err != nil {
				t.Fatalf("seed %d step %d: %v\n%s", seed, step, err, sql)
			}
			checkDays(t, st, fmt.Sprintf("seed %d step %d", seed, step))
		}
	}
	if _, err := st.Pool().Exec(ctx, `UPDATE workouts SET title = 'Renamed', description = 'x'`); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Pool().Exec(ctx, `SELECT workout_days_rebuild()`); err != nil {
		t.Fatal(err)
	}
	checkDays(t, st, "rebuilt")
	if _, err := st.Pool().Exec(ctx, `DELETE FROM athletes WHERE id = $1`, athletes[0]); err != nil {
		t.Fatal(err)
	}
	checkDays(t, st, "an athlete deleted")
}

// Writers of one athlete's workouts in concurrent transactions leave the
// same days as writing them one after the other.
func TestWorkoutDaysUnderConcurrentWriters(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	coach, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	a, err := st.CreateAthlete(ctx, coach, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	first := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for w := range 4 {
		wg.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 3))
			for range 25 {
				err := pgx.BeginFunc(ctx, st.Pool(), func(tx pgx.Tx) error {
					for range 3 {
						if _, err := tx.Exec(ctx, `INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, status,
								actual_duration_s, rpe, logged_at) VALUES ($1, $2, $3, 'run', 'easy', 'Run', false, 'done', $4, $5, now())`,
							a.ID, coach.ID, first.AddDate(0, 0, rng.IntN(40)), 600+rng.IntN(5400), float64(1+rng.IntN(9))); err != nil {
							return err
						}
					}
					return nil
				})
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	checkDays(t, st, "after concurrent writers")
}

// A transaction that edits two workouts of an athlete while another edits
// the second one does not deadlock: the days are recomputed at commit,
// after every workout lock either takes.
func TestWorkoutDaysDoNotDeadlockEdits(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	coach, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	a, err := st.CreateAthlete(ctx, coach, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	first, _ := st.AddWorkout(ctx, coach, a.ID, day, training.Prescription{Sport: "run", Kind: "easy", Title: "One", PlannedDurationS: 1800})
	second, _ := st.AddWorkout(ctx, coach, a.ID, day.AddDate(0, 0, 1), training.Prescription{Sport: "run", Kind: "easy", Title: "Two", PlannedDurationS: 1800})
	logDone := `UPDATE workouts SET status = 'done', actual_duration_s = $2, rpe = 5, logged_at = now() WHERE id = $1`

	t1, err := st.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer t1.Rollback(ctx)
	t2, err := st.Pool().Begin(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer t2.Rollback(ctx)
	if _, err := t1.Exec(ctx, logDone, first.ID, 1800); err != nil {
		t.Fatal(err)
	}
	if _, err := t2.Exec(ctx, logDone, second.ID, 2400); err != nil {
		t.Fatal(err)
	}
	var t1PID int
	if err := t1.QueryRow(ctx, `SELECT pg_backend_pid()`).Scan(&t1PID); err != nil {
		t.Fatal(err)
	}
	blocked := make(chan error, 1)
	go func() { // waits for t2's lock on the second workout
		_, err := t1.Exec(ctx, logDone, second.ID, 3000)
		if err == nil {
			err = t1.Commit(ctx)
		}
		blocked <- err
	}()
	// t2 commits only once t1 waits for its lock, or the test proves nothing.
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		var waiting bool
		if err := st.Pool().QueryRow(ctx, `SELECT EXISTS (SELECT FROM pg_locks WHERE pid = $1 AND NOT granted)`, t1PID).Scan(&waiting); err != nil {
			t.Fatal(err)
		}
		if waiting {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the first transaction did not wait for the second's lock within 10 s")
		}
	}
	if err := t2.Commit(ctx); err != nil {
		t.Fatalf("the second transaction: %v", err)
	}
	if err := <-blocked; err != nil {
		t.Fatalf("the first transaction: %v", err)
	}
	checkDays(t, st, "after both committed")
}
