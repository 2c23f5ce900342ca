package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/go-chi/chi/v5"

	"rebound/internal/apperr"
	"rebound/internal/auth"
	"rebound/internal/coaching"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/web/pages/athletes"
)

// athleteID reads {id} from the URL; a malformed id is simply not found.
func athleteID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(chi.URLParam(r, "id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(apperr.NotFound, "No such athlete.")
	}
	return id, nil
}

func (s *Server) athleteList(w http.ResponseWriter, r *http.Request) {
	coach, _ := viewer(r.Context())
	archived := r.URL.Query().Get("archived") == "1"
	list, err := s.store.Athletes(r.Context(), coach, archived)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, athletes.List(s.page(r, "Athletes"), list, archived))
}

func (s *Server) athleteNewForm(w http.ResponseWriter, r *http.Request) {
	coach, _ := viewer(r.Context())
	// A coach's athletes mostly live where the last one added does.
	tz, err := s.store.LastTimezone(r.Context(), coach)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	var f athletes.NewFields
	f.Timezone.Value = tz
	s.render(w, r, http.StatusOK, athletes.New(s.page(r, "Add an athlete"), f))
}

func (s *Server) athleteCreate(w http.ResponseWriter, r *http.Request) {
	coach, _ := viewer(r.Context())
	if !s.parseForm(w, r) {
		return
	}
	f := decodeNewAthlete(r.PostForm)
	show := func() {
		s.render(w, r, http.StatusUnprocessableEntity, athletes.New(s.page(r, "Add an athlete"), f))
	}
	if !f.Valid() {
		show()
		return
	}
	token, hash := auth.NewToken()
	a, expires, err := s.store.CreateInvitedAthlete(r.Context(), coach,
		store.NewAthlete{Name: f.Name.Value, Email: f.Email.Value, Timezone: f.Timezone.Value}, hash)
	if errors.Is(err, store.ErrAthleteEmailTaken) {
		f.Fail(&f.Email, apperr.MessageOf(err))
		show()
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.issueInvite(w, r, coach, a, token, expires, a.Name+" is added: send them the invite link.")
}

// decodeNewAthlete reads and checks the form to add an athlete.
func decodeNewAthlete(v url.Values) athletes.NewFields {
	var f athletes.NewFields
	d := decoder{v: v, form: &f.Problems}
	f.Name, f.Email, f.Timezone = d.text("name"), d.text("email"), d.text("timezone")
	d.required(&f.Name, &f.Email, &f.Timezone)
	d.maxLength(&f.Name, 200)
	d.email(&f.Email)
	d.zone(&f.Timezone)
	return f
}

// inviteLink e-mails (when it can) and returns the athlete's new invite.
func (s *Server) inviteLink(r *http.Request, coach store.User, a training.Athlete, token string, expires time.Time) athletes.Issued {
	link := s.absolute(r, "/invite/"+token)
	subject, body := inviteMail(coach.Name, a.Name, link, expires)
	return s.issue(r, "invite", link, expires, a.Email, subject, body)
}

func (s *Server) athleteShow(w http.ResponseWriter, r *http.Request) {
	_, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.showAthlete(w, r, a, athletes.Issued{}, "")
}

// showAthlete renders the athlete's page; a link just made is shown on it
// this once, with notice in place of the flash.
func (s *Server) showAthlete(w http.ResponseWriter, r *http.Request, a training.Athlete, link athletes.Issued, notice string) {
	u, _ := viewer(r.Context())
	events, err := s.store.Events(r.Context(), u, a.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	today := s.athleteToday(a)
	o, checkIns, err := s.overview(r.Context(), u, a, today)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	proposal, pending, err := s.store.PendingProposal(r.Context(), u, a.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	cal, err := s.store.CalendarLinkOf(r.Context(), u, a.ID)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d := athletes.ShowData{Athlete: a, CoachView: a.CoachID == u.ID, Events: upcomingEvents(events, today),
		ThisWeek: weekPath(a, today), Today: today, Link: link, Overview: o, Calendar: athletes.CalendarState{Live: cal.Live, CreatedAt: cal.CreatedAt, CreatedBy: cal.CreatedBy}}
	if link.Kind == "calendar" { // shown in the calendar card, not with the invites
		d.Calendar.URL, d.Link = link.URL, athletes.Issued{}
	}
	// One read of workouts for the red flags (the three weeks before
	// today) and the proposal's week.
	from, to := today.AddDate(0, 0, -redFlagDays), today.AddDate(0, 0, 6)
	if pending {
		from, to = minTime(from, proposal.CheckInDay), maxTime(to, proposal.CheckInDay.AddDate(0, 0, 6))
	}
	ws, err := s.store.Workouts(r.Context(), u, a.ID, from, to)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	d.RedFlags = redFlags(a, today, checkIns, ws)
	if pending {
		d.Proposal, d.ProposalWeek = &proposal, athletes.ProposalWeek(proposal, ws)
	}
	p := s.page(r, a.Name)
	if notice != "" {
		p.Flash = notice
	}
	if link.URL != "" {
		w.Header().Set("Cache-Control", "no-store") // the page holds a secret
	}
	s.render(w, r, http.StatusOK, athletes.Show(p, d))
}

// visibleAthlete loads the athlete named in the URL if the viewer may see
// them (their coach, or the athlete themself); anyone else gets NotFound.
// On coach-only routes that makes it the coach's own athlete.
func (s *Server) visibleAthlete(r *http.Request) (store.User, training.Athlete, error) {
	u, _ := viewer(r.Context())
	id, err := athleteID(r)
	if err != nil {
		return u, training.Athlete{}, err
	}
	a, err := s.store.Athlete(r.Context(), u, id)
	return u, a, err
}

func (s *Server) athleteInvite(w http.ResponseWriter, r *http.Request) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	token, hash := auth.NewToken()
	expires, err := s.store.IssueAthleteInvite(r.Context(), coach, a.ID, hash)
	if errors.Is(err, store.ErrJoined) {
		s.redirect(w, r, athletePath(a.ID), apperr.MessageOf(err))
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.issueInvite(w, r, coach, a, token, expires, "A new invite link is ready; any earlier link no longer works.")
}

func (s *Server) athleteInviteRevoke(w http.ResponseWriter, r *http.Request) {
	coach, a, err := s.visibleAthlete(r)
	if err == nil {
		err = s.store.RevokeAthleteInvite(r.Context(), coach, a.ID)
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.forgetInviteLink(w, a.ID)
	s.redirect(w, r, athletePath(a.ID), "The invite is withdrawn: its link no longer works.")
}

func (s *Server) athletePasswordReset(w http.ResponseWriter, r *http.Request) {
	coach, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	token, hash := auth.NewToken()
	expires, err := s.store.IssueAthletePasswordReset(r.Context(), coach, a.ID, hash)
	if errors.Is(err, store.ErrNotJoined) {
		s.redirect(w, r, athletePath(a.ID), apperr.MessageOf(err))
		return
	}
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	link := s.absolute(r, "/reset/"+token)
	subject, body := resetMail(coach.Name, a.Name, link, expires)
	s.showAthlete(w, r, a, s.issue(r, "reset", link, expires, a.Email, subject, body), "A password-reset link is ready.")
}

// redFlagDays is how far back the red flags read workouts.
const redFlagDays = 21

// redFlags reads the red flags of the weeks up to today as a check-in's
// verdict does (coaching.PatternOf), from the check-ins of the days its
// baselines span and the workouts (those before today count).
func redFlags(a training.Athlete, today time.Time, checkIns []training.CheckIn, workouts []training.Workout) athletes.RedFlags {
	c := training.CheckIn{AthleteID: a.ID, Day: today} // not answered: read only if it was
	if n := len(checkIns); n > 0 && checkIns[n-1].Day.Equal(today) {
		c, checkIns = checkIns[n-1], checkIns[:n-1]
	}
	return athletes.RedFlagsOf(coaching.PatternOf(c, checkIns, workouts))
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
