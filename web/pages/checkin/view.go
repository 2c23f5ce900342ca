package checkin

import (
	"slices"
	"strconv"
	"strings"

	"rebound/internal/readiness"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/components"
)

func lightWord(l string) string {
	switch l {
	case "green":
		return "Green"
	case "amber":
		return "Amber"
	case "red":
		return "Red"
	}
	return "–"
}

// reasonFor is a reason as the reader reads it: the athlete as written,
// the coach about the athlete.
func reasonFor(text string, coach bool) string {
	if coach {
		return components.ThirdPerson(text)
	}
	return text
}

// advice is what the athlete should do with today's light.
func advice(c training.CheckIn) string {
	switch {
	case c.Illness && c.IllnessSite != readiness.AboveNeck:
		return "Rest while you're ill; training through it delays recovery. Your coach sees this on their dashboard and can adjust your plan."
	case c.Light == "red":
		return "Take it easy today: rest, or only very light movement. Your coach sees this on their dashboard and can adjust your plan."
	case c.Illness: // above the neck only, and nothing red
		return "With a cold above the neck only, an easy, shorter session is fine if you feel up to it; stop if you feel worse, and rest if fever or aches come. Your coach sees this on their dashboard and can adjust your plan."
	case slices.ContainsFunc(c.Reasons, func(r training.Reason) bool { return r.Code == readiness.CodePattern }):
		return "Your last weeks show several red flags together. That is not a diagnosis, but it is the time for a lighter week: keep today easy, sleep and eat well, and your coach may bring your next cutback week forward."
	case c.Light == "amber":
		return "Keep today's workout easy, or shorten it; recovery is where the gains are made. Your coach has been notified on the dashboard."
	}
	return "You're ready: train as planned."
}

// symptoms names a check-in's illness and injury with where they are
// ("Ill, above the neck only · Injured: knees, lower back"); "" for
// neither.
func symptoms(c training.CheckIn) string {
	var parts []string
	if c.Illness {
		switch c.IllnessSite {
		case readiness.AboveNeck:
			parts = append(parts, "Ill, above the neck only")
		case readiness.BelowNeck:
			parts = append(parts, "Ill, below the neck or fever")
		default:
			parts = append(parts, "Ill")
		}
	}
	if c.Injury {
		injured := "Injured"
		if len(c.InjuryAreas) > 0 {
			injured += ": " + strings.ReplaceAll(strings.Join(c.InjuryAreas, ", "), "_", " ")
		}
		parts = append(parts, injured)
	}
	return strings.Join(parts, " · ")
}

func hours(h float64) string {
	if h <= 0 {
		return "–"
	}
	return units.Duration(int(h * 3600))
}

func measured(c training.CheckIn) string {
	var parts []string
	if c.RestingHR > 0 {
		parts = append(parts, strconv.Itoa(c.RestingHR)+" bpm")
	}
	if c.HRV > 0 {
		parts = append(parts, strconv.FormatFloat(c.HRV, 'f', -1, 64)+" ms")
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, " · ")
}

// sleepHint says where the hours slept come from when they are filled in.
func sleepHint(d Data) string {
	if d.Usual {
		return "Your usual: change it if need be."
	}
	return "For example 7.5, 7:30 or 7h30."
}

// fieldOrder is the form's fields in the order the page shows them, for
// the list of errors at its top.
func fieldOrder(f CheckInFields) []components.Labelled {
	out := []components.Labelled{{Name: "sleep_hours", Label: "Hours slept", Text: f.SleepHours}}
	for i, it := range Items {
		out = append(out, components.Labelled{Name: it.Name, Label: it.Label, Text: f.Answers[i]})
	}
	return append(out,
		components.Labelled{Name: "illness_site", Label: "Where do you feel it?", Text: f.IllnessSite},
		components.Labelled{Name: "injury_areas", Label: "Where is the injury or pain?", Text: f.InjuryAreas},
		components.Labelled{Name: "resting_hr", Label: "Resting heart rate", Text: f.RestingHR},
		components.Labelled{Name: "hrv_rmssd", Label: "HRV", Text: f.HRV},
		components.Labelled{Name: "soreness_areas", Label: "Where are you sore?", Text: f.SorenessAreas},
		components.Labelled{Name: "notes", Label: "Note for your coach", Text: f.Notes},
	)
}
