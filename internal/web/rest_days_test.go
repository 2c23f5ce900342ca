package web

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"rebound/internal/store"
	"rebound/internal/training"
)

// A week without a plan says so, in every place the athlete or coach
// reads it: an unplanned day is not a rest day.
func TestNothingPlannedIsNotCalledRest(t *testing.T) {
	a := newApp(t)
	coach := a.coach("Carla Coach", "carla@example.com")
	maya, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	monday := weekStart(maya, a.srv.athleteToday(maya))

	home := a.signedIn("maya@example.com").get("/").Body
	if !strings.Contains(home, "Nothing is planned for this week yet") || strings.Contains(home, "Rest is training") ||
		strings.Contains(home, ">Rest<") || strings.Contains(home, `id="this-week"`) {
		t.Errorf("the athlete home of a week without a plan:\n%s", text(t, home, "main"))
	}
	week := a.signedIn("carla@example.com").get(fmt.Sprintf("/athletes/%d/weeks/%s", maya.ID, monday.Format(time.DateOnly))).Body
	if !strings.Contains(week, "Nothing is planned this week") || !strings.Contains(week, "/plan/new") {
		t.Errorf("the coach's week without a plan:\n%s", text(t, week, "main"))
	}
	sheet := a.signedIn("carla@example.com").get(fmt.Sprintf("/athletes/%d/weeks/%s/print", maya.ID, monday.Format(time.DateOnly))).Body
	if !strings.Contains(sheet, "Nothing is planned for this week yet") || strings.Count(sheet, "Nothing planned") != 7 || strings.Contains(sheet, "Rest:") {
		t.Errorf("the printed week without a plan:\n%s", text(t, sheet, "main"))
	}
}

// Rest days from a plan ask for no log, and only recovery workouts carry
// the "protected: easy means easy" words.
func TestRestDaysNeedNoLog(t *testing.T) {
	a := newApp(t)
	ctx := context.Background()
	coach := a.coach("Carla Coach", "carla@example.com")
	maya, _ := a.athlete(coach, "Maya Runner", "maya@example.com")
	today := a.srv.athleteToday(maya)
	monday := weekStart(maya, today)
	rest := training.Prescription{Sport: "other", Kind: "rest", Title: "Rest day", Description: "Rest: sleep, eat well."}
	recovery := training.Prescription{Sport: "run", Kind: "recovery", Title: "Recovery jog", PlannedDurationS: 1800, TargetRPE: 2, TargetZone: 1}
	np := store.NewPlan{Sport: "run", Inputs: []byte("{}"), Start: today.AddDate(0, 0, -1), End: today.AddDate(0, 0, 1),
		Weeks: []training.PlanWeek{{Start: monday, Phase: "base", Kind: "build", TargetMinutes: 30, Rationale: "A light week."}},
		Workouts: []store.PlannedWorkout{
			{Day: today.AddDate(0, 0, -1), Prescription: rest, Protected: true},
			{Day: today, Prescription: rest, Protected: true},
			{Day: today.AddDate(0, 0, 1), Prescription: recovery, Protected: true},
		}}
	if _, _, err := a.store.SavePlan(ctx, coach, maya.ID, np); err != nil {
		t.Fatal(err)
	}
	athlete := a.signedIn("maya@example.com")
	home := athlete.get("/").Body
	if strings.Contains(home, "Log Rest day") || strings.Contains(home, "still to log") || !strings.Contains(home, "A rest day: nothing to log") {
		t.Errorf("the athlete home asks to log a rest day:\n%s", text(t, home, "main"))
	}
	if strings.Contains(home, ">protected<") {
		t.Error("today's rest day is called protected")
	}
	if page := athlete.get("/checkin").Body; strings.Contains(page, "isn't logged yet") {
		t.Error("the check-in asks to log yesterday's rest day")
	}
	// Yesterday's and tomorrow's weeks (one week, or two): one recovery jog.
	protected := 0
	for _, week := range uniqueDays(weekStart(maya, today.AddDate(0, 0, -1)), weekStart(maya, today.AddDate(0, 0, 1))) {
		sheet := athlete.get(fmt.Sprintf("/athletes/%d/weeks/%s/print", maya.ID, week.Format(time.DateOnly))).Body
		protected += strings.Count(sheet, "Protected: easy means easy")
	}
	if protected != 1 {
		t.Errorf("%d workouts printed as protected, want the recovery jog only", protected)
	}
}

func uniqueDays(a, b time.Time) []time.Time {
	if a.Equal(b) {
		return []time.Time{a}
	}
	return []time.Time{a, b}
}
