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

func TestThirdPerson(t *testing.T) {
	for in, want := range map[string]string{
		"Resting HR 12 bpm above your 28-day baseline (50 bpm)": "Resting HR 12 bpm above their 28-day baseline (50 bpm)",
		"Your usual, and yours":                                 "Their usual, and yours",
		"Slept 5 h, 2 h under your usual 7 h":                   "Slept 5 h, 2 h under their usual 7 h",
		"No warning signs today":                                "No warning signs today",
	} {
		if got := ThirdPerson(in); got != want {
			t.Errorf("ThirdPerson(%q) = %q, want %q", in, got, want)
		}
	}
}
