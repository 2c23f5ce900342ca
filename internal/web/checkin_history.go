package web

import (
	"net/http"
	"slices"

	"rebound/web/components"
	"rebound/web/pages/checkin"
)

// checkInPage is how many check-ins a page of them shows: three months of
// daily ones.
const checkInPage = 90

// checkinHistory lists the athlete's check-ins, newest first, a page at a
// time, back to the first.
func (s *Server) checkinHistory(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	before, err := dayCursor(r.URL.Query())
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	list, next, err := s.store.CheckInsBefore(r.Context(), u, a.ID, before, checkInPage)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	path := athletePath(a.ID) + "/checkins"
	var pages components.Pages
	if !before.IsZero() {
		pages.Newest = path
	}
	if !next.IsZero() {
		pages.Older = path + "?" + dayQuery(next)
	}
	slices.Reverse(list) // the table takes them oldest first
	s.render(w, r, http.StatusOK, checkin.History(s.page(r, "Check-ins of "+a.Name), a, list, pages))
}
