package web

import (
	"net/http"
	"time"

	"rebound/internal/store"
	"rebound/web/pages/home"
	"rebound/web/pages/today"
)

// home is the landing page for visitors, the roster for coaches, and
// today's page for athletes.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	u, ok := viewer(r.Context())
	switch {
	case !ok:
		hasUsers, err := s.store.HasUsers(r.Context())
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		s.render(w, r, http.StatusOK, home.Page(s.page(r, "Training built around recovery"), !hasUsers))
	case u.Role == store.RoleCoach:
		s.athleteList(w, r)
	default:
		a, err := s.store.Athlete(r.Context(), u, u.AthleteID)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		loc, err := time.LoadLocation(a.Timezone)
		if err != nil {
			loc = time.UTC
		}
		s.render(w, r, http.StatusOK, today.Page(s.page(r, "Today"), a, s.store.Now().In(loc)))
	}
}
