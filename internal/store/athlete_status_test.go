package store_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/load"
	"rebound/internal/store"
	"rebound/internal/training"
)

// Windows of the tests: a week of check-ins, five days of recovery.
const testSince, testRecovery = 6, 5

// wantRoster is what Roster should say of one athlete: its entry, and its
// readiness a day at a time ("72g"; "-": no check-in), oldest first.
type wantRoster struct {
	entry     store.RosterEntry
	readiness []string
}

// rosterFromTables reads what Roster returns straight from check-ins,
// workouts, events and workout_days, as of the store's clock, with the
// week's time so far from package load's WeekSoFar: the reference the
// kept athlete_status rows must always agree with.
func rosterFromTables(t *testing.T, st *store.Store, coach store.User) map[int64]wantRoster {
	t.Helper()
	ctx := context.Background()
	rows, err := st.Pool().Query(ctx, `
		SELECT a.id, (($1::timestamptz) AT TIME ZONE a.timezone)::date, a.week_starts_sunday FROM athletes a
		WHERE a.coach_id = $2 AND a.archived_at IS NULL`, st.Now(), coach.ID)
	if err != nil {
		t.Fatal(err)
	}
	type athlete struct {
		today  time.Time
		sunday bool
	}
	athletes := map[int64]athlete{}
	var id int64
	var a athlete
	if _, err := pgx.ForEachRow(rows, []any{&id, &a.today, &a.sunday}, func() error { athletes[id] = a; return nil }); err != nil {
		t.Fatal(err)
	}
	out := map[int64]wantRoster{}
	for id, a := range athletes {
		day := a.today
		w := wantRoster{entry: store.RosterEntry{Today: day}}
		e := &w.entry
		var lastDay *time.Time
		err := st.Pool().QueryRow(ctx, `SELECT max(day), (SELECT updated_at FROM checkins WHERE athlete_id = $1 AND answered ORDER BY day DESC LIMIT 1)
			FROM checkins WHERE athlete_id = $1 AND answered`, id).Scan(&lastDay, &e.LastCheckIn)
		if err != nil {
			t.Fatal(err)
		}
		if lastDay != nil {
			e.LastDay = *lastDay
		}
		for back := testSince; back >= 0; back-- {
			var c store.DayCheckIn
			r := &c.FirstReason
			err := st.Pool().QueryRow(ctx, `SELECT score, light, coalesce(reasons -> 0 ->> 'light', ''), coalesce(reasons -> 0 ->> 'code', ''),
					coalesce(reasons -> 0 ->> 'text', ''), jsonb_array_length(reasons)
				FROM checkins WHERE athlete_id = $1 AND answered AND day = $2`, id, day.AddDate(0, 0, -back)).
				Scan(&c.Score, &c.Light, &r.Light, &r.Code, &r.Text, &c.Reasons)
			switch {
			case err == pgx.ErrNoRows:
				w.readiness = append(w.readiness, "-")
			case err != nil:
				t.Fatal(err)
			default:
				w.readiness = append(w.readiness, fmt.Sprintf("%d%c", c.Score, c.Light[0]))
				if back == 0 {
					e.CheckIn = &c
				}
			}
		}
		var k store.NextWorkout
		if err := st.Pool().QueryRow(ctx, `SELECT id, day, title, kind FROM workouts WHERE athlete_id = $1 AND key AND status = 'planned'
				AND day >= $2 ORDER BY day, id LIMIT 1`, id, day).Scan(&k.ID, &k.Day, &k.Title, &k.Kind); err == nil {
			e.NextKey = &k
		} else if err != pgx.ErrNoRows {
			t.Fatal(err)
		}
		var ev store.NextEvent
		if err := st.Pool().QueryRow(ctx, `SELECT day, name FROM events WHERE athlete_id = $1 AND priority = 'A' AND day >= $2
				ORDER BY day, id LIMIT 1`, id, day).Scan(&ev.Day, &ev.Name); err == nil {
			e.NextEvent = &ev
		} else if err != pgx.ErrNoRows {
			t.Fatal(err)
		}
		// The week view's week: from Monday, or from Sunday.
		weekStart := training.WeekStart(day, a.sunday)
		rows, err := st.Pool().Query(ctx, `SELECT day, planned_s, settled_s, done_s, recovery_rpe, recovery_avg_hr, load_since, acute, chronic, atl, ctl, tsb
			FROM workout_days WHERE athlete_id = $1 AND day <= $2::date + 7 ORDER BY day`, id, day)
		if err != nil {
			t.Fatal(err)
		}
		var d store.DaySummary
		var since *time.Time
		_, err = pgx.ForEachRow(rows, []any{&d.Day, &d.PlannedS, &d.SettledS, &d.DoneS, &d.RecoveryRPE, &d.RecoveryAvgHR, &since,
			&d.State.Acute, &d.State.Chronic, &d.State.ATL, &d.State.CTL, &d.State.TSB}, func() error {
			if !d.Day.After(day) {
				e.LoadState = d.State
				e.LoadState.Day, e.LoadState.Since = d.Day, time.Time{}
				if since != nil {
					e.LoadState.Since = *since
				}
				if d.RecoveryRPE > 0 && !d.Day.Before(day.AddDate(0, 0, -testRecovery)) {
					e.Recovery = append(e.Recovery, store.RecoveryDay{Day: d.Day, RPE: d.RecoveryRPE, AvgHR: d.RecoveryAvgHR})
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		// The week's time so far is the Go rule's, on the week's workouts.
		week, err := st.Workouts(ctx, coach, id, weekStart, weekStart.AddDate(0, 0, 6))
		if err != nil {
			t.Fatal(err)
		}
		e.WeekPlannedS, e.WeekDoneS = load.WeekSoFar(week, day)
		out[id] = w
	}
	return out
}

// checkRoster compares Roster with the reference, athlete by athlete.
func checkRoster(t *testing.T, st *store.Store, coach store.User, when string) {
	t.Helper()
	list, err := st.Roster(context.Background(), coach, testSince, testRecovery)
	if err != nil {
		t.Fatalf("%s: %v", when, err)
	}
	want := rosterFromTables(t, st, coach)
	if len(list) != len(want) {
		t.Fatalf("%s: %d athletes, want %d", when, len(list), len(want))
	}
	for _, got := range list {
		id := got.ID
		w := want[id]
		var readiness []string
		for i := range got.Readiness.Days() {
			if score, light, ok := got.Readiness.Day(i); ok {
				readiness = append(readiness, fmt.Sprintf("%d%c", score, light[0]))
			} else {
				readiness = append(readiness, "-")
			}
		}
		if fmt.Sprint(readiness) != fmt.Sprint(w.readiness) {
			t.Fatalf("%s: athlete %d readiness %v, want %v", when, id, readiness, w.readiness)
		}
		got.Athlete, got.Readiness = training.Athlete{}, store.Readiness{}
		if got.LastCheckIn != nil && w.entry.LastCheckIn != nil && got.LastCheckIn.Equal(*w.entry.LastCheckIn) {
			got.LastCheckIn = w.entry.LastCheckIn
		}
		if !reflect.DeepEqual(got, w.entry) {
			t.Fatalf("%s: athlete %d\ngot  %+v\nwant %+v", when, id, got, w.entry)
		}
	}
}

// checkInSQL answers an athlete's check-in of a day (or changes it).
func checkInSQL(athlete int64, day time.Time, score int, light string) string {
	return fmt.Sprintf(`INSERT INTO checkins (athlete_id, day, answered, sleep_hours, sleep_quality, fatigue, soreness, stress, mood,
			motivation, score, light, reasons)
		VALUES (%d, '%s', true, 7.5, 3, 3, 3, 3, 3, 3, %d, '%s', '[{"light":"%s","code":"c%d","text":"because %d"}]')
		ON CONFLICT (athlete_id, day) DO UPDATE SET score = excluded.score, light = excluded.light, reasons = excluded.reasons,
			updated_at = now()`, athlete, day.Format(time.DateOnly), score, light, light, score, score)
}

// The dashboard's kept rows agree with the tables after any change the
// dashboard reads from — check-ins, workouts, events, an athlete's time
// zone, archiving — and as the days go by.
func TestRosterFollowsEveryChange(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	coach, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	other, _ := st.CreateCoach(ctx, "Otto", "otto@example.com", hash, true)
	var athletes []training.Athlete
	for i, tz := range []string{"UTC", "Pacific/Auckland", "America/Los_Angeles", "Europe/Warsaw"} {
		a, err := st.CreateAthlete(ctx, coach, store.NewAthlete{Name: fmt.Sprintf("Athlete %d", i), Email: fmt.Sprintf("a%d@example.com", i), Timezone: tz})
		if err != nil {
			t.Fatal(err)
		}
		athletes = append(athletes, a)
	}
	// Another coach's athlete changes too; it is never on this roster.
	elsewhere, _ := st.CreateAthlete(ctx, other, store.NewAthlete{Name: "Olga", Email: "olga@example.com", Timezone: "UTC"})
	now := time.Date(2026, 3, 10, 9, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { return now }
	checkRoster(t, st, coach, "empty")

	rng := rand.New(rand.NewPCG(5, 8))
	day := func() time.Time { return now.Truncate(24*time.Hour).AddDate(0, 0, rng.IntN(16)-9) }
	pick := func() training.Athlete { return athletes[rng.IntN(len(athletes))] }
	anyWorkout := `(SELECT id FROM workouts ORDER BY random() LIMIT 1)`
	for step := range 300 {
		a := pick()
		if rng.IntN(8) == 0 {
			a = elsewhere
		}
		var sql string
		switch op := rng.IntN(16); {
		case op < 4:
			sql = checkInSQL(a.ID, day(), rng.IntN(101), []string{"green", "amber", "red"}[rng.IntN(3)])
		case op == 4:
			sql = fmt.Sprintf(`DELETE FROM checkins WHERE athlete_id = %d AND day = '%s'`, a.ID, day().Format(time.DateOnly))
		case op < 8: // a run of days, some done (recovery ones too), some skipped, some to do
			sql = fmt.Sprintf(`INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned_duration_s, key, protected,
					status, actual_duration_s, rpe, avg_hr, logged_at)
				SELECT %d, %d, '%s'::date + i, 'run', k.kind, 'W%d', 600 + i * 300, k.kind IN ('intervals', 'long'), k.kind = 'recovery',
					s.status, CASE WHEN s.status = 'done' THEN 900 + i * 200 END, CASE WHEN s.status = 'done' THEN 1 + (i * 3) %% 10 END,
					CASE WHEN s.status = 'done' AND i %% 2 = 0 THEN 125 + i * 5 END, CASE WHEN s.status = 'done' THEN now() END
				FROM generate_series(0, %d) i,
					LATERAL (SELECT (ARRAY['easy', 'recovery', 'intervals', 'long'])[1 + (i + %d) %% 4] AS kind) k,
					LATERAL (SELECT (ARRAY['planned', 'done', 'skipped', 'done'])[1 + (i + %d) %% 4] AS status) s`,
				a.ID, a.CoachID, day().Format(time.DateOnly), step, rng.IntN(7), rng.IntN(4), rng.IntN(4))
		case op == 8:
			sql = fmt.Sprintf(`UPDATE workouts SET status = 'done', actual_duration_s = %d, rpe = %d, avg_hr = %d, logged_at = now()
				WHERE id = %s AND planned`, 600+rng.IntN(3600), 1+rng.IntN(10), 120+rng.IntN(40), anyWorkout)
		case op == 9:
			sql = `UPDATE workouts SET title = 'Renamed', day = day + 1 WHERE id = ` + anyWorkout
		case op == 10:
			sql = `DELETE FROM workouts WHERE id = ` + anyWorkout
		case op == 11:
			sql = fmt.Sprintf(`INSERT INTO events (athlete_id, coach_id, name, day, sport, kind, priority)
				VALUES (%d, %d, 'Race %d', '%s', 'run', '10k', '%s')`, a.ID, a.CoachID, step,
				now.AddDate(0, 0, rng.IntN(60)-10).Format(time.DateOnly), []string{"A", "B"}[rng.IntN(2)])
		case op == 12:
			sql = `DELETE FROM events WHERE id = (SELECT id FROM events ORDER BY random() LIMIT 1)`
		case op == 13:
			sql = fmt.Sprintf(`UPDATE athletes SET timezone = '%s' WHERE id = %d`,
				[]string{"UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago"}[rng.IntN(3)], a.ID)
		case op == 14 && step%2 == 0:
			sql = fmt.Sprintf(`UPDATE athletes SET week_starts_sunday = NOT week_starts_sunday WHERE id = %d`, a.ID)
		case op == 14:
			sql = fmt.Sprintf(`UPDATE athletes SET archived_at = CASE WHEN archived_at IS NULL THEN now() END WHERE id = %d`, a.ID)
		default:
			now = now.Add(time.Duration(1+rng.IntN(30)) * time.Hour)
		}
		if sql != "" {
			if _, err := st.Pool().Exec(ctx, sql); err != nil {
				t.Fatalf("step %d: %v\n%s", step, err, sql)
			}
		}
		if rng.IntN(3) == 0 { // let several changes pile up between looks
			checkRoster(t, st, coach, fmt.Sprintf("step %d", step))
		}
	}
	checkRoster(t, st, coach, "at the end")
	// Rows restored from another cluster: their snapshots, of transaction
	// ids from another history, say nothing here.
	if _, err := st.Pool().Exec(ctx, `UPDATE athlete_status SET cluster = cluster + 1, snapshot = '900000000:900000000:',
		last_day = NULL, key_title = 'From elsewhere', acute = 99`); err != nil {
		t.Fatal(err)
	}
	checkRoster(t, st, coach, "rows from another cluster")
	if _, err := st.Pool().Exec(ctx, `DELETE FROM athletes WHERE id = $1`, athletes[0].ID); err != nil {
		t.Fatalf("deleting an athlete: %v", err)
	}
	checkRoster(t, st, coach, "an athlete deleted")
}

// Dashboards refreshing the kept rows while athletes check in and log
// never leave a row behind: once the writers stop, the next look agrees
// with the tables, whichever committed first.
func TestRosterUnderConcurrentWriters(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	coach, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	var athletes []training.Athlete
	for i := range 6 {
		a, err := st.CreateAthlete(ctx, coach, store.NewAthlete{Name: fmt.Sprintf("Athlete %d", i), Email: fmt.Sprintf("a%d@example.com", i), Timezone: "UTC"})
		if err != nil {
			t.Fatal(err)
		}
		athletes = append(athletes, a)
	}
	today := time.Date(2026, 3, 10, 0, 0, 0, 0, time.UTC)
	st.Now = func() time.Time { return today.Add(9 * time.Hour) }
	stop := make(chan struct{})
	errs := make(chan error, 16)
	var readers, writers sync.WaitGroup
	for range 3 {
		readers.Go(func() {
			for {
				select {
				case <-stop:
					return
				default:
				}
				if _, err := st.Roster(ctx, coach, testSince, testRecovery); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	for w := range 4 {
		writers.Go(func() {
			rng := rand.New(rand.NewPCG(uint64(w), 9))
			for i := range 40 {
				a := athletes[rng.IntN(len(athletes))]
				sql := checkInSQL(a.ID, today.AddDate(0, 0, -rng.IntN(3)), rng.IntN(101), "amber")
				if i%2 == 1 {
					sql = fmt.Sprintf(`INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned_duration_s, key)
						VALUES (%d, %d, '%s', 'run', 'intervals', 'Key %d', 3600, true)`, a.ID, coach.ID,
						today.AddDate(0, 0, rng.IntN(5)).Format(time.DateOnly), i)
				}
				if _, err := st.Pool().Exec(ctx, sql); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	writers.Wait()
	close(stop)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	checkRoster(t, st, coach, "after the writers")
}
