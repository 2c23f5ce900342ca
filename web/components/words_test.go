package components

import (
	"testing"
	"time"
)

func TestDaysTo(t *testing.T) {
	today := time.Date(2026, 3, 28, 0, 0, 0, 0, time.UTC)
	for n, want := range map[int]string{0: "today", 1: "tomorrow", 12: "in 12 days", -1: "yesterday", -3: "3 days ago"} {
		if got := DaysTo(today, today.AddDate(0, 0, n)); got != want {
			t.Errorf("DaysTo(%+d days) = %q, want %q", n, got, want)
		}
	}
}
