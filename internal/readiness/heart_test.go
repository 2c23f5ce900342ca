package readiness

import (
	"fmt"
	"math"
	"testing"
)

// A resting HR that rises from 50 to 58 and stays there is flagged through
// its 13th day: the 28-day baseline takes it in slowly. A 7-day one would
// have stopped on the fifth (baseline 55, +3).
func TestRestingHRPersistentRise(t *testing.T) {
	for _, c := range []struct {
		days int // mornings at 58 before today
		want []Reason
	}{
		{0, []Reason{reason(Amber, "resting_hr", "Resting HR 8 bpm above your 28-day baseline (50 bpm)")}},
		// Baseline 50 + 8·4/28 ≈ 51.1.
		{4, []Reason{reason(Amber, "resting_hr", "Resting HR 7 bpm above your 28-day baseline (51 bpm)")}},
		// 50 + 8·12/28 ≈ 53.4 → 53.
		{12, []Reason{reason(Amber, "resting_hr", "Resting HR 5 bpm above your 28-day baseline (53 bpm)")}},
		// 50 + 8·13/28 ≈ 53.7 → 54: +4, the new normal.
		{13, []Reason{allNormal}},
	} {
		var h []Answers
		for k := 1; k <= 40; k++ {
			h = append(h, with(fresh(k), func(ci *Answers) {
				if k <= c.days {
					ci.RestingHR = 58
				}
			}))
		}
		got := Score(Input{Today: with(fresh(0), func(ci *Answers) { ci.RestingHR = 58 }), History: h})
		score, light := 95, Green
		if c.want[0].Light == Amber {
			score, light = 75, Amber
		}
		checkResult(t, fmt.Sprintf("day %d of the rise", c.days+1), got, Result{Score: score, Light: light, Reasons: c.want, Baseline: true})
	}
}

// Resting HR needs 3 readings, not the 7-check-in personal baseline.
func TestRestingHRBeforeTheBaseline(t *testing.T) {
	rhr65 := with(fresh(0), func(c *Answers) { c.RestingHR = 65 })
	for _, c := range []struct {
		name string
		hist []Answers
		want Result
	}{
		{"three readings", []Answers{fresh(1), fresh(2), fresh(3)}, Result{Score: 45, Light: Red, Reasons: []Reason{
			reason(Red, "resting_hr", "Resting HR 15 bpm above your 28-day baseline (50 bpm)"),
		}}},
		{"three readings in five check-ins", []Answers{fresh(1), with(fresh(2), func(c *Answers) { c.RestingHR = 0 }), fresh(5),
			with(fresh(9), func(c *Answers) { c.RestingHR = 0 }), fresh(27)}, Result{Score: 45, Light: Red, Reasons: []Reason{
			reason(Red, "resting_hr", "Resting HR 15 bpm above your 28-day baseline (50 bpm)"),
		}}},
		{"two readings are too few", []Answers{fresh(1), fresh(2)}, Result{Score: 95, Light: Green, Reasons: []Reason{noWarning}}},
		{"a third 29 days back is outside the 28", []Answers{fresh(1), fresh(2), fresh(29)},
			Result{Score: 95, Light: Green, Reasons: []Reason{noWarning}}},
	} {
		checkResult(t, c.name, Score(Input{Today: rhr65, History: c.hist}), c.want)
	}
}

// HRV readings far from the athlete's usual (the median of the 60 days
// before, here 60 ms: a third is 20, three times 180) are left out. The
// history is 40 steady days; scores are 100 − 5 − 20 per Amber.
func TestHRVImplausibleReadings(t *testing.T) {
	noted := func(text string) []Reason { return []Reason{reason(Green, "hrv_excluded", text)} }
	for _, c := range []struct {
		name  string
		today float64
		edit  func(k int, c *Answers) // of the history; nil: steady
		want  []Reason
		amber bool // an HRV reason of its own, whatever its numbers
	}{
		{name: "ln(rMSSD) typed for ms", today: 4.1,
			want: noted("HRV 4.1 ms left out: far from your usual 60 ms — was it ln(rMSSD)?")},
		{name: "just under a third", today: 19.9,
			want: noted("HRV 19.9 ms left out: far from your usual 60 ms")},
		{name: "a third is kept, and low", today: 20, amber: true},
		{name: "three times is kept", today: 180,
			want: []Reason{reason(Green, "hrv", "HRV above your normal range (7-day average 70 ms vs 58–61 ms)")}},
		{name: "over three times", today: 181,
			want: noted("HRV 181 ms left out: far from your usual 60 ms")},
		{name: "six readings in 60 days give no usual: nothing left out", today: 4.1,
			edit: func(k int, c *Answers) {
				if k > 6 {
					c.HRV = 0
				}
			},
			want: []Reason{allNormal}},
		// Left in, ln 4.1 ≈ 1.41 among six ln 60s would pull the 7-day
		// mean to about 41 ms: Amber.
		{name: "an ln reading yesterday stays out of the week", today: 60,
			edit: func(k int, c *Answers) {
				if k == 1 {
					c.HRV = 4.1
				}
			},
			want: []Reason{allNormal}},
		// Left in, one ln reading widens the normal range enough to hide
		// a low week.
		{name: "an ln reading stays out of the normal range", today: 45, amber: true,
			edit: func(k int, c *Answers) {
				switch {
				case k == 20:
					c.HRV = 4.1
				case k == 2 || k == 4:
					c.HRV = 45
				case k <= 6:
					c.HRV = 0
				}
			}},
	} {
		h := history(1, 40)
		if c.edit != nil {
			h = edit(h, c.edit)
		}
		got := Score(Input{Today: with(fresh(0), func(ci *Answers) { ci.HRV = c.today }), History: h})
		if c.amber {
			if got.Light != Amber || len(got.Reasons) != 1 || got.Reasons[0].Code != "hrv" || hasCode(got, "hrv_excluded") {
				t.Errorf("%s: %+v, want an Amber HRV reason alone", c.name, got)
			}
			continue
		}
		checkResult(t, c.name, got, Result{Score: 95, Light: Green, Reasons: c.want, Baseline: true})
	}
}

func TestUsualHRV(t *testing.T) {
	for _, c := range []struct {
		xs    []float64
		usual float64
		ok    bool
	}{
		{[]float64{60, 4.1, 61, 59, 62, 600, 58}, 60, true},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8}, 4.5, true},
		{[]float64{60, 60, 60, 60, 60, 60}, 0, false},
	} {
		if usual, ok := usualHRVOf(c.xs); ok != c.ok || math.Abs(usual-c.usual) > 1e-12 {
			t.Errorf("usualHRVOf(%v) = %v, %v, want %v, %v", c.xs, usual, ok, c.usual, c.ok)
		}
	}
}
