package web

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/load"
	"rebound/internal/readiness"
	"rebound/internal/store"
	"rebound/web/components"
	"rebound/web/pages/checkin"
)

// baselineDays is how far back a verdict reads check-ins: the HRV normal
// range spans 60 days.
const baselineDays = 60

// ownAthlete is the signed-in athlete's own record; coaches have none.
func (s *Server) ownAthlete(r *http.Request) (store.User, store.Athlete, error) {
	u, _ := viewer(r.Context())
	if u.AthleteID == 0 {
		return u, store.Athlete{}, apperr.New(apperr.NotFound, "No such page.")
	}
	a, err := s.store.Athlete(r.Context(), u, u.AthleteID)
	return u, a, err
}

func (s *Server) checkinPage(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.ownAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	day := s.athleteToday(a)
	list, err := s.store.CheckIns(r.Context(), u, a.ID, day, day)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	f := components.NewForm()
	var today *store.CheckIn
	if len(list) == 1 {
		today = &list[0]
		fillCheckInForm(f, list[0])
	}
	s.showCheckIn(w, r, http.StatusOK, u, a, today, f)
}

// fillCheckInForm shows a stored check-in in the form, to change it.
func fillCheckInForm(f *components.Form, c store.CheckIn) {
	if c.RestingHR > 0 {
		f.Set("resting_hr", strconv.Itoa(c.RestingHR))
	}
	if c.HRV > 0 {
		f.Set("hrv_rmssd", strconv.FormatFloat(c.HRV, 'f', -1, 64))
	}
	if c.SleepHours > 0 {
		h, m := int(c.SleepHours), int(math.Round((c.SleepHours-math.Floor(c.SleepHours))*60))
		f.Set("sleep_hours", fmt.Sprintf("%d:%02d", h, m)) // as people say it: 7:30
	}
	if !c.Answered {
		return
	}
	for i, v := range []int{c.SleepQuality, c.Fatigue, c.Soreness, c.Stress, c.Mood, c.Motivation} {
		f.Set(checkInItems[i], strconv.Itoa(v))
	}
	if c.Illness {
		f.Set("illness", "on")
	}
	if c.Injury {
		f.Set("injury", "on")
	}
	f.Values["soreness_areas"] = joinAreas(c.SorenessAreas)
	f.Values["notes"] = c.Notes
}

func (s *Server) showCheckIn(w http.ResponseWriter, r *http.Request, status int, u store.User, a store.Athlete, today *store.CheckIn, f *components.Form) {
	day := s.athleteToday(a)
	workouts, err := s.store.Workouts(r.Context(), u, a.ID, day.AddDate(0, 0, -1), day.AddDate(0, 0, -1))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := checkin.Data{Athlete: a, Day: day, Today: today, Form: f}
	for _, wo := range workouts {
		if wo.Status == "planned" {
			d.ToLog = append(d.ToLog, wo)
		}
	}
	s.render(w, r, status, checkin.Page(s.page(r, "Check-in"), d))
}

func (s *Server) checkinSave(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.ownAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	if _, ok := s.parseForm(w, r); !ok {
		return
	}
	c, f := decodeCheckIn(r.PostForm)
	if !f.Valid() {
		s.showCheckIn(w, r, http.StatusUnprocessableEntity, u, a, nil, f)
		return
	}
	c.AthleteID, c.Day = a.ID, s.athleteToday(a)
	if c, err = s.judge(r.Context(), u, a, c); err == nil {
		err = s.store.SaveCheckIn(r.Context(), u, c)
	}
	if err == nil {
		err = s.propose(r.Context(), u, a, c)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.redirect(w, r, "/checkin", "Thanks, you're checked in for today.")
}

// judge works out a check-in's verdict from the athlete's own history and
// recent training load.
func (s *Server) judge(ctx context.Context, u store.User, a store.Athlete, c store.CheckIn) (store.CheckIn, error) {
	history, err := s.store.CheckIns(ctx, u, a.ID, c.Day.AddDate(0, 0, -baselineDays), c.Day.AddDate(0, 0, -1))
	if err != nil {
		return c, err
	}
	workouts, err := s.store.Workouts(ctx, u, a.ID, c.Day.AddDate(0, 0, -historyDays), c.Day)
	if err != nil {
		return c, err
	}
	return verdict(c, history, acwrOn(workouts, c.Day)), nil
}

// verdict scores c against the check-ins before it.
func verdict(c store.CheckIn, history []store.CheckIn, acwr float64) store.CheckIn {
	in := readiness.Input{Today: toReadiness(c), ACWR: acwr}
	for _, h := range history {
		r := toReadiness(h)
		if !h.Answered && h.SleepHours == 0 {
			r.SleepHours = math.NaN() // an import without sleep: not a sleepless night
		}
		in.History = append(in.History, r)
	}
	res := readiness.Score(in)
	c.Score, c.Light, c.Reasons = res.Score, string(res.Light), nil
	for _, r := range res.Reasons {
		c.Reasons = append(c.Reasons, store.Reason{Light: string(r.Light), Code: r.Code, Text: r.Text})
	}
	return c
}

func toReadiness(c store.CheckIn) readiness.CheckIn {
	return readiness.CheckIn{Day: c.Day, SleepHours: c.SleepHours, SleepQuality: c.SleepQuality, Fatigue: c.Fatigue,
		Soreness: c.Soreness, Stress: c.Stress, Mood: c.Mood, Motivation: c.Motivation, RestingHR: c.RestingHR, HRV: c.HRV,
		Illness: c.Illness, Injury: c.Injury}
}

// acwrOn is the acute:chronic load ratio as of day, from the done
// workouts; 0 without four weeks of history.
func acwrOn(workouts []store.Workout, day time.Time) float64 { return acwrByDay(workouts, day)(day) }

// acwrByDay works out the acute:chronic load ratio of every day up to
// `to` once, and looks days up in it: 0 where there are not yet four
// weeks of logged history.
func acwrByDay(workouts []store.Workout, to time.Time) func(time.Time) float64 {
	var sessions []load.Session
	for _, wo := range workouts {
		if wo.Status == "done" && !wo.Day.After(to) {
			sessions = append(sessions, load.Session{Day: wo.Day, Minutes: float64(wo.Log.DurationS) / 60, RPE: wo.Log.RPE})
		}
	}
	if len(sessions) == 0 {
		return func(time.Time) float64 { return 0 }
	}
	from := sessions[0].Day
	for _, ss := range sessions {
		if ss.Day.Before(from) {
			from = ss.Day
		}
	}
	ratios := load.ACWR(load.DailyLoads(sessions, from, to))
	return func(day time.Time) float64 {
		i := int(day.Sub(from).Hours() / 24)
		if i < 27 || i >= len(ratios) || math.IsNaN(ratios[i]) {
			return 0
		}
		return ratios[i]
	}
}

// checkinList shows the athlete's check-ins of the last 90 days.
func (s *Server) checkinList(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	today := s.athleteToday(a)
	list, err := s.store.CheckIns(r.Context(), u, a.ID, today.AddDate(0, 0, -89), today)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, checkin.List(s.page(r, "Check-ins of "+a.Name), a, list, true))
}

func joinAreas(areas []string) string { return strings.Join(areas, ",") }
