package readiness

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

func TestTrendsBaselines(t *testing.T) {
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	var list []Answers
	for i := range 30 {
		list = append(list, Answers{Day: start.AddDate(0, 0, i), RestingHR: 50 + i%3, HRV: 60})
	}
	got := Trends(list, start, 31)
	if len(got) != 31 {
		t.Fatalf("%d days, want 31", len(got))
	}
	for i, tr := range got[:3] {
		if !math.IsNaN(tr.RestingBaseline) {
			t.Errorf("day %d: resting baseline %v from fewer than 3 readings", i, tr.RestingBaseline)
		}
	}
	// Day 10's baseline is the mean of the 28 days before, here days 0..9:
	// 50,51,52 three times over and a 50.
	if want := (3*(50+51+52) + 50) / 10.0; math.Abs(got[10].RestingBaseline-want) > 1e-9 {
		t.Errorf("day 10 resting baseline %v, want %v", got[10].RestingBaseline, want)
	}
	// Day 30's is of days 2..29, not 0..29: nine each of 52, 50, 51 and a 52.
	if want := (9*(52+50+51) + 52) / 28.0; math.Abs(got[30].RestingBaseline-want) > 1e-9 {
		t.Errorf("day 30 resting baseline %v, want %v", got[30].RestingBaseline, want)
	}
	if !math.IsNaN(got[13].HRVLow) || math.IsNaN(got[14].HRVLow) {
		t.Errorf("the HRV normal range needs 14 earlier readings: day 13 %v, day 14 %v", got[13].HRVLow, got[14].HRVLow)
	}
	// Identical readings: the SD floor keeps a ±2.5 % range around 60 ms.
	if tr := got[20]; math.Abs(tr.HRVRolling-60) > 1e-9 || !(tr.HRVLow < 60 && tr.HRVHigh > 60) || tr.HRVHigh-tr.HRVLow > 3.1 {
		t.Errorf("day 20: rolling %v, range %v–%v", tr.HRVRolling, tr.HRVLow, tr.HRVHigh)
	}
	// The day after the last check-in still has a rolling mean of the 6 before.
	if math.IsNaN(got[30].HRVRolling) {
		t.Error("a day without a reading should still have the week's rolling mean")
	}
}

// A chart must show what the scoring judged: whenever Score says HRV is
// below the normal range, the trend's rolling mean is below its low end
// (as whole ms), and the other way round, with the same implausible
// readings left out.
func TestTrendsAgreeWithScore(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	start := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for trial := range 200 {
		var list []Answers
		base := 30 + rng.Float64()*80
		for i := range 90 {
			if rng.IntN(5) == 0 {
				continue // a missed morning
			}
			drift := 1.0
			if i > 75 && trial%2 == 0 {
				drift = 0.75 // a falling week
			}
			hrv := math.Round(base*drift*math.Exp(rng.NormFloat64()*0.1)*10) / 10
			if rng.IntN(20) == 0 {
				hrv = math.Round(math.Log(hrv)*10) / 10 // typed in ln units: left out by both
			}
			list = append(list, Answers{Day: start.AddDate(0, 0, i), HRV: hrv,
				SleepHours: 8, SleepQuality: 3, Fatigue: 3, Soreness: 3, Stress: 3, Mood: 3, Motivation: 3})
		}
		trends := Trends(list, start, 90)
		for _, c := range list {
			i := int(c.Day.Sub(start).Hours() / 24)
			res := Score(Input{Today: c, History: list})
			below := false
			for _, r := range res.Reasons {
				below = below || r.Code == "hrv" && strings.Contains(r.Text, "below")
			}
			tr := trends[i]
			chart := !math.IsNaN(tr.HRVLow) && !math.IsNaN(tr.HRVRolling) && math.Round(tr.HRVRolling) < math.Round(tr.HRVLow)
			if below != chart {
				t.Fatalf("trial %d day %d: Score below=%v, trend %v < %v", trial, i, below, tr.HRVRolling, tr.HRVLow)
			}
		}
	}
}
