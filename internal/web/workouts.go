package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"rebound/internal/apperr"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/web/pages/workouts"
)

// athleteWorkout loads the athlete named in the URL (visible to the actor)
// and their workout {wid}.
func (s *Server) athleteWorkout(r *http.Request) (store.User, training.Athlete, training.Workout, error) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		return u, a, training.Workout{}, err
	}
	wid, err := strconv.ParseInt(chi.URLParam(r, "wid"), 10, 64)
	if err != nil {
		return u, a, training.Workout{}, apperr.New(apperr.NotFound, "No such workout.")
	}
	w, err := s.store.Workout(r.Context(), u, wid)
	if err == nil && w.AthleteID != a.ID {
		err = apperr.New(apperr.NotFound, "No such workout.")
	}
	return u, a, w, err
}

// coachWorkout is athleteWorkout for the athlete's own coach only: the
// coach's form, its save and its delete; an athlete is told of no such
// workout.
func (s *Server) coachWorkout(r *http.Request) (store.User, training.Athlete, training.Workout, error) {
	u, a, wo, err := s.athleteWorkout(r)
	if err == nil && a.CoachID != u.ID {
		err = apperr.New(apperr.NotFound, "No such workout.")
	}
	return u, a, wo, err
}

// decodeWorkout reads the fields the coach's workout form and the log of
// a workout done without a plan share: a day, a sport and a kind of the
// lists, a title of at most 200 characters.
func decodeWorkout(d decoder, f *workouts.WorkoutFields) (time.Time, training.Prescription) {
	f.Day, f.Sport, f.Kind, f.Title = d.text("day"), d.text("sport"), d.text("kind"), d.text("title")
	d.required(&f.Day, &f.Sport, &f.Kind)
	d.oneOf(&f.Sport, training.Sports)
	d.oneOf(&f.Kind, training.Kinds)
	d.maxLength(&f.Title, 200)
	return d.day(&f.Day), training.Prescription{Sport: f.Sport.Value, Kind: f.Kind.Value, Title: f.Title.Value}
}
