package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// The form comes with the hours slept filled in with the athlete's usual
// night (the median of the last nights), says so, and takes an answer
// given on the home page; a value that is not 1 to 5 is not taken.
func TestCheckInFillsInTheUsualSleep(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")
	if page := maya.get("/checkin").Body; inputValue(t, page, "sleep_hours") != "" || strings.Contains(page, "Your usual") {
		t.Error("a first check-in has hours filled in")
	}
	stableMonth(t, a, mayaUser, ath.ID) // 7.5 h every night
	page := maya.get("/checkin?sleep_quality=2&fatigue=9").Body
	if got := inputValue(t, page, "sleep_hours"); got != "7:30" || !strings.Contains(page, "Your usual") {
		t.Errorf("hours slept = %q, want the usual 7:30, said to be the usual", got)
	}
	if !strings.Contains(page, `name="sleep_quality" value="2" checked`) || strings.Contains(page, `name="fatigue" value="9"`) {
		t.Error("the answer from the home page is not in the form, or a wrong one is")
	}
	// The home page asks the first question, each answer a button that
	// opens the form with it.
	home := maya.get("/").Body
	for _, want := range []string{`<form method="get" action="/checkin" class="checkin-start">`, `name="sleep_quality" value="5"`, "1 = very poor … 5 = excellent"} {
		if !strings.Contains(home, want) {
			t.Errorf("the athlete's home lacks %s", want)
		}
	}
}

// Hours slept as people type them; anything else is refused next to the
// field, with what was typed kept, the field marked invalid and described
// by its message, and the list of errors at the top linking to it.
func TestCheckInHoursAsTyped(t *testing.T) {
	a := newApp(t)
	ca := a.coach("Carla Coach", "carla@example.com")
	ath, mayaUser := a.athlete(ca, "Maya Runner", "maya@example.com")
	maya := a.signedIn("maya@example.com")
	for _, typed := range []string{"7h30", "7:30", "7.5", "7,5", "7 h 30"} {
		if r := maya.post("/checkin", checkInForm(typed, fine)); r.StatusCode != http.StatusSeeOther {
			t.Fatalf("%q: status %d", typed, r.StatusCode)
		}
		list, _ := a.store.CheckIns(context.Background(), mayaUser, ath.ID, berlinDay(t, 0), berlinDay(t, 0))
		if len(list) != 1 || list[0].SleepHours != 7.5 {
			t.Errorf("%q stored as %+v", typed, list)
		}
	}
	r := maya.post("/checkin", checkInForm("seven", [6]string{"4", "", "4", "4", "4", "4"}))
	if r.StatusCode != http.StatusUnprocessableEntity {
		t.Fatalf("status %d", r.StatusCode)
	}
	if inputValue(t, r.Body, "sleep_hours") != "seven" || !strings.Contains(fieldError(t, r.Body, "sleep_hours"), "7h30") {
		t.Errorf("the field keeps %q with the error %q", inputValue(t, r.Body, "sleep_hours"), fieldError(t, r.Body, "sleep_hours"))
	}
	for _, want := range []string{
		`class="notice error error-summary" role="alert" tabindex="-1" autofocus`,
		`<a href="#f-sleep_hours">Hours slept: Enter the hours you slept`,
		`<a href="#f-fatigue">Energy: Choose 1 to 5.</a>`,
		`aria-describedby="f-sleep_hours-hint f-sleep_hours-error" aria-invalid="true"`,
		`role="radiogroup" aria-invalid="true" aria-describedby="f-fatigue-error"`,
		`id="f-fatigue"`,
	} {
		if !strings.Contains(r.Body, want) {
			t.Errorf("the page with errors lacks %s", want)
		}
	}
	// The end words of each scale are in its name, for screen readers too.
	if !strings.Contains(r.Body, `<legend><span class="scale-name">Energy</span> <span class="scale-ends">1 = exhausted … 5 = fresh</span></legend>`) {
		t.Error("the energy scale's legend lacks its end words")
	}
}
