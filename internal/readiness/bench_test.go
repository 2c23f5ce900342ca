package readiness

import (
	"math/rand/v2"
	"testing"
	"time"
)

// benchHistory is n days of a realistic athlete's check-ins ending the day
// before today: day-to-day noise in every measure, a missed check-in about
// one day in eight, and no HRV on about a third of the days (a watch left
// on the charger).
func benchHistory(today time.Time, n int) []Answers {
	rng := rand.New(rand.NewPCG(1, 2))
	item := func() int { return min(max(4+int(rng.NormFloat64()*0.8), 1), 5) }
	var h []Answers
	for k := n; k >= 1; k-- {
		if rng.IntN(8) == 0 {
			continue
		}
		c := Answers{
			Day:          today.AddDate(0, 0, -k),
			SleepHours:   float64(int((7.5+rng.NormFloat64()*0.7)*4)) / 4,
			SleepQuality: item(), Fatigue: item(), Soreness: item(), Stress: item(), Mood: item(), Motivation: item(),
			RestingHR: 48 + int(rng.NormFloat64()*2.5),
		}
		if rng.IntN(3) > 0 {
			c.HRV = float64(int(65*(1+rng.NormFloat64()*0.12)*10)) / 10
		}
		h = append(h, c)
	}
	return h
}

var benchToday = time.Date(2026, 3, 31, 0, 0, 0, 0, time.UTC)

// BenchmarkScoreRealistic scores one check-in against 90 days of varied
// history, as saving a check-in does.
func BenchmarkScoreRealistic(b *testing.B) {
	in := Input{
		Today: Answers{Day: benchToday, SleepHours: 6.5, SleepQuality: 3, Fatigue: 3, Soreness: 4, Stress: 3, Mood: 4, Motivation: 4,
			RestingHR: 53, HRV: 55},
		History: benchHistory(benchToday, 90),
		ACWR:    1.3,
	}
	b.ReportAllocs()
	for b.Loop() {
		Score(in)
	}
}

// BenchmarkTrends90Days works out the baselines of 90 days for the athlete
// page's charts, from those days' check-ins and the 60 before them.
func BenchmarkTrends90Days(b *testing.B) {
	list := benchHistory(benchToday, 150)
	from := benchToday.AddDate(0, 0, -90)
	b.ReportAllocs()
	for b.Loop() {
		Trends(list, from, 90)
	}
}
