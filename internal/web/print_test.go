package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"rebound/internal/training"
)

func TestPrintedWeek(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.coach("Carla Coach", "carla@example.com")
	maya, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	sam, _ := a.athlete(coach, "Sam Sunday", "sam@example.com")
	other := a.coach("Otto Other", "otto@example.com")
	olga, _ := a.athlete(other, "Olga Elsewhere", "olga@example.com")
	p := maya.Profile
	p.Sports, p.Units, p.Experience, p.ThresholdHR, p.ThresholdPace = []string{"run"}, "km", "intermediate", 170, 270
	if err := a.store.UpdateProfile(ctx, coach, maya.ID, p); err != nil {
		t.Fatal(err)
	}
	p = sam.Profile
	p.WeekStartsSunday = true
	if err := a.store.UpdateProfile(ctx, coach, sam.ID, p); err != nil {
		t.Fatal(err)
	}
	maya, _ = a.store.Athlete(ctx, coach, maya.ID)
	monday := weekStart(maya, a.srv.athleteToday(maya))
	add := func(ath training.Athlete, day time.Time, pl training.Prescription) {
		t.Helper()
		if _, err := a.store.AddWorkout(ctx, coach, ath.ID, day, pl); err != nil {
			t.Fatal(err)
		}
	}
	add(maya, monday, training.Prescription{Sport: "run", Kind: "intervals", Title: "6 × 800 m", PlannedDurationS: 3600, PlannedDistanceM: 11000,
		TargetRPE: 8, TargetZone: 5, Description: "Warm up 15 min <easy>, then 6 × 800 m at 5K pace with 400 m jog."})
	add(maya, monday.AddDate(0, 0, 1), training.Prescription{Sport: "run", Kind: "recovery", Title: "Recovery jog", PlannedDurationS: 1800, TargetRPE: 2, TargetZone: 1})
	add(sam, monday.AddDate(0, 0, -1), training.Prescription{Sport: "run", Kind: "long", Title: "Sunday long run", PlannedDurationS: 6000})

	c := a.signedIn("carla@example.com")
	path := fmt.Sprintf("/athletes/%d/weeks/%s/print", maya.ID, monday.Format(time.DateOnly))
	page := c.get(path).Body
	for _, want := range []string{"Maya Runner", "Coach: Carla Coach", "6 × 800 m", "1 h · 11 km",
		"RPE 8 · zone 5: 169–173 bpm, 4:20–4:30 /km", "Warm up 15 min &lt;easy&gt;", "Protected: easy means easy",
		"Nothing planned", `class="tickbox"`, "data-print"} {
		if !strings.Contains(page, want) {
			t.Errorf("printed week lacks %q", want)
		}
	}
	if n := strings.Count(page, "<tr><th scope=\"row\">"); n != 7 {
		t.Errorf("%d day rows, want 7", n)
	}
	// A mid-week date goes to its week's one address.
	if r := c.get(fmt.Sprintf("/athletes/%d/weeks/%s/print", maya.ID, monday.AddDate(0, 0, 3).Format(time.DateOnly))); r.Header.Get("Location") != path {
		t.Errorf("mid-week print went to %q, want %q", r.Header.Get("Location"), path)
	}
	// The athlete prints their own week; nobody else's.
	if r := a.signedIn("maya@example.com").get(path); r.StatusCode != 200 {
		t.Errorf("the athlete's own printed week: %d", r.StatusCode)
	}
	if r := a.signedIn("otto@example.com").get(path); r.StatusCode != 404 {
		t.Errorf("another coach's printed week: %d, want 404", r.StatusCode)
	}

	all := c.get("/weeks/" + monday.Format(time.DateOnly) + "/print").Body
	if n := strings.Count(all, `<article class="sheet"`); n != 2 {
		t.Errorf("%d sheets for the roster, want 2", n)
	}
	if strings.Contains(all, olga.Name) {
		t.Error("another coach's athlete is in the roster print")
	}
	// Sam's week starts on Sunday: the Sunday before Monday is in it.
	if !strings.Contains(all, "Sunday long run") {
		t.Error("a Sunday-start athlete's week should hold their Sunday")
	}
}

// The printed weeks and the week view read in a fixed number of queries.
func TestPrintAndWeekQueryBudget(t *testing.T) {
	counts := func(athletes, days int) (roster, single, week int) {
		a := newApp(t)
		coach := a.coach("Carla Coach", "carla@example.com")
		var first training.Athlete
		for i := range athletes {
			ath, _ := a.athlete(coach, fmt.Sprintf("Athlete %02d", i), fmt.Sprintf("a%d@example.com", i))
			a.history(ath, days)
			if i == 0 {
				first = ath
			}
		}
		c := a.signedIn("carla@example.com")
		c.get("/")
		monday := weekStart(first, a.srv.athleteToday(first)).Format(time.DateOnly)
		_, roster = c.queries("/weeks/" + monday + "/print")
		_, single = c.queries(fmt.Sprintf("/athletes/%d/weeks/%s/print", first.ID, monday))
		_, week = c.queries(fmt.Sprintf("/athletes/%d/weeks/%s", first.ID, monday))
		return roster, single, week
	}
	r1, s1, w1 := counts(3, 30)
	r2, s2, w2 := counts(40, 365)
	t.Logf("roster print %d/%d, week print %d/%d, week view %d/%d queries (3 athletes × 30 days / 40 × 365)", r1, r2, s1, s2, w1, w2)
	if r1 != r2 || s1 != s2 || w1 != w2 {
		t.Errorf("query counts grow with data: roster print %d→%d, week print %d→%d, week view %d→%d", r1, r2, s1, s2, w1, w2)
	}
	// The week view's seventh statement reads the comment counts of the
	// week and its workouts.
	if r2 > 4 || s2 > 4 || w2 > 7 {
		t.Errorf("too many queries: roster print %d, week print %d, week view %d", r2, s2, w2)
	}
}
