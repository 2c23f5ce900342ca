package load

import (
	"math"
	"math/rand/v2"
	"testing"
	"time"
)

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// Advancing across the days that have load (the rest skipped as gaps)
// gives, on every day, the day-by-day recurrences: EWMA seeded on the
// first day with load, and PerformanceManagement from 0.
func TestAdvanceMatchesTheRecurrences(t *testing.T) {
	from := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for seed := range uint64(50) {
		rng := rand.New(rand.NewPCG(seed, 7))
		daily := make([]float64, 200+rng.IntN(200))
		for i := range daily {
			if i >= rng.IntN(30) && rng.IntN(3) > 0 { // a start without load, then gaps now and then
				daily[i] = float64(rng.IntN(600))
			}
		}
		first := -1
		for i, l := range daily {
			if l > 0 && first < 0 {
				first = i
			}
		}
		acute, chronic := EWMA(daily[first:], AcuteDays), EWMA(daily[first:], ChronicDays)
		form := PerformanceManagement(daily)
		var s State
		for i, l := range daily {
			day := from.AddDate(0, 0, i)
			if l > 0 || rng.IntN(4) == 0 { // a stored day: load, or workouts without load
				s = Advance(s, day, l)
			}
			got := s.At(day)
			if !got.Day.Equal(day) && !s.Day.IsZero() {
				t.Fatalf("seed %d day %d: state of %s", seed, i, got.Day)
			}
			f := form[i]
			if !near(got.ATL, f.ATL) || !near(got.CTL, f.CTL) || !near(got.TSB, f.TSB) {
				t.Fatalf("seed %d day %d: %+v, want %+v", seed, i, got.Form(), f)
			}
			if i < first {
				if got.Acute != 0 || got.Chronic != 0 || !got.Since.IsZero() {
					t.Fatalf("seed %d day %d: averages %v %v before the first load", seed, i, got.Acute, got.Chronic)
				}
				continue
			}
			if !near(got.Acute, acute[i-first]) || !near(got.Chronic, chronic[i-first]) {
				t.Fatalf("seed %d day %d: averages %v %v, want %v %v", seed, i, got.Acute, got.Chronic, acute[i-first], chronic[i-first])
			}
			if !got.Since.Equal(from.AddDate(0, 0, first)) {
				t.Fatalf("seed %d day %d: since %s", seed, i, got.Since)
			}
			want := ACWR(daily[first:])[i-first]
			if i-first < RatioDays-1 {
				want = math.NaN()
			}
			if r := got.ACWR(); !(math.IsNaN(r) && math.IsNaN(want)) && !near(r, want) {
				t.Fatalf("seed %d day %d: ratio %v, want %v", seed, i, r, want)
			}
		}
	}
}

func TestStateSeedAndDecay(t *testing.T) {
	d := func(i int) time.Time { return time.Date(2026, 3, 1+i, 0, 0, 0, 0, time.UTC) }
	var s State
	if got := s.At(d(5)); got != s {
		t.Errorf("the zero state decays to %+v", got)
	}
	s = Advance(s, d(0), 0)
	if s.Day != d(0) || !s.Since.IsZero() || s.Acute != 0 || s.ATL != 0 {
		t.Errorf("a day without load: %+v", s)
	}
	s = Advance(s, d(2), 280)
	if s.Since != d(2) || s.Acute != 280 || s.Chronic != 280 || s.ATL != 40 || s.CTL != 280.0/42 || s.TSB != 0 {
		t.Errorf("the first load seeds the averages only: %+v", s)
	}
	if again := Advance(s, d(1), 500); again != s {
		t.Errorf("a state went back a day: %+v", again)
	}
	later := s.At(d(5))
	if !near(later.Acute, 280*0.75*0.75*0.75) || !near(later.ATL, 40*math.Pow(6.0/7, 3)) ||
		!near(later.TSB, 280.0/42*math.Pow(41.0/42, 2)-40*math.Pow(6.0/7, 2)) {
		t.Errorf("three days without load: %+v", later)
	}
	if r := later.ACWR(); !math.IsNaN(r) {
		t.Errorf("a ratio %v after four days of history", r)
	}
	if r := s.At(d(2 + RatioDays - 1)).ACWR(); math.IsNaN(r) || r >= 1 {
		t.Errorf("after four weeks of decay the ratio is %v, want below 1", r)
	}
	states := []State{Advance(State{}, d(0), 100), Advance(Advance(State{}, d(0), 100), d(3), 50)}
	if got := On(states, d(2)); got != states[0].At(d(2)) {
		t.Errorf("On before the second state: %+v", got)
	}
	if got := On(states, d(9)); got != states[1].At(d(9)) {
		t.Errorf("On after the last state: %+v", got)
	}
	if got := On(states, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)); got != (State{}) {
		t.Errorf("On before every state: %+v", got)
	}
	run := Run(State{}, d(0), d(4), []float64{100, 0, 0, 50})
	if len(run) != 5 || !near(run[3].Acute, states[1].Acute) || !near(run[3].TSB, states[1].TSB) || run[4].Day != d(4) {
		t.Errorf("Run %+v", run)
	}
}

// A state decayed over any gap up to a century never turns NaN or grows,
// and ends in exactly 0 once a figure falls below Floor, where a double
// would otherwise underflow (what PostgreSQL refused).
func TestAdvanceDecaysToExactlyZero(t *testing.T) {
	from := time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	s := State{Day: from, Since: from.AddDate(0, 0, -60), Acute: 400, Chronic: 350, ATL: 380, CTL: 300, TSB: -20}
	prev := s
	for g := 1; g <= 36500; g++ {
		got := Advance(s, from.AddDate(0, 0, g), 0)
		for _, f := range []struct {
			what      string
			got, prev float64
		}{{"acute", got.Acute, prev.Acute}, {"chronic", got.Chronic, prev.Chronic}, {"ATL", got.ATL, prev.ATL}, {"CTL", got.CTL, prev.CTL}} {
			if math.IsNaN(f.got) || f.got > f.prev || (f.got != 0 && f.got < Floor) {
				t.Fatalf("gap %d: %s %v after %v", g, f.what, f.got, f.prev)
			}
		}
		if math.IsNaN(got.TSB) {
			t.Fatalf("gap %d: TSB NaN", g)
		}
		prev = got
	}
	if prev.Acute != 0 || prev.Chronic != 0 || prev.ATL != 0 || prev.CTL != 0 || prev.TSB != 0 {
		t.Errorf("a century on: %+v", prev)
	}
	// 3/4 to the power 2,589 is below the smallest double: 0 by then.
	if got := Advance(s, from.AddDate(0, 0, 2589), 0); got.Acute != 0 {
		t.Errorf("acute after 2,589 days: %v", got.Acute)
	}
}
