package web

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"rebound/internal/training"
)

// Every date the forms accept (years 2000 to 2100) is stored, or refused
// with a message next to the field: never a server error, however far it
// lies from the athlete's other training (the load state decays over the
// gap, and underflowed in PostgreSQL's power() before).
func TestFarDatesAreStoredOrRefusedNextToTheField(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	coach := a.signedIn("carla@example.com")
	maya := a.signedIn("maya@example.com")
	// Training today, so the state has load to decay.
	wo, err := a.store.AddWorkout(ctx, ca, ath.ID, berlinDay(t, 0), training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 2400})
	if err != nil {
		t.Fatal(err)
	}
	if r := maya.post(athletePath(ath.ID)+"/workouts/"+itoa64(wo.ID)+"/log", url.Values{"status": {"done"}, "duration_min": {"45"}, "rpe": {"5"}}); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("log today's run: %d", r.StatusCode)
	}

	check := func(what string, r resp, field string) {
		t.Helper()
		switch {
		case r.StatusCode == http.StatusSeeOther:
		case r.StatusCode == http.StatusUnprocessableEntity && fieldError(t, r.Body, field) != "":
			t.Logf("%s: refused: %s", what, fieldError(t, r.Body, field))
		default:
			t.Errorf("%s: %d, neither stored nor refused next to %s", what, r.StatusCode, field)
		}
	}
	for _, day := range []string{"2034-03-01", "2100-12-31", "2000-01-01", "2060-06-15"} {
		check("a workout on "+day, coach.post(athletePath(ath.ID)+"/workouts/new", url.Values{"day": {day}, "sport": {"run"}, "kind": {"easy"},
			"title": {"Easy run"}, "planned_min": {"40"}, "confirm": {"yes"}}), "day")
	}
	for _, day := range []string{"2000-01-03", "2000-01-01"} {
		check("a log on "+day, maya.post(athletePath(ath.ID)+"/log", url.Values{"day": {day}, "sport": {"run"}, "kind": {"easy"},
			"title": {"Shakeout"}, "duration_min": {"20"}, "rpe": {"3"}}), "day")
	}
	for _, day := range []string{"2100-12-27", "2000-01-03"} {
		start, _ := time.Parse(time.DateOnly, day)
		check("a plan from "+day, coach.post(athletePath(ath.ID)+"/plan", planFormValues(start, "240", 0)), "start")
	}
	// A planned workout moved a lifetime away, and goal events at the ends.
	future, err := a.store.AddWorkout(ctx, ca, ath.ID, berlinDay(t, 3), training.Prescription{Sport: "run", Kind: "easy", Title: "Easy run", PlannedDurationS: 2400})
	if err != nil {
		t.Fatal(err)
	}
	for _, day := range []string{"2100-12-30", "2000-01-02"} {
		w, err := a.store.Workout(ctx, ca, future.ID)
		if err != nil {
			t.Fatal(err)
		}
		form := editForm(w, w.Version, "Easy run", "40")
		form.Set("day", day)
		check("a workout moved to "+day, coach.post(editPath(w), form), "day")
	}
	for _, day := range []string{"2100-12-31", "2000-01-01"} {
		check("an event on "+day, coach.post(athletePath(ath.ID)+"/events/new", url.Values{"name": {"City 10K"}, "day": {day},
			"sport": {"run"}, "kind": {"10k"}, "priority": {"B"}}), "day")
	}
	// The pages read the far states too.
	for _, p := range []string{athletePath(ath.ID), athletePath(ath.ID) + "/weeks/2034-02-27", athletePath(ath.ID) + "/weeks/2100-12-27",
		athletePath(ath.ID) + "/weeks/1999-12-27", "/"} {
		if r := coach.get(p); r.StatusCode >= 500 {
			t.Errorf("GET %s: %d", p, r.StatusCode)
		}
	}
	if r := maya.get("/"); r.StatusCode >= 500 {
		t.Errorf("the athlete's home: %d", r.StatusCode)
	}
}
