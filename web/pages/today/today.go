package today

import (
	"time"

	"rebound/internal/store"
	"rebound/internal/units"
)

func greeting(now time.Time) string {
	switch h := now.Hour(); {
	case h < 5:
		return "Good evening"
	case h < 12:
		return "Good morning"
	case h < 18:
		return "Good afternoon"
	}
	return "Good evening"
}

// glanceStatus is a workout's state in a few characters: done, skipped,
// or its planned time.
func glanceStatus(w store.Workout) string {
	switch w.Status {
	case "done":
		return "✓ done"
	case "skipped":
		return "skipped"
	}
	if w.PlannedDurationS > 0 {
		return units.Duration(w.PlannedDurationS)
	}
	return ""
}
