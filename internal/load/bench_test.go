package load

import (
	"math/rand/v2"
	"testing"
	"time"
)

// benchSessions is two years of an athlete's logged workouts: five or six
// days a week, a second session on about one day in five, durations of
// 20–150 min and RPE 2–9.
func benchSessions(from time.Time, days int) []Session {
	rng := rand.New(rand.NewPCG(3, 4))
	var out []Session
	for d := range days {
		if rng.IntN(7) == 0 {
			continue
		}
		n := 1
		if rng.IntN(5) == 0 {
			n = 2
		}
		for range n {
			out = append(out, Session{Day: from.AddDate(0, 0, d), Minutes: float64(20 + rng.IntN(131)), RPE: float64(2 + rng.IntN(8))})
		}
	}
	return out
}

const benchDays = 730

var benchFrom = time.Date(2024, 4, 1, 0, 0, 0, 0, time.UTC)

func BenchmarkDailyLoads730(b *testing.B) {
	sessions := benchSessions(benchFrom, benchDays)
	to := benchFrom.AddDate(0, 0, benchDays-1)
	b.ReportAllocs()
	for b.Loop() {
		DailyLoads(sessions, benchFrom, to)
	}
}

func BenchmarkACWR730(b *testing.B) {
	daily := DailyLoads(benchSessions(benchFrom, benchDays), benchFrom, benchFrom.AddDate(0, 0, benchDays-1))
	b.ReportAllocs()
	for b.Loop() {
		ACWR(daily)
	}
}

func BenchmarkPerformanceManagement730(b *testing.B) {
	daily := DailyLoads(benchSessions(benchFrom, benchDays), benchFrom, benchFrom.AddDate(0, 0, benchDays-1))
	b.ReportAllocs()
	for b.Loop() {
		PerformanceManagement(daily)
	}
}

// BenchmarkLoadPipeline730 is what a page showing two years of load does:
// daily loads from the sessions, then the ratio and the fitness model.
func BenchmarkLoadPipeline730(b *testing.B) {
	sessions := benchSessions(benchFrom, benchDays)
	to := benchFrom.AddDate(0, 0, benchDays-1)
	b.ReportAllocs()
	for b.Loop() {
		daily := DailyLoads(sessions, benchFrom, to)
		ACWR(daily)
		PerformanceManagement(daily)
	}
}
