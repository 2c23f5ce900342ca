package web

import (
	"context"
	"strings"
	"testing"
	"time"
)

// A week of the same load every day is the most monotonous there is: the
// week shows its monotony and strain as "very high", not as a dash; a
// week of rest shows the dash.
func TestSameLoadEveryDayIsVeryMonotonous(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	coach := a.signedIn("carla@example.com")
	start := weekStart(ath, berlinDay(t, -7))
	if _, err := a.store.Pool().Exec(context.Background(), `
		INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title, planned, status, actual_duration_s, rpe, logged_at)
		SELECT $1, $2, $3::date + i, 'run', 'easy', 'Run', false, 'done', 2700, 4, now() FROM generate_series(0, 6) i`,
		ath.ID, ca.ID, start); err != nil {
		t.Fatal(err)
	}
	stat := func(page, name string) string {
		i := strings.Index(page, "<dt>"+name+"</dt><dd>")
		if i < 0 {
			t.Fatalf("no %s on the week", name)
		}
		rest := page[i+len("<dt>"+name+"</dt><dd>"):]
		return rest[:strings.Index(rest, "</dd>")]
	}
	page := coach.get(athletePath(ath.ID) + "/weeks/" + start.Format(time.DateOnly)).Body
	if got := stat(page, "Monotony"); got != "very high" {
		t.Errorf("monotony of the same load every day: %q", got)
	}
	if got := stat(page, "Strain"); got != "very high" {
		t.Errorf("strain of the same load every day: %q", got)
	}
	rest := coach.get(athletePath(ath.ID) + "/weeks/" + start.AddDate(0, 0, -7).Format(time.DateOnly)).Body
	if got := stat(rest, "Monotony"); got != "–" {
		t.Errorf("monotony of a week of rest: %q", got)
	}
}
