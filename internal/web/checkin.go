package web

import (
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"rebound/internal/apperr"
	"rebound/internal/coaching"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/pages/checkin"
)

// errNoOwnAthlete answers a coach at the athlete's own pages.
var errNoOwnAthlete = apperr.New(apperr.NotFound, "No such page.")

// ownAthlete is the signed-in athlete's own record; coaches have none.
func (s *Server) ownAthlete(r *http.Request) (store.User, training.Athlete, error) {
	u, _ := viewer(r.Context())
	if u.AthleteID == 0 {
		return u, training.Athlete{}, errNoOwnAthlete
	}
	a, err := s.store.Athlete(r.Context(), u, u.AthleteID)
	return u, a, err
}

// usualSleepNights is how many recent nights the hours slept are filled
// in from: their median, which one short or long night does not move.
const usualSleepNights = 7

func (s *Server) checkinPage(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.ownAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	day := s.athleteToday(a)
	// Today's check-in and the four weeks before it, for the usual sleep.
	list, err := s.store.CheckIns(r.Context(), u, a.ID, day.AddDate(0, 0, -28), day)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var f checkin.CheckInFields
	var today *training.CheckIn
	if n := len(list); n > 0 && list[n-1].Day.Equal(day) {
		today = &list[n-1]
		list = list[:n-1]
		fillCheckInForm(&f, *today)
	}
	usual := false
	if f.SleepHours.Value == "" {
		if h := usualSleep(list); h > 0 {
			f.SleepHours.Value = units.Clock(h)
			usual = true
		}
	}
	if today == nil || !today.Answered {
		// An answer given on the home page, which opens the form with it.
		for i, name := range checkInItems {
			if v := r.URL.Query().Get(name); len(v) == 1 && v >= "1" && v <= "5" {
				f.Answers[i].Value = v
			}
		}
	}
	s.showCheckIn(w, r, http.StatusOK, u, a, today, f, usual)
}

// usualSleep is the median of the last usualSleepNights nights' hours in
// list (oldest first), in quarter hours; 0 without any.
func usualSleep(list []training.CheckIn) float64 {
	var hs []float64
	for i := len(list) - 1; i >= 0 && len(hs) < usualSleepNights; i-- {
		if list[i].SleepHours > 0 {
			hs = append(hs, list[i].SleepHours)
		}
	}
	if len(hs) == 0 {
		return 0
	}
	slices.Sort(hs)
	m := hs[len(hs)/2]
	if len(hs)%2 == 0 {
		m = (m + hs[len(hs)/2-1]) / 2
	}
	return math.Round(m*4) / 4
}

// fillCheckInForm shows a stored check-in in the form, to change it.
func fillCheckInForm(f *checkin.CheckInFields, c training.CheckIn) {
	if c.RestingHR > 0 {
		f.RestingHR.Value = strconv.Itoa(c.RestingHR)
	}
	if c.HRV > 0 {
		f.HRV.Value = strconv.FormatFloat(c.HRV, 'f', -1, 64)
	}
	if c.SleepHours > 0 {
		f.SleepHours.Value = units.Clock(c.SleepHours) // as people say it: 7:30
	}
	if !c.Answered {
		return
	}
	for i, v := range []int{c.SleepQuality, c.Fatigue, c.Soreness, c.Stress, c.Mood, c.Motivation} {
		f.Answers[i].Value = strconv.Itoa(v)
	}
	if c.Illness {
		f.Illness.Value, f.IllnessSite.Value = "on", c.IllnessSite
	}
	if c.Injury {
		f.Injury.Value = "on"
	}
	f.SorenessAreas.Value = joinAreas(c.SorenessAreas)
	f.InjuryAreas.Value = joinAreas(c.InjuryAreas)
	f.Notes.Value = c.Notes
}

// showCheckIn renders the page: today's verdict once it is in, or the
// form (to change the verdict: ?edit, or an invalid submission).
func (s *Server) showCheckIn(w http.ResponseWriter, r *http.Request, status int, u store.User, a training.Athlete, today *training.CheckIn, f checkin.CheckInFields, usual bool) {
	day := s.athleteToday(a)
	workouts, err := s.store.Workouts(r.Context(), u, a.ID, day.AddDate(0, 0, -1), day.AddDate(0, 0, -1))
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := checkin.Data{Athlete: a, Day: day, Today: today, Form: f, Usual: usual, Edit: r.URL.Query().Has("edit")}
	for _, wo := range workouts {
		if wo.Status == "planned" && wo.Kind != "rest" { // a rest day needs no log
			d.ToLog = append(d.ToLog, wo)
		}
	}
	p := s.page(r, "Check-in")
	if today != nil && r.URL.Query().Has("saved") && p.Flash == "" {
		p.Flash = checkedIn
	}
	s.render(w, r, status, checkin.Page(p, d))
}

// checkinSave judges and stores the athlete's check-in. The athlete's id
// and time zone came with the signed-in user, so a valid check-in reads
// no athlete record; the queries that follow are scoped to the athlete.
func (s *Server) checkinSave(w http.ResponseWriter, r *http.Request) {
	u, _ := viewer(r.Context())
	if u.AthleteID == 0 {
		s.renderError(w, r, errNoOwnAthlete)
		return
	}
	if !s.parseForm(w, r) {
		return
	}
	c, f := decodeCheckIn(r.PostForm)
	if !f.Valid() {
		_, a, err := s.ownAthlete(r)
		if err != nil {
			s.renderError(w, r, err)
			return
		}
		s.showCheckIn(w, r, http.StatusUnprocessableEntity, u, a, nil, f, false)
		return
	}
	c.AthleteID, c.Day = u.AthleteID, s.todayIn(u.Timezone)
	c, err := coaching.Judge(r.Context(), s.store, u, c)
	if err == nil {
		err = coaching.Save(r.Context(), s.store, u, c)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	// The thanks rides in the address, not the session: every athlete
	// checks in every morning, and a flash would cost a session write.
	http.Redirect(w, r, "/checkin?saved", http.StatusSeeOther)
}

const checkedIn = "Thanks, you're checked in for today."

func joinAreas(areas []string) string { return strings.Join(areas, ",") }
