package plan

import (
	"slices"
	"testing"
	"time"

	"rebound/internal/units"
)

// benchMarathon is a realistic input for the benchmarks: an intermediate
// marathoner training 5 h a week, with a threshold pace and heart rate,
// Mondays off and Wednesdays short, racing on the Sunday of week 24.
func benchMarathon() Input {
	return Input{
		Athlete: Athlete{Sport: Run, WeeklyMinutes: 300, Experience: Intermediate, LongDay: time.Sunday,
			ThresholdPace: 285, ThresholdHR: 168, MaxHR: 186, Units: "km",
			Availability: [7]DayAvailability{
				{Available: true}, {Available: false}, {Available: true}, {Available: true, MaxMinutes: 60},
				{Available: true}, {Available: true}, {Available: true},
			}},
		Event: &Event{Name: "City Marathon", Date: date(2026, 6, 21), Kind: Marathon, Priority: "A"},
		Start: date(2026, 1, 5),
	}
}

func BenchmarkGenerateMarathon24Weeks(b *testing.B) {
	in := benchMarathon()
	p, err := Generate(in)
	if err != nil {
		b.Fatal(err)
	}
	if n := len(p.Weeks); n < 24 {
		b.Fatalf("%d weeks, want at least 24", n)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Generate(in); err != nil {
			b.Fatal(err)
		}
	}
}

// benchWeek is a week of the marathon plan in its build phase, as the
// response engine sees it after a check-in on the week's first day.
func benchWeek(tb testing.TB) RespondInput {
	p, err := Generate(benchMarathon())
	if err != nil {
		tb.Fatal(err)
	}
	var wk Week
	for _, w := range p.Weeks {
		if w.Phase == PhaseBuild && w.Kind == KindBuild {
			wk = w
		}
	}
	if wk.Start.IsZero() {
		tb.Fatal("no build week in the plan")
	}
	var days []Upcoming
	for i, w := range wk.Workouts {
		days = append(days, Upcoming{ID: int64(i + 1), Date: w.Date, Kind: w.Kind, Sport: w.Sport, Title: w.Title,
			Minutes: w.Minutes, RPE: w.RPE, Zone: w.Zone, Key: w.Key, Protected: w.Protected,
			Description: w.Description, DistanceM: w.DistanceM, Structure: w.Structure})
	}
	return RespondInput{Days: days, From: wk.Start, Who: "Sam"}
}

func BenchmarkRespondPlanWeek(b *testing.B) {
	for _, c := range []struct {
		name   string
		causes []Cause
	}{
		{"amber", []Cause{{Code: CauseHRV, Light: "amber"}}},
		{"converging", []Cause{{Code: CauseConverging, Light: "red"}, {Code: CauseLoad, Light: "amber"}}},
		{"fever", []Cause{{Code: CauseIllnessBelow, Light: "red"}}},
	} {
		b.Run(c.name, func(b *testing.B) {
			in := benchWeek(b)
			in.Causes = c.causes
			if c.name == "amber" { // on the week's first hard day
				i := slices.IndexFunc(in.Days, func(w Upcoming) bool { return w.RPE >= 6 })
				in.From = in.Days[i].Date
			}
			if res := Respond(in); len(res.Adjustments) == 0 {
				b.Fatalf("nothing changed: %s", res.Note)
			}
			b.ReportAllocs()
			for b.Loop() {
				Respond(in)
			}
		})
	}
}

// duration joins its numbers itself for speed; it must write what
// units.Duration writes.
func TestDurationMatchesUnits(t *testing.T) {
	for m := -200; m <= 3000; m++ {
		if got, want := duration(m), units.Duration(60*m); got != want {
			t.Fatalf("duration(%d) = %q, units.Duration gives %q", m, got, want)
		}
	}
}
