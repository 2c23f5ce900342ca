package web

import (
	"net/http"
	"time"

	"github.com/go-chi/chi/v5"

	"rebound/internal/apperr"
	"rebound/internal/load"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/zones"
	"rebound/web/pages/weeks"
)

// rampWeeks is how many weeks the week view reads the daily loads of,
// the week itself included: the ramp compares it with the two before.
// The ratio and form need no more: they come from the load state the
// database keeps for every day (store.DayHistory).
const rampWeeks = 3

// weekNow sends the visitor to the athlete's current week.
func (s *Server) weekNow(w http.ResponseWriter, r *http.Request) {
	_, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	http.Redirect(w, r, weekPath(a, s.athleteToday(a)), http.StatusSeeOther)
}

// week shows seven days of the athlete's plan and log with their load.
func (s *Server) week(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	id, err := athleteID(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	day, err := dayParam(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	a, err := s.store.Athlete(r.Context(), u, id)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if start := weekStart(a, day); !start.Equal(day) {
		http.Redirect(w, r, weekPath(a, day), http.StatusSeeOther) // one address per week
		return
	}
	end := day.AddDate(0, 0, 6)
	list, err := s.store.Workouts(r.Context(), u, a.ID, day, end)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	days, err := s.store.Days(r.Context(), u, a.ID, day.AddDate(0, 0, -7*(rampWeeks-1)), end)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	events, err := s.store.Events(r.Context(), u, a.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	v := buildWeek(a, day, s.athleteToday(a), list, days, events)
	v.CoachView = a.CoachID == u.ID
	if v.PlanWeek, v.HasPlan, err = s.store.PlanWeekOf(r.Context(), u, a.ID, day); err != nil {
		s.renderError(w, r, err)
		return
	}
	if err := s.explainChanges(r, u, a, &v); err != nil {
		s.renderError(w, r, err)
		return
	}
	if v.Comments, err = s.store.CommentCounts(r.Context(), u, a.ID, day, end); err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, weeks.Page(s.page(r, a.Name+", week of "+day.Format("2 Jan")), v))
}

// dayParam reads {day} from the URL; a malformed or far-off date is
// simply not found.
func dayParam(r *http.Request) (time.Time, error) {
	day, err := time.Parse(time.DateOnly, chi.URLParam(r, "day"))
	if err != nil || day.Year() < 2000 || day.Year() > 2100 {
		return time.Time{}, apperr.New(apperr.NotFound, "No such week.")
	}
	return day, nil
}

// buildWeek works out the week's view: each day's workouts (list, of the
// week) with their load and compliance, and the week's totals and flags
// (from days, of the rampWeeks ending with the week).
func buildWeek(a training.Athlete, start, today time.Time, list []training.Workout, days store.DayHistory, events []training.Event) weeks.View {
	end := start.AddDate(0, 0, 6)
	v := weeks.View{Athlete: a, Start: start, Today: today,
		Prev: weekPath(a, start.AddDate(0, 0, -7)), Next: weekPath(a, start.AddDate(0, 0, 7)), ThisWeek: weekPath(a, today)}
	zone2 := zones.Zone2CeilingHR(a.ThresholdHR, a.MaxHR)
	for i := range 7 {
		v.Days = append(v.Days, weeks.Day{Date: start.AddDate(0, 0, i)})
	}
	for _, e := range events {
		if !e.Day.Before(start) && !e.Day.After(end) {
			d := &v.Days[int(e.Day.Sub(start).Hours()/24)]
			d.Events = append(d.Events, e)
		}
	}

	var week []training.Workout
	for _, wo := range list {
		if wo.Day.Before(start) || wo.Day.After(end) {
			continue
		}
		week = append(week, wo)
		item := weeks.Item{Workout: wo, Compliance: load.WorkoutCompliance(
			float64(wo.PlannedDurationS)/60, float64(wo.Log.DurationS)/60, wo.Status,
			wo.CoachModified && wo.Status != "done", // a done workout is judged against the plan it had
			wo.Day.Before(today))}
		switch {
		case !wo.Planned:
			item.Compliance = load.Unplanned
		case wo.Kind == "rest" && !wo.CoachModified:
			item.Compliance = "" // a rest day is not judged; one the coach made says so
		}
		if wo.Status == "done" {
			item.Load = load.Logged(wo.Log)
			item.TooHard = wo.Kind == "recovery" && load.RecoveryTooHard(wo.Log.RPE, wo.Log.AvgHR, zone2)
		}
		if item.TooHard {
			v.TooHard = append(v.TooHard, wo.Title+" on "+wo.Day.Format("Monday"))
		}
		d := &v.Days[int(wo.Day.Sub(start).Hours()/24)]
		d.Items = append(d.Items, item)
		d.Load += item.Load
	}
	v.PlannedS, v.DoneS = load.WeekTime(week)
	plannedDue, doneDue := load.WeekSoFar(week, today)
	v.Ratio, v.Compliance = load.WeekCompliance(float64(plannedDue)/60, float64(doneDue)/60)

	f := weekLoad(days, start, today)
	v.Load, v.Monotony, v.Strain, v.ACWR, v.Form, v.FormDay, v.Ramp, v.RampFlag = f.Load, f.Monotony, f.Strain, f.ACWR, f.Form, f.FormDay, f.Ramp, f.RampFlag
	return v
}

// loadFigures are a week's load figures.
type loadFigures struct {
	Load, Monotony, Strain float64
	ACWR                   float64 // 0: not enough history
	Form                   load.Form
	FormDay                time.Time // the day Form is at the end of
	Ramp                   float64
	RampFlag               bool
}

// weekLoad works out the figures of the week from start, given its days
// and those of the weeks before it back to rampWeeks. The load change and
// form describe the week as of today when it is the current week, else
// as of its last day: the stored load state of that day, or of the last
// day before it with workouts, decayed to it. The dashboard reads the same
// state and decays it the same way, so the two agree to the last digit.
func weekLoad(h store.DayHistory, start, today time.Time) loadFigures {
	var f loadFigures
	end := start.AddDate(0, 0, 6)
	first := start.AddDate(0, 0, -7*(rampWeeks-1))
	daily := make([]float64, 7*rampWeeks)
	for _, d := range h.Days {
		if i := dayIndex(first, d.Day); i >= 0 && i < len(daily) {
			daily[i] += d.Load
		}
	}
	w := load.WeekOf(daily)
	f.Load, f.Monotony, f.Strain, f.Ramp, f.RampFlag = w.Total, w.Monotony, w.Strain, w.Ramp, w.RampFlag
	upTo := end
	if !today.Before(start) && !today.After(end) {
		upTo = today
	}
	state := h.State(upTo)
	f.ACWR, f.Form, f.FormDay = state.RatioOrZero(), state.Form(), upTo
	return f
}

// explainChanges adds why the coach changed workouts, and — for the
// athlete looking at their own week — which changed since they last
// looked (then records that they have now).
func (s *Server) explainChanges(r *http.Request, u store.User, a training.Athlete, v *weeks.View) error {
	var ids []int64
	for _, d := range v.Days {
		for _, it := range d.Items {
			if it.CoachModified {
				ids = append(ids, it.ID)
			}
		}
	}
	if len(ids) == 0 && u.AthleteID != a.ID {
		return nil
	}
	reasons, err := s.store.ChangeReasons(r.Context(), u, a.ID, ids)
	if err != nil {
		return err
	}
	var seen time.Time
	own := u.AthleteID == a.ID
	if own {
		if seen, err = s.store.SeePlan(r.Context(), u); err != nil {
			return err
		}
	}
	for i := range v.Days {
		for j := range v.Days[i].Items {
			it := &v.Days[i].Items[j]
			it.Reason = reasons[it.ID]
			it.Changed = own && !seen.IsZero() && it.ModifiedAt != nil && it.ModifiedAt.After(seen)
		}
	}
	return nil
}
