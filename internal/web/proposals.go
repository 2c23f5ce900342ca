package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/go-chi/chi/v5"

	"rebound/internal/apperr"
	"rebound/internal/coaching"
	"rebound/internal/plan"
	"rebound/internal/training"
	"rebound/web/components"
)

// upcoming turns workouts into what the response engine reads.
func upcoming(list []training.Workout) []plan.Upcoming { return coaching.Upcoming(list) }

func proposalID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "pid"), 10, 64)
	if err != nil {
		return 0, apperr.New(apperr.NotFound, "No such proposal.")
	}
	return id, nil
}

// proposalApply makes the proposed changes (see store.ApplyProposal).
func (s *Server) proposalApply(w http.ResponseWriter, r *http.Request) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pid, err := proposalID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	res, err := s.store.ApplyProposal(r.Context(), coach, a.ID, pid)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	msg := fmt.Sprintf("Applied %d %s.", res.Changed, components.Plural(res.Changed, "change", "changes"))
	if res.Skipped > 0 {
		msg += fmt.Sprintf(" %d left alone: they changed since the proposal.", res.Skipped)
	}
	first := res.First
	if first.IsZero() {
		first = s.athleteToday(a)
	}
	s.redirect(w, r, weekPath(a, first), msg)
}

func (s *Server) proposalDismiss(w http.ResponseWriter, r *http.Request) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pid, err := proposalID(r)
	if err == nil {
		err = s.store.DismissProposal(r.Context(), coach, a.ID, pid)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, athletePath(a.ID), "The proposal is dismissed; the plan stays as it was.")
}
