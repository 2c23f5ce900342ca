package training

import (
	"testing"
	"time"
)

func TestWeekStart(t *testing.T) {
	// 2024-03-06 is a Wednesday.
	wed := time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		day    time.Time
		sunday bool
		want   string
	}{
		{wed, false, "2024-03-04"},
		{wed, true, "2024-03-03"},
		{time.Date(2024, 3, 4, 0, 0, 0, 0, time.UTC), false, "2024-03-04"}, // a Monday is its own week's start
		{time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC), false, "2024-02-26"}, // a Sunday ends a Monday week
		{time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC), true, "2024-03-03"},  // and starts a Sunday one
		{time.Date(2024, 3, 9, 0, 0, 0, 0, time.UTC), true, "2024-03-03"},  // Saturday ends it
		{time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), false, "2024-12-30"}, // across the year
	} {
		if got := WeekStart(c.day, c.sunday).Format(time.DateOnly); got != c.want {
			t.Errorf("WeekStart(%s, sunday %t) = %s, want %s", c.day.Format(time.DateOnly), c.sunday, got, c.want)
		}
	}
}

// Every day falls in the week that starts on the athlete's first weekday,
// at most six days before it.
func TestWeekStartIsTheFirstWeekdayAtMostSixDaysBack(t *testing.T) {
	day := time.Date(2023, 12, 20, 0, 0, 0, 0, time.UTC)
	for i := range 30 {
		d := day.AddDate(0, 0, i)
		for _, sunday := range []bool{false, true} {
			s := WeekStart(d, sunday)
			if s.Weekday() != FirstWeekday(sunday) || s.After(d) || d.Sub(s) > 6*24*time.Hour {
				t.Errorf("WeekStart(%s, sunday %t) = %s", d.Format(time.DateOnly), sunday, s.Format(time.DateOnly))
			}
		}
	}
}
