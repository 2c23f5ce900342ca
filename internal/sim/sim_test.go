package sim

import (
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"rebound/internal/coaching"
	"rebound/internal/readiness"
	"rebound/internal/training"
)

// Judge gives every day the verdict the app gives it on all of the
// athlete's data (coaching.JudgeWith; without the red flags, Verdict's
// other parts), as the days are made: workouts logged in the evening, a
// check-in most mornings, recovery days now and then run too hard, a gap
// of two weeks without training, three weeks of red flags.
func TestJudgeEqualsTheApp(t *testing.T) {
	for _, redFlags := range []bool{true, false} {
		last := judgeDays(t, redFlags)
		if pattern := last.Reasons[0].Code == readiness.CodePattern; pattern != redFlags {
			t.Errorf("red flags %v: the last day's verdict %s %v", redFlags, last.Light, last.Reasons)
		}
	}
}

func judgeDays(t *testing.T, redFlags bool) training.CheckIn {
	r := rand.New(rand.NewPCG(1, 2))
	first := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC)
	const days, zone2 = 200, 150
	var plan []training.Workout
	for k := range days + 7 {
		d := first.AddDate(0, 0, k)
		kinds := []string{"easy"}
		switch k % 7 {
		case 1:
			kinds = []string{"recovery"}
		case 2:
			kinds = []string{"intervals", "strength"}
		case 5:
			kinds = []string{"rest"}
		}
		for _, kind := range kinds {
			plan = append(plan, training.Workout{ID: int64(len(plan) + 1), Day: d, Status: "planned", Planned: true, Key: kind == "intervals",
				Protected: kind == "recovery" || kind == "rest", Prescription: training.Prescription{Kind: kind, Title: kind,
					TargetRPE: map[string]float64{"intervals": 7, "strength": 5, "recovery": 2}[kind], PlannedDurationS: 3600}})
		}
	}
	a := New(first, zone2, redFlags)
	a.SetWorkouts(plan)
	var all []training.CheckIn
	for k := range days {
		d := first.AddDate(0, 0, k)
		if r.Float64() < 0.9 {
			c := training.CheckIn{Day: d, Answered: true, SleepHours: 6 + 2*r.Float64(), SleepQuality: 1 + r.IntN(5),
				Fatigue: 1 + r.IntN(5), Soreness: 1 + r.IntN(5), Stress: 1 + r.IntN(5), Mood: 1 + r.IntN(5),
				Motivation: 1 + r.IntN(5), RestingHR: 50 + r.IntN(10), HRV: 50 + 30*r.Float64(), Illness: r.IntN(40) == 0}
			if k >= days-30 { // three weeks of red flags to end with
				c.Fatigue, c.Mood, c.Motivation, c.SleepHours = 2, 2, 2, []float64{5, 9.5, 7}[k%3]
			}
			got := a.Judge(c)
			want := coaching.JudgeWith(c, all, a.Workouts(), zone2)
			if !redFlags {
				var history []readiness.Answers
				for _, h := range all {
					if !h.Day.Before(d.AddDate(0, 0, -coaching.BaselineDays)) {
						history = append(history, coaching.AsHistory(h))
					}
				}
				want = coaching.VerdictOn(c, history, coaching.ACWROn(a.Workouts(), d.AddDate(0, 0, -1)),
					coaching.MissedRecovery(a.Workouts(), d, zone2), readiness.Pattern{})
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("red flags %v, day %d: Judge %s %d %v, the app %s %d %v", redFlags, k, got.Light, got.Score, got.Reasons,
					want.Light, want.Score, want.Reasons)
			}
			a.AddCheckIn(got)
			all = append(all, got)
		}
		if k > 60 && k < 75 {
			continue // a break: the workouts stay planned
		}
		for _, i := range a.On(d) {
			w := a.Workout(i)
			if w.Kind == "rest" || r.IntN(10) == 0 {
				continue
			}
			w.Status = "done"
			w.Log = training.Log{Status: "done", DurationS: 2400 + r.IntN(2400), RPE: float64(2 + r.IntN(6)), AvgHR: 130 + r.IntN(40)}
			if k >= days-30 {
				w.Log.RPE = w.TargetRPE + 2 // harder than planned
			}
		}
	}
	if n := len(a.CheckIns()); n < days*8/10 || !a.CheckedIn(a.CheckIns()[n-1].Day) || a.CheckedIn(first.AddDate(0, 0, days)) {
		t.Errorf("%d check-ins, or CheckedIn wrong", n)
	}
	return all[len(all)-1]
}
