package web

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/go-chi/chi/v5"

	"rebound/internal/apperr"
	"rebound/internal/store"
	"rebound/internal/zones"
	"rebound/web/components"
	"rebound/web/pages/workouts"
)

// workoutShow is a workout's page: its plan beside what was done and, for
// one logged from a file, the file's numbers, charts and laps, with the
// other workouts of the day the file could be moved to.
func (s *Server) workoutShow(w http.ResponseWriter, r *http.Request) {
	s.showWorkout(w, r, http.StatusOK, "")
}

func (s *Server) showWorkout(w http.ResponseWriter, r *http.Request, status int, problem string) {
	u, a, wo, err := s.athleteWorkout(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := workouts.ShowData{Athlete: a, Workout: wo, Back: weekPath(a, wo.Day), Coach: a.CoachID == u.ID,
		CanLog: !wo.Day.After(s.athleteToday(a)), Zone2: zones.Zone2CeilingHR(a.ThresholdHR, a.MaxHR), Problem: problem}
	if wo.ActivityID != 0 {
		x, err := s.store.Activity(r.Context(), u, wo.ActivityID)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		d.Activity = &x
		day, err := s.store.Workouts(r.Context(), u, a.ID, wo.Day, wo.Day)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		for _, o := range day {
			if o.ID != wo.ID && o.Matchable() {
				d.Others = append(d.Others, o)
			}
		}
	}
	s.render(w, r, status, workouts.Show(s.page(r, wo.Title+", "+wo.Day.Format("Mon 2 Jan")), d))
}

// workoutRate saves how hard a done workout was — the one tap asked after
// an import — as its session RPE.
func (s *Server) workoutRate(w http.ResponseWriter, r *http.Request) {
	u, a, wo, err := s.athleteWorkout(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	var form components.Problems // not shown again: the page says what to do
	d := decoder{v: r.PostForm, form: &form}
	typed, from := d.text("rpe"), d.text("from")
	d.required(&typed)
	rpe := d.number(&typed, 0, 10, "an RPE")
	if !form.Valid() || wo.Status != "done" {
		s.showWorkout(w, r, http.StatusUnprocessableEntity, "Tap how hard the workout was, from 1 to 10.")
		return
	}
	if _, err := s.store.RateWorkout(r.Context(), u, wo.ID, rpe); err != nil {
		s.renderError(w, r, err)
		return
	}
	to := workoutPath(a.ID, wo.ID)
	if from.Value == "home" && u.AthleteID == a.ID {
		to = "/"
	}
	s.redirect(w, r, to, wo.Title+": RPE "+strconv.FormatFloat(rpe, 'f', -1, 64)+" saved. Its load is now RPE × minutes.")
}

// workoutMatch moves the file of a workout to another workout of the same
// day, or (to=none) makes it a workout of its own.
func (s *Server) workoutMatch(w http.ResponseWriter, r *http.Request) {
	u, a, wo, err := s.athleteWorkout(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	typed, _ := cleanText(r.PostForm.Get("to")) // a choice: what is not text matches none
	var to int64
	switch v := strings.TrimSpace(typed); v {
	case "none":
	case strconv.FormatInt(wo.ID, 10):
		s.redirect(w, r, workoutPath(a.ID, wo.ID), "") // left as it was
		return
	default:
		if to, err = strconv.ParseInt(v, 10, 64); err != nil || to <= 0 {
			s.showWorkout(w, r, http.StatusUnprocessableEntity, "Choose the workout this file is the record of.")
			return
		}
	}
	moved, err := s.store.MoveActivity(r.Context(), u, wo.ID, to)
	if errors.Is(err, store.ErrNotMatchable) {
		s.showWorkout(w, r, http.StatusUnprocessableEntity, apperr.MessageOf(err))
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	msg := "The file is now the record of " + moved.Title + "."
	if to == 0 {
		msg = "The file is now a workout of its own: " + moved.Title + "."
	}
	s.redirect(w, r, workoutPath(a.ID, moved.ID), msg)
}

func workoutPath(athleteID, workoutID int64) string {
	return athletePath(athleteID) + "/workouts/" + strconv.FormatInt(workoutID, 10)
}

// activityFile sends the original file of an activity, as it was uploaded.
func (s *Server) activityFile(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	id, err := strconv.ParseInt(chi.URLParam(r, "aid"), 10, 64)
	if err != nil {
		s.renderError(w, r, apperr.New(apperr.NotFound, "No such file."))
		return
	}
	name, gz, err := s.store.ActivityFile(r.Context(), u, a.ID, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/octet-stream")
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": path.Base(name)}))
	h.Set("Content-Length", strconv.Itoa(len(data)))
	h.Set("Cache-Control", "private, no-cache")
	_, _ = w.Write(data)
}
