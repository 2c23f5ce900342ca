package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"rebound/internal/apperr"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/pages/athletes"
)

// coachEvent loads the coach's athlete and, when the URL names one, their event.
func (s *Server) coachEvent(r *http.Request) (store.User, training.Athlete, training.Event, error) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil || chi.URLParam(r, "eid") == "" {
		return coach, a, training.Event{}, err
	}
	id, err := strconv.ParseInt(chi.URLParam(r, "eid"), 10, 64)
	if err != nil {
		return coach, a, training.Event{}, apperr.New(apperr.NotFound, "No such event.")
	}
	e, err := s.store.Event(r.Context(), coach, id)
	if err == nil && e.AthleteID != a.ID {
		err = apperr.New(apperr.NotFound, "No such event.")
	}
	return coach, a, e, err
}

// eventFieldsOf fills the event form from event e.
func eventFieldsOf(e training.Event, sys units.System) athletes.EventFields {
	var f athletes.EventFields
	f.Name.Value, f.Notes.Value = strings.TrimSpace(e.Name), strings.TrimSpace(e.Notes) // as a posted form keeps them
	f.Sport.Value, f.Kind.Value, f.Priority.Value = e.Sport, e.Kind, e.Priority
	if !e.Day.IsZero() {
		f.Day.Value = e.Day.Format(time.DateOnly)
	}
	if e.DistanceM > 0 {
		f.Distance.Value = sys.Distance(e.DistanceM)
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
		e = training.Event{Sport: "run", Kind: "10k", Priority: "A"}
	}
	s.render(w, r, http.StatusOK, athletes.EventForm(s.page(r, "Goal event"), a, e, eventFieldsOf(e, units.System(a.Units))))
}

func (s *Server) eventSave(w http.ResponseWriter, r *http.Request) {
	coach, a, e, err := s.coachEvent(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	f := decodeEvent(r.PostForm, units.System(a.Units))
	in := f.event
	in.ID = e.ID
	if !f.Valid() {
		s.render(w, r, http.StatusUnprocessableEntity, athletes.EventForm(s.page(r, "Goal event"), a, e, f.EventFields))
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

// eventForm is the goal event form as posted: what was typed, to show
// again, and the event once valid.
type eventForm struct {
	athletes.EventFields
	event training.Event
}

// decodeEvent reads and checks the event form; distances are read in sys,
// the athlete's units.
func decodeEvent(v url.Values, sys units.System) eventForm {
	var f eventForm
	d := decoder{v: v, form: &f.Problems}
	f.Name, f.Day, f.Sport, f.Kind = d.text("name"), d.text("day"), d.text("sport"), d.text("kind")
	f.Distance, f.Priority, f.Notes = d.text("distance"), d.text("priority"), d.text("notes")
	d.required(&f.Name, &f.Day, &f.Sport, &f.Kind, &f.Priority)
	d.maxLength(&f.Name, 200)
	d.oneOf(&f.Sport, training.EventSports)
	d.oneOf(&f.Kind, training.EventKinds)
	d.oneOf(&f.Priority, []string{"A", "B", "C"})
	f.event = training.Event{Name: f.Name.Value, Day: d.day(&f.Day), Sport: f.Sport.Value, Kind: f.Kind.Value,
		Priority: f.Priority.Value, Notes: f.Notes.Value}
	if m := d.distance(&f.Distance, sys, "30 or 21.1"); f.Distance.Error == "" && f.event.Kind == "custom" {
		f.event.DistanceM = m
		if m == 0 {
			f.Fail(&f.Distance, "A custom event needs its distance.")
		}
	}
	d.maxLength(&f.Notes, 2000)
	return f
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
func upcomingEvents(events []training.Event, today time.Time) []training.Event {
	return slices.DeleteFunc(events, func(e training.Event) bool { return e.Day.Before(today.AddDate(0, 0, -90)) })
}
