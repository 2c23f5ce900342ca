package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// The time zone is typed with the list's help, not scrolled for: an empty
// field for the first athlete (the browser's zone goes in it), the last
// athlete's zone after that, and any spelling of a listed zone is taken.
func TestNewAthleteTimeZoneField(t *testing.T) {
	a := newApp(t)
	a.coach("Carla Coach", "carla@example.com")
	coach := a.signedIn("carla@example.com")

	form := coach.get("/athletes/new").Body
	for _, want := range []string{`list="f-timezone-zones"`, `data-zone-fill`, `<option value="Europe/Berlin">`, `data-zone-offer="f-timezone" hidden`} {
		if !strings.Contains(form, want) {
			t.Errorf("the new-athlete form lacks %s", want)
		}
	}
	if got := inputValue(t, form, "timezone"); got != "" {
		t.Errorf("the first athlete's zone is preset to %q, not left to the browser", got)
	}
	if strings.Contains(form, "<select") {
		t.Error("the time zone is still a select")
	}
	r := coach.post("/athletes/new", url.Values{"name": {"Ola Swimmer"}, "email": {"ola@example.com"}, "timezone": {"europe/oslo"}})
	if r.StatusCode != http.StatusSeeOther {
		t.Fatalf("a zone typed in lower case: %d %q", r.StatusCode, fieldError(t, r.Body, "timezone"))
	}
	var zone string
	a.store.Pool().QueryRow(context.Background(), "SELECT timezone FROM athletes WHERE email = 'ola@example.com'").Scan(&zone)
	if zone != "Europe/Oslo" {
		t.Errorf("stored zone %q, want Europe/Oslo", zone)
	}
	if got := inputValue(t, coach.get("/athletes/new").Body, "timezone"); got != "Europe/Oslo" {
		t.Errorf("the next athlete's zone is %q, want the last one's", got)
	}
	r = coach.post("/athletes/new", url.Values{"name": {"Pia"}, "email": {"pia@example.com"}, "timezone": {"Oslo"}})
	if r.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(fieldError(t, r.Body, "timezone"), "from the list") || inputValue(t, r.Body, "timezone") != "Oslo" {
		t.Errorf("a zone not on the list: %d %q", r.StatusCode, fieldError(t, r.Body, "timezone"))
	}
}
