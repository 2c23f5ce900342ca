package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/go-chi/chi/v5"

	"rebound/internal/auth"
	"rebound/internal/ical"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/components"
	"rebound/web/pages/athletes"
	"rebound/web/pages/workouts"
)

// feedDaysBack is how far back the calendar feed starts; it runs to the
// last workout, which is the end of the plan.
const feedDaysBack = 14

// calendarCreate makes the athlete's calendar-feed link (their coach or
// the athlete themself), replacing the live one, and shows it this once.
func (s *Server) calendarCreate(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	token, hash := auth.NewToken()
	if err := s.store.IssueCalendarToken(r.Context(), u, a.ID, hash); err != nil {
		s.renderError(w, r, err)
		return
	}
	link := athletes.Issued{URL: s.absolute(r, calendarPath(token)), Kind: "calendar"}
	s.showAthlete(w, r, a, link, "A new calendar link is ready; any earlier link no longer works.")
}

// calendarRevoke stops the athlete's calendar-feed link.
func (s *Server) calendarRevoke(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err == nil {
		err = s.store.RevokeCalendarToken(r.Context(), u, a.ID)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, athletePath(a.ID), "The calendar link is revoked: calendars subscribed to it get no more updates.")
}

func calendarPath(token string) string { return "/calendar/" + token + ".ics" }

// calendarFeed serves the plan as an iCalendar feed. No session: the token
// in the path is the credential, looked up by its hash; a revoked or
// unknown one is 404. Nothing is cached on the server, so a change to the
// plan is in the next poll; the ETag lets a client's poll cost no body.
func (s *Server) calendarFeed(w http.ResponseWriter, r *http.Request) {
	hash := auth.HashToken(chi.URLParam(r, "token"))
	a, err := s.store.CalendarAthlete(r.Context(), hash)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	list, err := s.store.CalendarWorkouts(r.Context(), hash, s.athleteToday(a).AddDate(0, 0, -feedDaysBack))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var buf bytes.Buffer
	f := feed{athlete: a, workouts: list, host: s.host(r), weekURL: func(day time.Time) string { return s.absolute(r, weekPath(a, day)) }}
	if err := f.write(&buf); err != nil {
		s.renderError(w, r, err)
		return
	}
	sum := sha256.Sum256(buf.Bytes())
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Cache-Control", "private, no-cache")
	h.Set("ETag", `"`+hex.EncodeToString(sum[:16])+`"`)
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(buf.Bytes()))
}

// host names this server in UIDs: the base URL's host, else the one the
// request came to, without a port.
func (s *Server) host(r *http.Request) string {
	h := r.Host
	if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Host != "" {
		h = u.Host
	}
	if name, _, err := net.SplitHostPort(h); err == nil {
		h = name
	}
	return h
}

// feed is one athlete's plan as an iCalendar stream.
type feed struct {
	athlete  training.Athlete
	workouts []store.FeedWorkout
	host     string
	weekURL  func(day time.Time) string
}

func (f feed) write(out io.Writer) error {
	name := "Rebound: " + f.athlete.Name + "'s training"
	w := ical.NewWriter(out)
	w.Begin("VCALENDAR")
	w.Prop("VERSION", "2.0")
	w.Prop("PRODID", "-//Rebound//Training plan//EN")
	w.Prop("CALSCALE", "GREGORIAN")
	w.Prop("METHOD", "PUBLISH")
	w.Text("NAME", name)
	w.Text("X-WR-CALNAME", name)
	w.Text("X-WR-CALDESC", "The training plan from Rebound, from two weeks ago to the end of the plan.")
	w.Prop("REFRESH-INTERVAL;VALUE=DURATION", "PT1H")
	w.Prop("X-PUBLISHED-TTL", "PT1H")
	for _, wo := range f.workouts {
		w.Begin("VEVENT")
		w.Text("UID", "workout-"+strconv.FormatInt(wo.ID, 10)+"@"+f.host)
		w.DateTime("DTSTAMP", wo.UpdatedAt)
		w.DateTime("LAST-MODIFIED", wo.UpdatedAt)
		w.Prop("SEQUENCE", strconv.Itoa(max(wo.Version-1, 0)))
		w.Date("DTSTART", wo.Day)
		w.Date("DTEND", wo.Day.AddDate(0, 0, 1))
		w.Text("SUMMARY", summary(wo.Workout))
		w.Text("DESCRIPTION", description(f.athlete, wo.Workout))
		w.Text("CATEGORIES", components.Words(wo.Kind))
		w.Prop("TRANSP", "TRANSPARENT")
		w.Prop("URL", f.weekURL(wo.Day))
		w.End("VEVENT")
	}
	w.End("VCALENDAR")
	return w.Flush()
}

// summary is a workout's title, and whether it was done or skipped.
func summary(w training.Workout) string {
	switch w.Status {
	case "done":
		return w.Title + " (done)"
	case "skipped":
		return w.Title + " (skipped)"
	}
	return w.Title
}

// description is what a calendar shows of a workout: duration and
// distance in the athlete's units, the intensity in their own numbers,
// the recovery rule, the coach's description and what was logged.
func description(a training.Athlete, w training.Workout) string {
	sys := units.System(a.Units)
	var lines []string
	if w.Planned {
		if v := workouts.Amount(w, sys); v != "" {
			lines = append(lines, v)
		}
		if t := workouts.Targets(a, w); t != "" {
			lines = append(lines, "Intensity: "+t)
		}
	}
	if w.Kind == "recovery" {
		lines = append(lines, "Recovery workout, protected: easy means easy. Keep it at RPE 3 or below (zone 1–2); this is where the gains are made.")
	}
	if d := strings.TrimSpace(w.Description); d != "" {
		lines = append(lines, "", d)
	}
	switch w.Status {
	case "done":
		lines = append(lines, "", "Done: "+workouts.Done(w, sys))
	case "skipped":
		lines = append(lines, "", "Skipped.")
	}
	if n := strings.TrimSpace(w.Log.Notes); n != "" {
		lines = append(lines, "Notes: "+n)
	}
	return strings.TrimSpace(strings.Join(lines, "\n"))
}
