package web

import (
	"net/http"

	"rebound/internal/store"
	"rebound/web/pages/home"
	todaypage "rebound/web/pages/today"
)

// home is the landing page for visitors, the dashboard for coaches, and
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
		s.dashboard(w, r)
	default:
		s.athleteHome(w, r, u)
	}
}

// homeNews is how many conversations with news the athlete's home lists.
const homeNews = 5

// athleteHome shows today's workouts with their targets, the check-in
// (or its verdict), this week at a glance, yesterday's workouts still to
// log, the next goal event, and the conversations with comments new to
// them.
func (s *Server) athleteHome(w http.ResponseWriter, r *http.Request, u store.User) {
	a, err := s.store.Athlete(r.Context(), u, u.AthleteID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	today := s.athleteToday(a)
	start := weekStart(a, today)
	from := start
	if yesterday := today.AddDate(0, 0, -1); yesterday.Before(start) {
		from = yesterday
	}
	list, err := s.store.Workouts(r.Context(), u, a.ID, from, start.AddDate(0, 0, 6))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	checkIns, err := s.store.CheckIns(r.Context(), u, a.ID, today, today)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	events, err := s.store.Events(r.Context(), u, a.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	news, err := s.store.Threads(r.Context(), u, a.ID, true, homeNews)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := todaypage.Data{Athlete: a, Now: s.athleteNow(a), Day: today, WeekPath: weekPath(a, today), Recent: list, News: threadItems(a, news)}
	if len(checkIns) == 1 && checkIns[0].Answered {
		d.CheckIn = &checkIns[0]
	}
	for i := range 7 {
		d.Week = append(d.Week, todaypage.Day{Date: start.AddDate(0, 0, i), Today: i == int(today.Sub(start).Hours()/24)})
	}
	for _, wo := range list {
		switch {
		case wo.Day.Equal(today):
			d.Today = append(d.Today, wo)
		case wo.Day.Equal(today.AddDate(0, 0, -1)) && wo.Status == "planned" && wo.Kind != "rest":
			d.Yesterday = append(d.Yesterday, wo)
		}
		if k := int(wo.Day.Sub(start).Hours() / 24); k >= 0 && k < 7 {
			d.Week[k].Workouts = append(d.Week[k].Workouts, wo)
		}
	}
	for i, e := range events {
		if !e.Day.Before(today) {
			d.NextEvent = &events[i]
			break
		}
	}
	s.render(w, r, http.StatusOK, todaypage.Page(s.page(r, "Today"), d))
}
