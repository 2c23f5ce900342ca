package web

import (
	"net/http"

	"rebound/internal/store"
	"rebound/web/pages/home"
	todaypage "rebound/web/pages/today"
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
		s.athleteHome(w, r, u)
	}
}

// athleteHome shows today's workouts and yesterday's still to log.
func (s *Server) athleteHome(w http.ResponseWriter, r *http.Request, u store.User) {
	a, err := s.store.Athlete(r.Context(), u, u.AthleteID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	today := s.athleteToday(a)
	list, err := s.store.Workouts(r.Context(), u, a.ID, today.AddDate(0, 0, -1), today)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	checkIns, err := s.store.CheckIns(r.Context(), u, a.ID, today, today)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := todaypage.Data{Athlete: a, Now: s.athleteNow(a), WeekPath: weekPath(a, today)}
	if len(checkIns) == 1 && checkIns[0].Answered {
		d.CheckIn = &checkIns[0]
	}
	for _, wo := range list {
		switch {
		case wo.Day.Equal(today):
			d.Today = append(d.Today, wo)
		case wo.Status == "planned":
			d.Yesterday = append(d.Yesterday, wo)
		}
	}
	s.render(w, r, http.StatusOK, todaypage.Page(s.page(r, "Today"), d))
}
