package workouts

import (
	"math/rand"
	"regexp"
	"strings"
	"testing"
	"time"

	"rebound/internal/plan"
	"rebound/internal/training"
	"rebound/internal/units"
)

// What a workout's text states, as it writes it.
var (
	paceRe   = regexp.MustCompile(`(?:slower than |faster than |about )?\d+:\d\d(?:–\d+:\d\d)? /(?:km|mi)`)
	rpeRe    = regexp.MustCompile(`RPE \d+(?:\.\d+)?`)
	effortRe = regexp.MustCompile(`(?:HR )?(?:under |over )?\d+(?:–\d+)? (?:bpm|W)\b`)
)

// TestTargetsStateTheTextsNumbers: over many generated plans (runs, rides,
// triathlons; paces, power, heart rate, or none known; km and mi), every
// pace, RPE, heart rate and power a workout's text states is what its
// targets state too, so a page never shows two numbers for one effort.
func TestTargetsStateTheTextsNumbers(t *testing.T) {
	r := rand.New(rand.NewSource(21))
	events := map[plan.Sport][]plan.EventKind{
		plan.Run:       {plan.FiveK, plan.TenK, plan.Half, plan.Marathon},
		plan.Triathlon: {plan.Sprint, plan.Olympic, plan.Half703},
		plan.Bike:      {plan.TimeTrial, plan.GranFondo},
	}
	plans, checked := 0, 0
	for plans < 150 {
		in := randomPlanInput(r, events)
		p, err := plan.Generate(in)
		if err != nil {
			continue
		}
		plans++
		a := training.Athlete{Profile: training.Profile{Units: in.Athlete.Units, ThresholdPace: in.Athlete.ThresholdPace,
			ThresholdHR: in.Athlete.ThresholdHR, MaxHR: in.Athlete.MaxHR, FTP: in.Athlete.FTP}}
		for _, wk := range p.Weeks {
			for _, w := range wk.Workouts {
				sw := training.Workout{Prescription: training.Prescription{Sport: w.Sport, Kind: w.Kind, TargetRPE: w.RPE, TargetZone: w.Zone,
					Description: w.Description, Structure: w.Structure}}
				targets := Targets(a, sw)
				for _, re := range []*regexp.Regexp{paceRe, rpeRe, effortRe} {
					for _, said := range re.FindAllString(w.Description, -1) {
						checked++
						if !strings.Contains(targets, said) {
							t.Fatalf("%s %s (zone %d): the text says %q, the targets %q\n%s", w.Date.Format(time.DateOnly), w.Title, w.Zone, said, targets, w.Description)
						}
					}
				}
				if w.RPE > 0 && !strings.Contains(targets, units.RPE(w.RPE)) {
					t.Fatalf("%s: targets %q lack the workout's %s", w.Title, targets, units.RPE(w.RPE))
				}
			}
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d numbers checked: the plans state too few", checked)
	}
}

// randomPlanInput is a plan's input with some thresholds known, in km or mi.
func randomPlanInput(r *rand.Rand, events map[plan.Sport][]plan.EventKind) plan.Input {
	sports := []plan.Sport{plan.Run, plan.Triathlon, plan.Bike}
	a := plan.Athlete{Sport: sports[r.Intn(len(sports))], WeeklyMinutes: 120 + r.Intn(480),
		Experience: []plan.Experience{plan.Beginner, plan.Intermediate, plan.Advanced}[r.Intn(3)], Units: []string{"km", "mi"}[r.Intn(2)]}
	if r.Intn(3) > 0 {
		a.ThresholdPace = 200 + r.Intn(200)
	}
	switch r.Intn(3) {
	case 0:
		a.ThresholdHR = 150 + r.Intn(30)
	case 1:
		a.MaxHR = 175 + r.Intn(30)
	}
	if r.Intn(2) == 0 {
		a.FTP = 150 + r.Intn(200)
	}
	in := plan.Input{Athlete: a, Start: time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC).AddDate(0, 0, 7*r.Intn(50))}
	if kinds := events[a.Sport]; r.Intn(4) > 0 {
		in.Event = &plan.Event{Name: "Goal", Date: in.Start.AddDate(0, 0, 7*(10+r.Intn(16))+6), Kind: kinds[r.Intn(len(kinds))],
			Priority: []string{"A", "A", "B"}[r.Intn(3)]}
	}
	return in
}
