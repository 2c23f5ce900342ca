package web

import (
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/pages/workouts"
)

// logFieldsOf fills the log form: the plan's duration and distance as a
// starting point, the status done.
func logFieldsOf(wo training.Workout, sys units.System) workouts.LogFields {
	var f workouts.LogFields
	f.Status.Value = "done"
	dur, dist := wo.PlannedDurationS, wo.PlannedDistanceM
	if wo.Status == "done" {
		dur, dist = wo.Log.DurationS, wo.Log.DistanceM
		if !wo.Log.Unrated { // from a file, not rated yet: the athlete chooses
			f.RPE.Value = strconv.FormatFloat(wo.Log.RPE, 'f', -1, 64)
		}
		if wo.Log.AvgHR > 0 {
			f.AvgHR.Value = strconv.Itoa(wo.Log.AvgHR)
		}
	}
	if wo.Status == "skipped" {
		f.Status.Value = "skipped"
	}
	if dur > 0 {
		f.DurationMin.Value = strconv.Itoa(int(math.Round(float64(dur) / 60)))
	}
	if dist > 0 {
		f.Distance.Value = strings.TrimSuffix(sys.Distance(dist), " "+sys.Label())
	}
	f.Notes.Value = strings.TrimSpace(wo.Log.Notes)
	return f
}

// logForm is the athlete's log as posted: what was typed, to show again,
// and what it means once valid (day and plan only for a workout done
// without a plan).
type logForm struct {
	workouts.LogFields
	day  time.Time
	plan training.Prescription
	log  training.Log
}

// decodeLog reads and checks what the athlete logged of a planned
// workout.
func decodeLog(v url.Values, sys units.System) logForm {
	var f logForm
	d := decoder{v: v, form: &f.Problems}
	f.Status = d.text("status")
	f.log = decodeOutcome(d, &f.LogFields, sys)
	return f
}

// decodeUnplanned reads and checks a workout done without a plan: the
// workout's fields as on the coach's form, a title, a day not after
// today, and what was done.
func decodeUnplanned(v url.Values, sys units.System, today time.Time) logForm {
	var f logForm
	d := decoder{v: v, form: &f.Problems}
	f.day, f.plan = decodeWorkout(d, &f.WorkoutFields)
	d.required(&f.Title)
	if !f.day.IsZero() && f.day.After(today) {
		f.Fail(&f.Day, "Log a workout on the day or after, not before.")
	}
	f.Status.Value = "done" // nothing planned, nothing to skip
	f.log = decodeOutcome(d, &f.LogFields, sys)
	return f
}

// decodeOutcome reads what was done, by f.Status (read before): done
// asks for minutes and an RPE; skipped for nothing but notes.
func decodeOutcome(d decoder, f *workouts.LogFields, sys units.System) training.Log {
	f.DurationMin, f.Distance, f.RPE, f.AvgHR, f.Notes = d.text("duration_min"), d.text("distance"), d.text("rpe"), d.text("avg_hr"), d.text("notes")
	l := training.Log{Status: f.Status.Value, Notes: f.Notes.Value}
	if l.Status == "" {
		d.form.Fail(&f.Status, "Choose done or skipped.")
	}
	d.oneOf(&f.Status, []string{"done", "skipped"})
	d.maxLength(&f.Notes, 2000)
	if l.Status != "done" {
		return l
	}
	d.required(&f.DurationMin, &f.RPE)
	l.DurationS = d.int(&f.DurationMin, 1, 1440, "minutes") * 60
	l.RPE = d.number(&f.RPE, 0, 10, "an RPE")
	l.AvgHR = d.int(&f.AvgHR, 25, 250, "a heart rate")
	l.DistanceM = d.distance(&f.Distance, sys, "10 or 12.5")
	return l
}

func (s *Server) logData(a training.Athlete, wo training.Workout) workouts.LogData {
	return workouts.LogData{Athlete: a, Workout: wo, Back: weekPath(a, wo.Day),
		Action: athletePath(a.ID) + "/workouts/" + strconv.FormatInt(wo.ID, 10) + "/log"}
}

func (s *Server) workoutLogForm(w http.ResponseWriter, r *http.Request) {
	_, a, wo, err := s.athleteWorkout(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, workouts.LogForm(s.page(r, "Log "+wo.Title), s.logData(a, wo), logFieldsOf(wo, units.System(a.Units))))
}

func (s *Server) workoutLog(w http.ResponseWriter, r *http.Request) {
	u, a, wo, err := s.athleteWorkout(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	f := decodeLog(r.PostForm, units.System(a.Units))
	l := f.log
	if wo.ActivityID != 0 && l.Status == "skipped" {
		f.Fail(&f.Status, apperr.MessageOf(store.ErrHasFile))
	}
	if wo.Day.After(s.athleteToday(a)) {
		f.Problem = "This workout is on " + wo.Day.Format("Monday 2 January") + ": log it on the day or after."
	}
	if !f.Valid() {
		s.render(w, r, http.StatusUnprocessableEntity, workouts.LogForm(s.page(r, "Log "+wo.Title), s.logData(a, wo), f.LogFields))
		return
	}
	if _, err := s.store.LogWorkout(r.Context(), u, wo.ID, l); err != nil {
		s.renderError(w, r, err)
		return
	}
	msg := wo.Title + ": logged as skipped."
	if l.Status == "done" {
		msg = wo.Title + ": logged. Well done."
	}
	s.redirect(w, r, s.afterLog(r, a, wo.Day), msg)
}

// afterLog returns the athlete to their home, the coach to the week.
func (s *Server) afterLog(r *http.Request, a training.Athlete, day time.Time) string {
	if u, _ := viewer(r.Context()); u.AthleteID == a.ID {
		return "/"
	}
	return weekPath(a, day)
}

func (s *Server) unplannedData(a training.Athlete) workouts.LogData {
	return workouts.LogData{Athlete: a, Unplanned: true, Action: athletePath(a.ID) + "/log", Back: weekPath(a, s.athleteToday(a))}
}

func (s *Server) unplannedForm(w http.ResponseWriter, r *http.Request) {
	_, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var f workouts.LogFields
	f.Day.Value = s.athleteToday(a).Format(time.DateOnly)
	f.Sport.Value, f.Kind.Value, f.Status.Value = a.Sports[0], "easy", "done"
	s.render(w, r, http.StatusOK, workouts.LogForm(s.page(r, "Log a workout"), s.unplannedData(a), f))
}

func (s *Server) unplannedLog(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	f := decodeUnplanned(r.PostForm, units.System(a.Units), s.athleteToday(a))
	if !f.Valid() {
		s.render(w, r, http.StatusUnprocessableEntity, workouts.LogForm(s.page(r, "Log a workout"), s.unplannedData(a), f.LogFields))
		return
	}
	wo, err := s.store.LogUnplanned(r.Context(), u, a.ID, f.day, f.plan, f.log)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, s.afterLog(r, a, wo.Day), wo.Title+": logged. Well done.")
}
