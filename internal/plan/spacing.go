package plan

import (
	"fmt"
	"slices"
	"time"
)

// SpacingWarnings names the pairs of key workouts in days that stand
// within 48 hours of each other — on the same or on consecutive days —
// which also takes away the easy or rest day a key workout needs after it
// (DESIGN.md: at least 48 h between key workouts). Rest and recovery never
// count as key.
func SpacingWarnings(days []Upcoming) []string {
	var keys []Upcoming
	for _, u := range days {
		if isKey(u) {
			keys = append(keys, u)
		}
	}
	slices.SortFunc(keys, func(a, b Upcoming) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return int(a.ID - b.ID)
	})
	var out []string
	for i := 1; i < len(keys); i++ {
		a, b := keys[i-1], keys[i]
		switch gap := b.Date.Sub(a.Date); {
		case gap == 0:
			out = append(out, fmt.Sprintf("%s and %s are both on %s: two hard sessions on one day.", a.Title, b.Title, a.Date.Format("Monday")))
		case gap <= 24*time.Hour:
			out = append(out, fmt.Sprintf("%s on %s comes the day after %s: key workouts need 48 hours between them, with an easy or rest day after each.",
				b.Title, b.Date.Format("Monday"), a.Title))
		}
	}
	return out
}

func isKey(u Upcoming) bool {
	switch u.Kind {
	case "rest", "recovery":
		return false
	case "long", "tempo", "intervals", "race":
		return true
	}
	return u.Key
}
