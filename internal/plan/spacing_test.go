package plan

import (
	"testing"
	"time"

	"rebound/internal/training"
)

func TestSpacingWarnings(t *testing.T) {
	mon := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	day := func(n int, kind, title string) Upcoming {
		return Upcoming{ID: int64(n*10 + len(title)), Date: mon.AddDate(0, 0, n), Kind: kind, Title: title}
	}
	sport := func(u Upcoming, s string) Upcoming { u.Sport = s; return u }
	heavy := func(n int, s *training.Structure) Upcoming {
		return Upcoming{ID: int64(100 + n), Date: mon.AddDate(0, 0, n), Kind: "strength", Sport: "strength", Title: "Heavy", Key: true, Structure: s}
	}
	for _, tc := range []struct {
		name string
		days []Upcoming
		want int
	}{
		{"key, easy, key", []Upcoming{day(0, "intervals", "Intervals"), day(1, "easy", "Easy"), day(2, "tempo", "Tempo")}, 0},
		{"back to back", []Upcoming{day(0, "intervals", "Intervals"), day(1, "tempo", "Tempo")}, 1},
		{"same day", []Upcoming{day(3, "long", "Long run"), day(3, "intervals", "Strides")}, 1},
		{"recovery between", []Upcoming{day(0, "long", "Long run"), day(1, "recovery", "Jog"), day(2, "intervals", "Intervals")}, 0},
		{"strength marked key", []Upcoming{day(0, "tempo", "Tempo"), {ID: 99, Date: mon.AddDate(0, 0, 1), Kind: "strength", Title: "Heavy legs", Key: true}}, 1},
		{"three in a row", []Upcoming{day(0, "tempo", "Tempo"), day(1, "intervals", "Intervals"), day(2, "long", "Long run")}, 2},
		{"weekend pair", []Upcoming{sport(day(5, "long", "Long ride"), "bike"), sport(day(6, "long", "Long run"), "run")}, 0},
		{"two long rides", []Upcoming{sport(day(5, "long", "Long ride"), "bike"), sport(day(6, "long", "Long ride"), "bike")}, 1},
		{"swim beside a ride", []Upcoming{sport(day(2, "tempo", "Sweet spot"), "bike"), sport(day(2, "intervals", "CSS"), "swim")}, 0},
		{"upper then lower", []Upcoming{heavy(0, &training.Structure{Sets: 3, Upper: true}), heavy(1, &training.Structure{Sets: 3})}, 0},
		{"full body twice", []Upcoming{heavy(0, &training.Structure{Sets: 3, Full: true}), heavy(1, &training.Structure{Sets: 3})}, 1},
	} {
		if got := SpacingWarnings(tc.days); len(got) != tc.want {
			t.Errorf("%s: %q", tc.name, got)
		}
	}
}
