package plan

import (
	"fmt"
	"strings"

	"rebound/internal/training"
	"rebound/internal/units"
)

// Text renders the plan as plain text for a terminal or a printout: the
// warnings and notes, then each week (dates, phase, kind, minutes, easy share and
// rationale) followed by its days, one line each with the description
// below, distances in Plan.Units.
func (p Plan) Text() string {
	u := units.System(p.Units)
	if u != units.Imperial {
		u = units.Metric
	}
	var b strings.Builder
	if n := len(p.Weeks); n > 0 {
		first, last := p.Weeks[0].Start, p.Weeks[n-1].Start.AddDate(0, 0, 6)
		fmt.Fprintf(&b, "Plan: %d weeks, %s to %s\n", n, first.Format(dateLong), last.Format(dateLong))
	}
	if len(p.Warnings) > 0 {
		b.WriteString("Warnings:\n")
		for _, w := range p.Warnings {
			fmt.Fprintf(&b, "  ! %s\n", w)
		}
	}
	if len(p.Notes) > 0 {
		b.WriteString("Notes:\n")
		for _, n := range p.Notes {
			fmt.Fprintf(&b, "  - %s\n", n)
		}
	}
	for i, w := range p.Weeks {
		fmt.Fprintf(&b, "\nWeek %d, %s: %s, %s week, %s, %s\n",
			i+1, w.Start.Format(dateLong), w.Phase, w.Kind, weekMinutes(w), intensity(w))
		fmt.Fprintf(&b, "  %s\n", w.Rationale)
		for _, wo := range w.Workouts {
			b.WriteString(workoutLine(wo, u))
		}
	}
	return b.String()
}

// intensity is a week's intensity in words: its easy share, or for a week
// of heavy strength sessions their number, where an easy share of minutes
// says nothing (the rest between sets counts as easy).
func intensity(w Week) string {
	heavy := 0
	for _, wo := range w.Workouts {
		if wo.Kind == training.KindStrength && wo.Key {
			heavy++
		}
	}
	if heavy > 0 {
		return count(heavy) + " heavy sessions"
	}
	return fmt.Sprintf("%d %% easy", int(w.EasyShare*100+0.5))
}

// weekMinutes is a week's volume in words, the race shown apart.
func weekMinutes(w Week) string {
	race := 0
	for _, wo := range w.Workouts {
		if wo.Kind == training.KindRace {
			race += wo.Minutes
		}
	}
	if race == 0 {
		return fmt.Sprintf("%d min (%s)", w.TargetMinutes, duration(w.TargetMinutes))
	}
	return fmt.Sprintf("%d min training + %d min race", w.TargetMinutes-race, race)
}

// workoutLine is one day: date, kind, sport, minutes, distance, targets,
// flags and title, then the description indented below.
func workoutLine(w Workout, u units.System) string {
	date := w.Date.Format("Mon 02 Jan")
	if w.Kind == training.KindRest {
		return fmt.Sprintf("  %s  %-14s %s\n", date, w.Kind, w.Title)
	}
	dist := ""
	if w.DistanceM > 0 {
		dist = u.Distance(w.DistanceM)
	}
	var flags []string
	if w.Key {
		flags = append(flags, "key")
	}
	if w.Protected {
		flags = append(flags, "protected")
	}
	zone := ""
	if w.Zone > 0 {
		zone = fmt.Sprintf("Z%d", w.Zone)
	}
	return fmt.Sprintf("  %s  %-14s %-8s %4d min %8s  RPE %-3g %-2s %-9s %s\n%16s%s\n",
		date, w.Kind, w.Sport, w.Minutes, dist, w.RPE, zone, strings.Join(flags, ","), w.Title, "", w.Description)
}
