// Package demo fills a database with a demo coach and thirteen athletes, so
// a new user sees a living coach dashboard at once: 120 days of check-ins
// and logged workouts ending today (in each athlete's time zone), plans
// made by the scheduling service, goal events, a few coach adjustments in
// the plan history, and each athlete telling a story a coach would
// recognise (steady, overreaching, ill, tapering, recovery days run too
// hard, gone quiet, ...; see the story keys).
//
// Everything goes through the app's own code: plans come from package
// plan and are saved as the plan form saves them, check-ins are judged by
// package coaching exactly as the check-in page judges them, and the last
// amber or red check-in leaves the proposal a real one would. Only the
// writing is batched (a transaction per athlete), so a seed takes about a
// second.
//
// The demo is found by its coach's e-mail address, CoachEmail. Seeding
// again creates nothing twice: it fills in the days since the last run
// (check-ins and logs up to today), and gives the demo accounts whose
// credentials it prints fresh random passwords, since it cannot print the
// old ones. The random content is fixed per athlete and day, so the
// stories hold whenever the demo is made.
package demo

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/auth"
	"rebound/internal/coaching"
	"rebound/internal/plan"
	"rebound/internal/sim"
	"rebound/internal/store"
	"rebound/internal/timezone"
	"rebound/internal/training"
)

// The demo coach.
const (
	CoachEmail = "coach@demo.rebound.example"
	CoachName  = "Sam Rivera"
)

// HistoryDays is how many days of check-ins the demo holds, today
// included.
const HistoryDays = 120

// Account is a sign-in the demo prints.
type Account struct {
	Name     string
	Email    string
	Password string
}

// Athlete is one demo athlete.
type Athlete struct {
	ID       int64
	Name     string
	Email    string
	Story    string // a story key: Steady, Overreaching, ...
	About    string // the story in a few words
	Timezone string
	// Password is set for the athletes whose account the demo prints, to
	// see the athlete's own pages; the others' passwords nobody knows.
	Password string
}

// Result is what a seed did and how to sign in.
type Result struct {
	Coach    Account
	Athletes []Athlete // in story order
	Created  bool      // this run made the demo; false: it was there and was brought up to date
	CheckIns int       // check-ins this run added
	Logged   int       // workouts this run logged as done or skipped
}

// Logins are the athletes whose credentials the demo prints.
func (r Result) Logins() []Athlete {
	var out []Athlete
	for _, a := range r.Athletes {
		if a.Password != "" {
			out = append(out, a)
		}
	}
	return out
}

// Seed makes the demo as of now, or brings an existing one up to date.
func Seed(ctx context.Context, st *store.Store, now time.Time) (Result, error) {
	var res Result
	pw, err := newPasswords(ctx)
	if err != nil {
		return res, err
	}
	coach, created, err := demoCoach(ctx, st, now, pw)
	if err != nil {
		return res, err
	}
	res.Created = created
	res.Coach = Account{Name: coach.Name, Email: coach.Email, Password: pw.coach}

	existing := map[string]training.Athlete{}
	for _, archived := range []bool{false, true} {
		list, err := st.Athletes(ctx, coach, archived)
		if err != nil {
			return res, err
		}
		for _, a := range list {
			existing[strings.ToLower(a.Email)] = a
		}
	}
	// The athletes are independent of each other: seed them side by side.
	res.Athletes = make([]Athlete, len(stories))
	counts := make([][2]int, len(stories))
	errs := make([]error, len(stories))
	var wg sync.WaitGroup
	for i, s := range stories {
		wg.Go(func() {
			res.Athletes[i], counts[i], errs[i] = seedAthlete(ctx, st, coach, s, existing[strings.ToLower(s.email)], now, pw)
			if errs[i] != nil {
				errs[i] = fmt.Errorf("demo athlete %s: %w", s.name, errs[i])
			}
		})
	}
	wg.Wait()
	for _, c := range counts {
		res.CheckIns += c[0]
		res.Logged += c[1]
	}
	return res, errors.Join(errs...)
}

// passwords are this run's new passwords and their hashes.
type passwords struct {
	coach, coachHash string
	athlete          map[string][2]string // story key → password, hash
	// unknownHash is the hash of a random password nobody is told, which
	// the athletes whose password is not printed share: one hash instead
	// of ten, and nothing anyone could sign in with.
	unknownHash string
}

// newPasswords makes and hashes the run's passwords, in parallel: each
// hash takes about 50 ms on purpose.
func newPasswords(ctx context.Context) (passwords, error) {
	keys := []string{""}
	for _, s := range stories {
		if s.login {
			keys = append(keys, s.key)
		}
	}
	keys = append(keys, "unknown")
	plain := make([]string, len(keys))
	hashes := make([]string, len(keys))
	errs := make([]error, len(keys))
	var wg sync.WaitGroup
	for i := range keys {
		plain[i] = rand.Text()
		wg.Go(func() { hashes[i], errs[i] = auth.HashPassword(ctx, plain[i]) })
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return passwords{}, err
	}
	pw := passwords{coach: plain[0], coachHash: hashes[0], athlete: map[string][2]string{}, unknownHash: hashes[len(keys)-1]}
	for i, k := range keys[1 : len(keys)-1] {
		pw.athlete[k] = [2]string{plain[i+1], hashes[i+1]}
	}
	return pw, nil
}

// demoCoach finds the demo coach by e-mail and gives them the new
// password, or creates them (created true).
func demoCoach(ctx context.Context, st *store.Store, now time.Time, pw passwords) (store.User, bool, error) {
	u, _, err := st.Credentials(ctx, CoachEmail)
	switch {
	case err == nil && u.Role != store.RoleCoach:
		return u, false, fmt.Errorf("the account %s is not a coach: the demo cannot use it", CoachEmail)
	case err == nil:
		return u, false, st.SetPassword(ctx, u.ID, pw.coachHash)
	case apperr.CodeOf(err) != apperr.NotFound:
		return u, false, err
	}
	// The coach has coached for a while: the account predates the history.
	joined := now.AddDate(0, 0, -HistoryDays-14)
	u, err = st.WithClock(fixed(joined)).CreateCoach(ctx, CoachName, CoachEmail, pw.coachHash, true)
	return u, true, err
}

// seedAthlete makes or finds the story's athlete and their account, sets
// up their profile, events and plan when they have no plan yet, and
// simulates their days up to today.
// It returns how many check-ins it added and how many workouts it logged.
func seedAthlete(ctx context.Context, st *store.Store, coach store.User, s story, a training.Athlete,
	now time.Time, pw passwords) (out Athlete, added [2]int, err error) {
	out = Athlete{Name: s.name, Email: s.email, Story: s.key, About: s.about, Timezone: s.tz}
	if !timezone.Valid(s.tz) {
		return out, added, fmt.Errorf("unknown time zone %q", s.tz)
	}
	loc, _ := time.LoadLocation(s.tz)
	today := plan.Day(now.In(loc))
	start := training.WeekStart(today.AddDate(0, 0, -(HistoryDays-1)), s.prof.WeekStartsSunday)
	joined := sim.Clamp(sim.At(start.AddDate(0, 0, -10), loc, 19, 30), now)

	passwordHash := pw.unknownHash
	if p, ok := pw.athlete[s.key]; ok {
		passwordHash, out.Password = p[1], p[0]
	}
	if a.ID == 0 {
		// The account is made at once below, as if the athlete had followed the link.
		_, tokenHash := auth.NewToken()
		if a, _, err = st.WithClock(fixed(joined)).CreateInvitedAthlete(ctx, coach,
			store.NewAthlete{Name: s.name, Email: s.email, Timezone: s.tz}, tokenHash); err != nil {
			return out, added, err
		}
	}
	out.ID = a.ID
	user, err := athleteAccount(ctx, st, coach, a, passwordHash, out.Password != "", joined)
	if err != nil {
		return out, added, err
	}

	_, err = st.LatestPlan(ctx, coach, a.ID)
	setup := apperr.CodeOf(err) == apperr.NotFound
	if err != nil && !setup {
		return out, added, err
	}
	m := &seeder{ctx: ctx, st: st, coach: coach, user: user, s: s, loc: loc, now: now, today: today, fresh: setup}
	from := start
	if setup {
		p := s.prof
		p.Name, p.Email, p.Timezone = s.name, s.email, s.tz
		if err := st.UpdateProfile(ctx, coach, a.ID, p); err != nil {
			return out, added, err
		}
		if from, err = m.setUp(joined); err != nil {
			return out, added, err
		}
	} else if from, err = m.resumeFrom(start); err != nil {
		return out, added, err
	}
	if m.a, err = st.Athlete(ctx, coach, a.ID); err != nil {
		return out, added, err
	}
	if err := m.run(from); err != nil {
		return out, added, err
	}
	return out, [2]int{m.added, m.logged}, nil
}

// athleteAccount returns the athlete's account: made now (as if they had
// followed their invite) when they have none, else found, with a new
// password when the demo prints it.
func athleteAccount(ctx context.Context, st *store.Store, coach store.User, a training.Athlete, passwordHash string, printed bool,
	joined time.Time) (store.User, error) {
	if !a.Joined {
		_, tokenHash := auth.NewToken()
		clock := st.WithClock(fixed(joined.Add(time.Hour)))
		if _, err := clock.IssueAthleteInvite(ctx, coach, a.ID, tokenHash); err != nil {
			return store.User{}, err
		}
		return clock.AcceptAthleteInvite(ctx, tokenHash, passwordHash)
	}
	u, _, err := st.Credentials(ctx, a.Email)
	if err != nil {
		return u, err
	}
	if u.AthleteID != a.ID {
		return u, fmt.Errorf("the account %s is not this athlete's", a.Email)
	}
	if printed {
		err = st.SetPassword(ctx, u.ID, passwordHash)
	}
	return u, err
}

// setUp adds the athlete's goal events, makes and saves their plan, and
// returns the first day to simulate: the plan's start.
func (m *seeder) setUp(joined time.Time) (time.Time, error) {
	s := m.s
	clock := m.st.WithClock(fixed(joined.Add(2 * time.Hour)))
	// An earlier run that stopped short may have added some already.
	have, err := m.st.Events(m.ctx, m.coach, m.user.AthleteID)
	if err != nil {
		return time.Time{}, err
	}
	var planEvent *plan.Event
	var eventID int64
	for i, g := range s.goals {
		j := slices.IndexFunc(have, func(e training.Event) bool { return e.Name == g.name })
		var e training.Event
		if j >= 0 {
			e = have[j]
		} else if e, err = clock.AddEvent(m.ctx, m.coach, m.user.AthleteID, training.Event{Name: g.name, Day: m.today.AddDate(0, 0, g.in),
			Sport: g.sport, Kind: g.kind, DistanceM: g.distanceM, Priority: g.priority}); err != nil {
			return time.Time{}, err
		}
		if i == s.plan.goal {
			planEvent = &plan.Event{Name: e.Name, Date: e.Day, Kind: g.planKind, Priority: g.priority}
			eventID = e.ID
		}
	}
	in, p, err := s.makePlan(m.today, planEvent)
	if err != nil {
		return time.Time{}, err
	}
	np := coaching.NewPlan(in, p, eventID, sim.PlanInputs(in, eventID))
	if _, _, err := clock.SavePlan(m.ctx, m.coach, m.user.AthleteID, np); err != nil {
		return time.Time{}, err
	}
	return in.Start, nil
}

// makePlan runs the scheduling service on the story's plan, starting on
// the first day of the week HistoryDays ago (earlier, for cutbackNow, if
// that makes this week a cutback week).
func (s story) makePlan(today time.Time, event *plan.Event) (plan.Input, plan.Plan, error) {
	start := training.WeekStart(today.AddDate(0, 0, -(HistoryDays-1)), s.prof.WeekStartsSunday)
	longDay := s.plan.longDay
	if s.plan.longToday {
		longDay = today.Weekday()
	}
	in := plan.Input{
		Athlete: sim.PlanAthlete(s.prof, s.plan.sport, s.plan.minutes, longDay, s.plan.off),
		Event:   event,
		Options: plan.Options{CutbackEvery: s.plan.every},
	}
	tries := 1
	if s.plan.cutbackNow {
		tries = max(s.plan.every, 4)
	}
	var p plan.Plan
	var err error
	for try := range tries {
		in.Start = start.AddDate(0, 0, -7*try)
		if event == nil {
			// A rolling block that reaches two months past today.
			in.Options.Weeks = min(int(today.Sub(in.Start).Hours()/24)/7+1+8, 52)
		}
		if p, err = plan.Generate(in); err != nil {
			return in, p, err
		}
		if w, ok := weekOf(p, today); !s.plan.cutbackNow || ok && w.Kind == plan.KindCutback {
			break
		}
	}
	return in, p, nil
}

// weekOf is the plan's week holding day.
func weekOf(p plan.Plan, day time.Time) (plan.Week, bool) {
	for _, w := range p.Weeks {
		if !day.Before(w.Start) && day.Before(w.Start.AddDate(0, 0, 7)) {
			return w, true
		}
	}
	return plan.Week{}, false
}

func fixed(t time.Time) func() time.Time { return func() time.Time { return t } }
