package web

import (
	"context"
	"strings"
	"testing"

	"rebound/internal/training"
)

// The athlete page reads a year of history in as many queries as a month.
func TestAthletePageQueryBudget(t *testing.T) {
	count := func(days int) (string, int) {
		a := newApp(t)
		coach := a.coach("Carla Coach", "carla@example.com")
		ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
		a.history(ath, days)
		c := a.signedIn("carla@example.com")
		c.get("/")
		r, n := c.queries(athletePath(ath.ID))
		return r.Body, n
	}
	month, few := count(30)
	year, many := count(365)
	t.Logf("athlete page: %d queries with 30 days of data, %d with 365", few, many)
	if few != many {
		t.Errorf("queries grow with history: %d for 30 days, %d for 365", few, many)
	}
	if many > 10 { // the red flags' three weeks of workouts are the tenth
		t.Errorf("%d queries for the athlete page, want at most 10", many)
	}
	for _, page := range []string{month, year} {
		for _, want := range []string{"Readiness score", "Resting heart rate", "Heart-rate variability", "Fitness, fatigue and form",
			"Weekly volume, planned and done", "Coming weeks", "Plan changes", "<desc"} {
			if !strings.Contains(page, want) {
				t.Errorf("athlete page lacks %q", want)
			}
		}
		if strings.Contains(page, "NaN") || strings.Contains(page, "Inf") {
			t.Error("a chart has a NaN or Inf in it")
		}
	}
	// A year of one 45-minute run at RPE 4 a day settles fitness at 180.
	if !strings.Contains(year, "fitness (CTL) is 180") {
		t.Errorf("the load chart's text alternative should give today's fitness as 180")
	}
}

// The athlete's home: today's workout with its targets in their numbers,
// the week at a glance and the next event.
func TestAthleteHome(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	p := ath.Profile
	p.Sports, p.Units, p.Experience, p.ThresholdHR, p.ThresholdPace = []string{"run"}, "km", "intermediate", 170, 270
	if err := a.store.UpdateProfile(ctx, coach, ath.ID, p); err != nil {
		t.Fatal(err)
	}
	ath, _ = a.store.Athlete(ctx, coach, ath.ID)
	today := a.srv.athleteToday(ath)
	if _, err := a.store.AddWorkout(ctx, coach, ath.ID, today, training.Prescription{Sport: "run", Kind: "easy", Title: "Aerobic run",
		PlannedDurationS: 3000, TargetRPE: 4, TargetZone: 2}); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.AddEvent(ctx, coach, ath.ID, training.Event{Name: "City Half", Day: today.AddDate(0, 0, 12), Sport: "run",
		Kind: "half", Priority: "A"}); err != nil {
		t.Fatal(err)
	}
	page := a.signedIn("maya@example.com").get("/").Body
	for _, want := range []string{"How are you this morning?", "Aerobic run", "RPE 4 · zone 2: 145–151 bpm, 5:06–5:48 /km",
		"This week", "City Half", "in 12 days"} {
		if !strings.Contains(page, want) {
			t.Errorf("athlete home lacks %q", want)
		}
	}
	if n := strings.Count(page, `<li class="today"`); n != 1 {
		t.Errorf("%d days marked today in the week at a glance, want 1", n)
	}
}

// Before anything is logged the load chart says so instead of drawing zeros.
func TestLoadChartWithoutTraining(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	page := a.signedIn("carla@example.com").get(athletePath(ath.ID)).Body
	if !strings.Contains(page, "No training logged yet") || strings.Contains(page, "fitness (CTL) is 0") {
		t.Error("the load chart of an athlete with no training should say there is none")
	}
}

// The athlete page shows the red flags of the last weeks with their
// evidence: two at once are a pattern, and the words say it is not a
// diagnosis; steady weeks show none.
func TestAthletePageRedFlags(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	a.history(ath, 60)
	c := a.signedIn("carla@example.com")
	if page := c.get(athletePath(ath.ID)).Body; !strings.Contains(page, "None of the five red flags of overtraining shows") {
		t.Fatal("steady weeks: the panel does not say no red flag shows")
	}
	// Two weeks tired every morning, four short nights in a row, and four
	// tempo runs logged well above their target.
	if _, err := a.store.Pool().Exec(context.Background(), `UPDATE checkins SET fatigue = 2,
		sleep_hours = CASE WHEN day BETWEEN $2::date - 5 AND $2::date - 2 THEN 5 ELSE sleep_hours END
		WHERE athlete_id = $1 AND day > $2::date - 14`, ath.ID, athleteToday(t, ath)); err != nil {
		t.Fatal(err)
	}
	if _, err := a.store.Pool().Exec(context.Background(), `UPDATE workouts SET kind = 'tempo', target_rpe = 6, rpe = 8
		WHERE athlete_id = $1 AND status = 'done' AND day IN ($2::date - 3, $2::date - 6, $2::date - 9, $2::date - 12)`, ath.ID, athleteToday(t, ath)); err != nil {
		t.Fatal(err)
	}
	page := c.get(athletePath(ath.ID)).Body
	for _, want := range []string{"A pattern of overreaching:", "not a diagnosis", "Always tired", "Energy at 2 or worse on",
		"Workouts feel harder than planned", "Sleep all over the place", "4 short nights in a row", `class="sparkline"`} {
		if !strings.Contains(page, want) {
			t.Errorf("the red flags panel lacks %q", want)
		}
	}
}
