package plan

import (
	"testing"
	"time"
)

func TestSpacingWarnings(t *testing.T) {
	mon := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	day := func(n int, kind, title string) Upcoming {
		return Upcoming{ID: int64(n*10 + len(title)), Date: mon.AddDate(0, 0, n), Kind: kind, Title: title}
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
	} {
		if got := SpacingWarnings(tc.days); len(got) != tc.want {
			t.Errorf("%s: %q", tc.name, got)
		}
	}
}
