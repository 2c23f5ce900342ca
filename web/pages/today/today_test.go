package today

import (
	"testing"
	"time"
)

func TestGreeting(t *testing.T) {
	for h, want := range map[int]string{0: "Hello", 3: "Hello", 5: "Good morning", 11: "Good morning", 12: "Good afternoon", 17: "Good afternoon", 18: "Good evening", 23: "Good evening"} {
		if got := greeting(time.Date(2026, 12, 6, h, 30, 0, 0, time.UTC)); got != want {
			t.Errorf("%02d:30: %q, want %q", h, got, want)
		}
	}
}
