package web

import (
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"rebound/internal/apperr"
	"rebound/internal/store"
	"rebound/internal/units"
	"rebound/web/components"
	"rebound/web/pages/athletes"
)

var eventFields = []string{"name", "day", "sport", "kind", "distance", "priority", "notes"}

// coachEvent loads the coach's athlete and, when the URL names one, their event.
func (s *Server) coachEvent(r *http.Request) (store.User, store.Athlete, store.Event, error) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil || chi.URLParam(r, "eid") == "" {
		return coach, a, store.Event{}, err
	}
	id, err := strconv.ParseInt(chi.URLParam(r, "eid"), 10, 64)
	if err != nil {
		return coach, a, store.Event{}, apperr.New(apperr.NotFound, "No such event.")
	}
	e, err := s.store.Event(r.Context(), coach, id)
	if err == nil && e.AthleteID != a.ID {
		err = apperr.New(apperr.NotFound, "No such event.")
	}
	return coach, a, e, err
}

func eventForm(e store.Event, sys units.System) *components.Form {
	f := components.NewForm()
	f.Set("name", e.Name)
	f.Set("sport", e.Sport)
	f.Set("kind", e.Kind)
	f.Set("priority", e.Priority)
	f.Set("notes", e.Notes)
	if !e.Day.IsZero() {
		f.Set("day", e.Day.Format(time.DateOnly))
	}
	if e.DistanceM > 0 {
		f.Set("distance", sys.Distance(e.DistanceM))
	}
	return f
}

func (s *Server) eventFormPage(w http.ResponseWriter, r *http.Request) {
	_, a, e, err := s.coachEvent(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if e.ID == 0 {
		e = store.Event{Sport: "run", Kind: "10k", Priority: "A"}
	}
	s.render(w, r, http.StatusOK, athletes.EventForm(s.page(r, "Goal event"), a, e, eventForm(e, units.System(a.Units))))
}

func (s *Server) eventSave(w http.ResponseWriter, r *http.Request) {
	coach, a, e, err := s.coachEvent(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f, ok := s.parseForm(w, r, eventFields...)
	if !ok {
		return
	}
	in := readEvent(f, units.System(a.Units))
	in.ID = e.ID
	if !f.Valid() {
		s.render(w, r, http.StatusUnprocessableEntity, athletes.EventForm(s.page(r, "Goal event"), a, e, f))
		return
	}
	if e.ID == 0 {
		_, err = s.store.AddEvent(r.Context(), coach, a.ID, in)
	} else {
		err = s.store.UpdateEvent(r.Context(), coach, in)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, athletePath(a.ID), in.Name+" is saved.")
}

// readEvent validates the event form and returns the event; distances
// are read in sys, the athlete's units.
func readEvent(f *components.Form, sys units.System) store.Event {
	required(f, "name", "day", "sport", "kind", "priority")
	checkName(f, "name")
	oneOf(f, "sport", store.EventSports)
	oneOf(f, "kind", store.EventKinds)
	oneOf(f, "priority", []string{"A", "B", "C"})
	in := store.Event{Name: f.Value("name"), Sport: f.Value("sport"), Kind: f.Value("kind"),
		Priority: f.Value("priority"), Notes: f.Value("notes")}
	if v := f.Value("day"); v != "" {
		day, err := time.Parse(time.DateOnly, v)
		if err != nil || day.Year() < 2000 || day.Year() > 2100 {
			f.Fail("day", "Enter a date such as 2027-04-25.")
		}
		in.Day = day
	}
	if m, err := sys.ParseDistance(f.Value("distance")); err != nil {
		f.Fail("distance", "Enter a distance such as 30 or 21.1.")
	} else if in.Kind == "custom" {
		in.DistanceM = m
		if m == 0 {
			f.Fail("distance", "A custom event needs its distance.")
		}
	}
	if len([]rune(in.Notes)) > 2000 {
		f.Fail("notes", "Use at most 2000 characters.")
	}
	return in
}

func (s *Server) eventDelete(w http.ResponseWriter, r *http.Request) {
	coach, a, e, err := s.coachEvent(r)
	if err == nil {
		err = s.store.DeleteEvent(r.Context(), coach, e.ID)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, athletePath(a.ID), e.Name+" is deleted.")
}

// upcomingEvents keeps the events from today on, and the last 90 days' for context.
func upcomingEvents(events []store.Event, today time.Time) []store.Event {
	return slices.DeleteFunc(events, func(e store.Event) bool { return e.Day.Before(today.AddDate(0, 0, -90)) })
}
