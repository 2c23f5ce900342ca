package web

import (
	"errors"
	"net/http"

	"rebound/internal/apperr"
	"rebound/internal/store"
	"rebound/web/components"
	"rebound/web/pages/plans"
)

// historyPage is how many changes a page of plan history shows.
const historyPage = 50

// planHistory lists the changes to the athlete's plan, newest first, a
// page at a time.
func (s *Server) planHistory(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	before, err := changeCursor(r.URL.Query())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	changes, next, err := s.store.ChangesBefore(r.Context(), u, a.ID, before, historyPage)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	path := athletePath(a.ID) + "/plan/history"
	var pages components.Pages
	if before != (store.ChangeCursor{}) {
		pages.Newest = path
	}
	if next != (store.ChangeCursor{}) {
		pages.Older = path + "?" + changeQuery(next)
	}
	s.render(w, r, http.StatusOK, plans.History(s.page(r, "Plan history of "+a.Name), a, changes, a.CoachID == u.ID, pages))
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
