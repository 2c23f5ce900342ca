package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"rebound/internal/training"
)

// The preview shows each week's days, and a plan's warning above it when
// the athlete's time cannot prepare them safely for the event; the saved
// plan keeps showing the warning.
func TestPlanPreviewShowsDaysAndWarnings(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, _ := a.athlete(ca, "Maya Runner", "maya@example.com")
	race, err := a.store.AddEvent(context.Background(), ca, ath.ID, training.Event{Name: "Spring Marathon", Day: berlinDay(t, 7*16), Sport: "run", Kind: "marathon", Priority: "A"})
	if err != nil {
		t.Fatal(err)
	}
	coach := a.signedIn("carla@example.com")
	v := planFormValues(weekStart(ath, berlinDay(t, 7)), "150", race.ID)
	v.Set("experience", "beginner")
	r := coach.post(athletePath(ath.ID)+"/plan/preview", v)
	if r.StatusCode != http.StatusOK {
		t.Fatalf("preview: %d\n%s", r.StatusCode, r.Body)
	}
	for _, want := range []string{`class="notice warning" role="alert"`, "cannot prepare the athlete safely", "The longest long run",
		`<details class="days">`, "<summary>Days of week 1</summary>", "Long run"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("preview lacks %q", want)
		}
	}
	if r := coach.post(athletePath(ath.ID)+"/plan", v); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("save: %d\n%s", r.StatusCode, r.Body)
	}
	r = coach.get(athletePath(ath.ID) + "/plan")
	for _, want := range []string{`class="notice warning" role="alert"`, "The longest long run"} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("the saved plan's page lacks %q", want)
		}
	}
}
