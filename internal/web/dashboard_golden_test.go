package web

import (
	"context"
	"flag"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"rebound/internal/training"
)

var updateGolden = flag.Bool("update", false, "rewrite the dashboard's golden page in testdata")

// The dashboard of a seeded coach, on a fixed clock, is the page in
// testdata byte for byte, drawn to keep (gzip) and drawn each time (none),
// in each view: how the page is drawn may change, what it draws may not
// without the golden page changing with it (-update).
func TestDashboardGolden(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	now := time.Date(2026, 3, 11, 10, 0, 0, 0, time.UTC) // a Wednesday
	a.store.Now = func() time.Time { return now }
	coach := a.coach("Carla Coach", "carla@example.com")
	maya, mayaUser := a.athlete(coach, "Maya Runner", "maya@example.com")
	sam, _ := a.athlete(coach, "Sam Steady", "sam@example.com")
	olga, _ := a.athlete(coach, "Olga Quiet", "olga@example.com")
	nina, _ := a.athlete(coach, `Nina <Test> & "Co"`, "nina@example.com")
	paul, _ := a.athlete(coach, "Paul Pace", "paul@example.com")
	pool := a.store.Pool()
	exec := func(sql string, args ...any) {
		t.Helper()
		if _, err := pool.Exec(ctx, sql, args...); err != nil {
			t.Fatal(err)
		}
	}
	exec(`UPDATE athletes SET timezone = 'America/New_York' WHERE id = $1`, sam.ID)
	exec(`UPDATE athletes SET timezone = 'Asia/Tokyo', tags = '{Masters}' WHERE id = $1`, olga.ID)
	exec(`UPDATE athletes SET tags = '{Track,Masters}', threshold_hr = 165 WHERE id = $1`, maya.ID)
	// Check-ins: each athlete's days before the fixed day, scores varying,
	// some days missed; answered at 07:15 in their zone.
	checkins := func(id int64, zone string, from, to int, every int, light string, score int, reason string) {
		t.Helper()
		exec(`INSERT INTO checkins (athlete_id, day, answered, sleep_hours, sleep_quality, fatigue, soreness, stress, mood,
				motivation, resting_hr, hrv_rmssd, score, light, reasons, created_at, updated_at)
			SELECT $1, d, true, 7.5, 4, 4, 4, 4, 4, 4, 50, 60, $5 - (i % 7) * 3, $4, jsonb_build_array($6::jsonb), t, t
			FROM generate_series($2::int, $3::int, $7::int) i,
				LATERAL (SELECT '2026-03-11'::date - i AS d) x,
				LATERAL (SELECT (d + time '07:15') AT TIME ZONE $8 AS t) y`,
			id, from, to, light, score, reason, every, zone)
	}
	green := `{"light":"green","code":"ok","text":"All as usual"}`
	checkins(maya.ID, "Europe/Berlin", 1, 30, 1, "green", 88, green)
	checkins(maya.ID, "Europe/Berlin", 0, 0, 1, "red", 40, `{"light":"red","code":"resting_hr","text":"Resting HR 11 bpm above your 7-day baseline (50 bpm)"}`)
	checkins(sam.ID, "America/New_York", 1, 20, 2, "green", 80, green)
	checkins(sam.ID, "America/New_York", 0, 0, 1, "amber", 61, `{"light":"amber","code":"overreaching_pattern","text":"Red flags over the last weeks: always tired — a pattern of overreaching (not a diagnosis)"}`)
	checkins(olga.ID, "Asia/Tokyo", 5, 25, 1, "green", 90, green)
	checkins(paul.ID, "Europe/Berlin", 0, 14, 3, "amber", 70, `{"light":"amber","code":"sleep","text":"Slept 5 h (under 6 h)"}`)
	// Workouts: Maya's recovery run yesterday too hard, key sessions ahead;
	// Paul's load rising fast after a quiet month, this week's plan undone.
	exec(`INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned_duration_s, target_rpe, status,
			actual_duration_s, rpe, avg_hr, logged_at, protected)
		VALUES ($1, $2, '2026-03-10', 'run', 'recovery', 'Recovery jog', 1800, 2, 'done', 1800, 6, 170, '2026-03-10 18:00Z', true)`,
		maya.ID, coach.ID)
	exec(`INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned_duration_s, target_rpe, key)
		SELECT $1, $2, '2026-03-11'::date + i, 'run', 'intervals', 'Hill repeats ' || i, 3600, 8, true
		FROM generate_series(2, 30, 9) i`, maya.ID, coach.ID)
	exec(`INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned_duration_s, target_rpe, status,
			actual_duration_s, rpe, logged_at)
		SELECT $1, $2, '2026-03-11'::date - i, 'run', 'easy', 'Easy run', 2700, 4, 'done', 5400, 7, '2026-03-10 18:00Z'
		FROM generate_series(1, 6) i`, paul.ID, coach.ID)
	exec(`INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned_duration_s, target_rpe, key)
		VALUES ($1, $2, '2026-03-11', 'run', 'tempo', 'Tempo <3 × 10 min>', 3600, 7, true)`, paul.ID, coach.ID)
	exec(`INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned_duration_s, target_rpe)
		SELECT $1, $2, '2026-03-11'::date - i, 'run', 'long', 'Long run', 7200, 5
		FROM generate_series(0, 2) i`, sam.ID, coach.ID)
	exec(`INSERT INTO events (athlete_id, coach_id, name, day, sport, kind, priority)
		VALUES ($1, $2, 'City Marathon', '2026-05-10', 'run', 'marathon', 'A'), ($3, $2, 'Spring 10K', '2026-03-12', 'run', '10k', 'A')`,
		maya.ID, coach.ID, paul.ID)
	if _, err := a.store.AddComment(ctx, mayaUser, maya.ID, training.WeekSubject(now.Truncate(24*time.Hour)), "A question about the week"); err != nil {
		t.Fatal(err)
	}
	_ = nina // no check-in yet, no workouts: the row's empty cells

	c := a.signedIn("carla@example.com")
	plain := &client{t: t, app: a, hc: &http.Client{Jar: c.hc.Jar, Transport: &http.Transport{DisableCompression: true},
		CheckRedirect: c.hc.CheckRedirect}}
	var got strings.Builder
	for _, view := range []string{"/", "/?group=tag", "/?show=attention", "/?q=maya"} {
		kept, drawn := c.get(view), plain.get(view)
		if kept.StatusCode != http.StatusOK || drawn.StatusCode != http.StatusOK || kept.Body != drawn.Body {
			t.Fatalf("%s: kept and drawn pages differ (%d, %d):\n%s", view, kept.StatusCode, drawn.StatusCode, diffAt(kept.Body, drawn.Body))
		}
		// The page's own part: the layout around it has tests of its own.
		start, end := strings.Index(kept.Body, `<div class="page-head">`), strings.Index(kept.Body, "</main>")
		if start < 0 || end < start {
			t.Fatalf("%s: no dashboard in the page", view)
		}
		got.WriteString("<!-- " + view + " -->\n" + kept.Body[start:end] + "\n")
	}
	golden := filepath.Join("testdata", "dashboard.golden.html")
	if *updateGolden {
		if err := os.WriteFile(golden, []byte(got.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if got.String() != string(want) {
		t.Errorf("the dashboard differs from %s:\n%s", golden, diffAt(got.String(), string(want)))
	}
}
