package sim

import (
	"reflect"
	"testing"
	"time"

	"rebound/internal/training"
)

// A person lives their episodes: ill days are reported ill and not
// trained, the last quiet days have no check-in, and the same person
// makes the same days again.
func TestPersonLivesTheEpisodes(t *testing.T) {
	first := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	today := first.AddDate(0, 0, 89)
	ill := Episode{Kind: Illness, From: first.AddDate(0, 0, 40), To: first.AddDate(0, 0, 46), Flagged: 3}
	quiet := Episode{Kind: Quiet, From: today.AddDate(0, 0, -12), To: today, Flagged: 5}
	live := func() ([]training.CheckIn, []training.Workout) {
		var plan []training.Workout
		for k := range 97 {
			kind := []string{"easy", "recovery", "intervals", "easy", "rest", "long", "easy"}[k%7]
			plan = append(plan, training.Workout{ID: int64(k + 1), Day: first.AddDate(0, 0, k), Status: "planned", Planned: true,
				Key: kind == "intervals", Prescription: training.Prescription{Sport: "run", Kind: kind, PlannedDurationS: 2700}})
		}
		body := Body{ThresholdHR: 170, MaxHR: 190, ThresholdPace: 290}
		p := &Person{Streams: 7, Days: New(first, body.Zone2(), false), Body: body,
			Usual:  Usual{RestingHR: 50, HRV: 70, Sleep: 7.5, HRVRate: 0.9, RHRRate: 1},
			Habits: Habits{CheckIns: 0.95, ByNow: 1, Done: 0.95, Logged: 1, Monitor: 1, TooHard: 0.2},
			Sports: []string{"run"}, Episodes: []Episode{ill, quiet}, Loc: time.UTC, Today: today, Now: today.Add(20 * time.Hour)}
		p.Days.SetWorkouts(plan)
		for d := first; !d.After(today); d = d.AddDate(0, 0, 1) {
			if p.ChecksIn(d) {
				p.Morning(d, nil)
			}
			p.Evening(d, func(int, time.Time) {})
		}
		return p.Days.CheckIns(), p.Days.Workouts()
	}
	checkIns, workouts := live()
	for _, c := range checkIns {
		if c.Illness != ill.ill(c.Day) {
			t.Errorf("%s: illness %v", c.Day.Format(time.DateOnly), c.Illness)
		}
		if quiet.on(c.Day) && quiet.left(c.Day) < quiet.Flagged {
			t.Errorf("%s: a check-in on a quiet day", c.Day.Format(time.DateOnly))
		}
	}
	for _, w := range workouts {
		if ill.ill(w.Day) && w.Kind != "rest" && w.Status != "skipped" {
			t.Errorf("%s: %s %s on an ill day", w.Day.Format(time.DateOnly), w.Kind, w.Status)
		}
	}
	if len(checkIns) < 70 {
		t.Errorf("%d check-ins in 90 days", len(checkIns))
	}
	again, _ := live()
	if !reflect.DeepEqual(checkIns, again) {
		t.Error("the same person made different days")
	}
}
