package web

import (
	"net/http"

	"rebound/internal/training"
	"rebound/web/pages/weeks"
)

// weekPrint is the athlete's week as one printable page.
func (s *Server) weekPrint(w http.ResponseWriter, r *http.Request) {
	day, err := dayParam(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	start := weekStart(a, day)
	if !start.Equal(day) {
		http.Redirect(w, r, weekPath(a, day)+"/print", http.StatusSeeOther) // one address per week
		return
	}
	list, err := s.store.Workouts(r.Context(), u, a.ID, start, start.AddDate(0, 0, 6))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	pw, hasPlan, err := s.store.PlanWeekOf(r.Context(), u, a.ID, start)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	sheet := weeks.NewSheet(a, start, list, pw, hasPlan)
	s.render(w, r, http.StatusOK, weeks.Print(s.page(r, a.Name+", week of "+start.Format("2 Jan")), []weeks.Sheet{sheet},
		weekPath(a, start), "Back to the week"))
}

// rosterPrint is every active athlete's week holding {day}, a page each:
// the coach prints the squad's week at once. Each athlete's week starts on
// their own first weekday.
func (s *Server) rosterPrint(w http.ResponseWriter, r *http.Request) {
	coach, _ := viewer(r.Context())
	day, err := dayParam(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	list, err := s.store.Athletes(r.Context(), coach, false)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// The weeks holding day start at most six days before it.
	from, to := day.AddDate(0, 0, -6), day.AddDate(0, 0, 6)
	workouts, err := s.store.RosterWorkouts(r.Context(), coach, from, to)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	planWeeks, err := s.store.RosterPlanWeeks(r.Context(), coach, from, day)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	byAthlete := map[int64][]training.Workout{}
	for _, wo := range workouts {
		byAthlete[wo.AthleteID] = append(byAthlete[wo.AthleteID], wo)
	}
	var sheets []weeks.Sheet
	for _, a := range list {
		start := weekStart(a, day)
		var pw training.PlanWeek
		hasPlan := false
		for _, w := range planWeeks[a.ID] {
			if w.Start.Equal(start) {
				pw, hasPlan = w, true
			}
		}
		sheets = append(sheets, weeks.NewSheet(a, start, byAthlete[a.ID], pw, hasPlan))
	}
	s.render(w, r, http.StatusOK, weeks.Print(s.page(r, "All athletes, week of "+day.Format("2 Jan")), sheets, "/", "Back to the dashboard"))
}
