package plan

import (
	"fmt"
	"slices"
	"time"

	"rebound/internal/training"
)

// SpacingWarnings names the pairs of key workouts in days that stand
// within 48 hours of each other — on the same or on consecutive days —
// which also takes away the easy or rest day a key workout needs after it
// (DESIGN.md: at least 48 h between key workouts). Rest and recovery never
// count as key. The pairs the plan makes on purpose pass, as Check passes
// them: a triathlete's long ride and long run on consecutive days (Friel's
// weekend pair), a threshold swim beside a quality ride or run, and heavy
// strength sessions for different muscle groups (an upper/lower split).
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
		case paired(a, b, gap):
		case gap == 0:
			out = append(out, fmt.Sprintf("%s and %s are both on %s: two hard sessions on one day.", a.Title, b.Title, a.Date.Format("Monday")))
		case gap <= 24*time.Hour:
			out = append(out, fmt.Sprintf("%s on %s comes the day after %s: key workouts need 48 hours between them, with an easy or rest day after each.",
				b.Title, b.Date.Format("Monday"), a.Title))
		}
	}
	return out
}

// paired reports whether key workouts a and b, gap apart, are a pair the
// plan makes on purpose (see SpacingWarnings).
func paired(a, b Upcoming, gap time.Duration) bool {
	long := func(u Upcoming, sport string) bool { return u.Kind == training.KindLong && u.Sport == sport }
	switch {
	case gap == 0:
		return a.Sport != b.Sport && (a.Sport == training.SportSwim || b.Sport == training.SportSwim)
	case gap <= 24*time.Hour:
		groups := func(u Upcoming) int {
			return muscleGroups(Workout{Kind: u.Kind, Key: true, Structure: u.Structure})
		}
		ga, gb := groups(a), groups(b)
		return long(a, training.SportBike) && long(b, training.SportRun) || long(a, training.SportRun) && long(b, training.SportBike) ||
			ga != 0 && gb != 0 && ga&gb == 0
	}
	return false
}

func isKey(u Upcoming) bool {
	return training.KeyKind(u.Kind) || u.Key && training.MayBeKey(u.Kind)
}
