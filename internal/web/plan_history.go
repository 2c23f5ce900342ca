package web

import (
	"errors"
	"net/http"

	"rebound/internal/apperr"
	"rebound/internal/store"
	"rebound/web/pages/plans"
)

// planHistory lists every change to the athlete's plan.
func (s *Server) planHistory(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	changes, err := s.store.Changes(r.Context(), u, a.ID, 200)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, plans.History(s.page(r, "Plan history of "+a.Name), a, changes, a.CoachID == u.ID))
}

// planUndo undoes the last change to the athlete's plan.
func (s *Server) planUndo(w http.ResponseWriter, r *http.Request) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	undone, err := s.store.UndoLast(r.Context(), coach, a.ID)
	if errors.Is(err, store.ErrNothingToUndo) || errors.Is(err, store.ErrUndoStale) {
		s.redirect(w, r, athletePath(a.ID)+"/plan/history", apperr.MessageOf(err))
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, athletePath(a.ID)+"/plan/history", "Undone: "+undone.Summary+".")
}
