package demo

import (
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"rebound/internal/coaching"
	"rebound/internal/plan"
	"rebound/internal/readiness"
	"rebound/internal/sim"
	"rebound/internal/store"
	"rebound/internal/training"
)

// seeder walks one athlete's days on the simulation engine (package sim):
// each morning a check-in judged on everything before it, each evening
// the day's workouts logged. What it makes is kept in the engine (the
// next day is judged on it) and written in batches; the story's coach
// adjustments go through the store's own paths, as of their day.
type seeder struct {
	ctx   context.Context
	st    *store.Store
	coach store.User
	user  store.User // the athlete's account
	a     training.Athlete
	s     story
	loc   *time.Location
	now   time.Time
	today time.Time // the athlete's calendar day now
	fresh bool      // the plan was made this run: the story's coach adjustments happen too
	from  time.Time // the first day simulated

	days   *sim.Athlete // stored and made
	person *sim.Person  // acting out the story on days

	newCheckIns []training.CheckIn
	logs        []store.SeedLog
	todays      *training.CheckIn // today's check-in, when this run made it
	added       int
	logged      int
}

// resumeFrom is the first day to simulate for an athlete seeded before:
// the day of their last check-in (its workouts may still be to log), or
// the start of their plan.
func (m *seeder) resumeFrom(start time.Time) (time.Time, error) {
	list, err := m.st.CheckIns(m.ctx, m.coach, m.user.AthleteID, m.today.AddDate(-1, 0, 0), m.today)
	if err != nil {
		return start, err
	}
	if n := len(list); n > 0 {
		return list[n-1].Day, nil
	}
	p, err := m.st.LatestPlan(m.ctx, m.coach, m.user.AthleteID)
	if err != nil {
		return start, err
	}
	return p.Start, nil
}

// run simulates the days from `from` to today, writes what it made, and
// lets today's check-in, when this run made it, propose as a real one does.
func (m *seeder) run(from time.Time) error {
	m.from = from
	if err := m.load(); err != nil {
		return err
	}
	first := m.today.AddDate(0, 0, -(HistoryDays - 1))
	for d := from; !d.After(m.today); d = d.AddDate(0, 0, 1) {
		k := int(m.today.Sub(d).Hours() / 24) // days before today
		if !d.Before(first) && !m.days.CheckedIn(d) && m.person.ChecksIn(d) {
			m.morning(d, k)
		}
		if m.fresh {
			if err := m.adjust(d, k); err != nil {
				return err
			}
		}
		m.evening(d)
	}
	if err := m.flush(); err != nil {
		return err
	}
	if m.todays == nil {
		return nil
	}
	return coaching.Propose(m.ctx, m.st.WithClock(fixed(m.todays.UpdatedAt.Add(time.Second))), m.user, *m.todays)
}

// load reads what judging and logging the days from m.from need: the
// windows package coaching reads, and the planned days ahead.
func (m *seeder) load() error {
	list, err := m.st.CheckIns(m.ctx, m.coach, m.a.ID, m.from.AddDate(0, 0, -coaching.BaselineDays), m.today)
	if err != nil {
		return err
	}
	// All workouts from the athlete's joining: a verdict's load state runs
	// from their first workout.
	m.days = sim.New(plan.Day(m.a.CreatedAt.In(m.loc)), sim.BodyOf(m.a.Profile).Zone2(), true)
	for _, c := range list {
		m.days.AddCheckIn(c)
	}
	m.person = m.newPerson()
	return m.loadWorkouts()
}

func (m *seeder) loadWorkouts() error {
	list, err := m.st.Workouts(m.ctx, m.coach, m.a.ID, plan.Day(m.a.CreatedAt.In(m.loc)), m.today.AddDate(0, 0, 14))
	if err != nil {
		return err
	}
	m.days.SetWorkouts(list)
	return nil
}

// flush writes the check-ins and logs made so far.
func (m *seeder) flush() error {
	if len(m.newCheckIns) > 0 {
		n, err := m.st.SeedCheckIns(m.ctx, m.coach, m.a.ID, m.newCheckIns)
		if err != nil {
			return err
		}
		m.added += n
		m.newCheckIns = nil
	}
	if len(m.logs) > 0 {
		n, err := m.st.SeedLogs(m.ctx, m.coach, m.a.ID, m.logs)
		if err != nil {
			return err
		}
		m.logged += n
		m.logs = nil
	}
	return nil
}

// newPerson is the story's athlete as the simulation acts them out: their
// usual mornings and habits, and the story's tale in days from today.
func (m *seeder) newPerson() *sim.Person {
	s, t := m.s, tales[m.s.key]
	p := &sim.Person{Streams: sim.Streams(s.seed), AthleteID: m.a.ID, Days: m.days, Body: sim.BodyOf(m.a.Profile),
		Usual:  sim.Usual{RestingHR: s.body.restingHR, HRV: s.body.hrv, Sleep: s.body.sleep, HRVRate: 0.92, RHRRate: 1},
		Habits: sim.Habits{CheckIns: 0.97, ByNow: 1, Told: 2, Done: s.done, Logged: 1, TooHard: t.tooHard},
		Sports: s.prof.Sports, Notes: map[time.Time]string{}, LongNotes: t.longNotes,
		Loc: m.loc, Today: m.today, Now: m.now}
	if s.body.hrMonitor {
		p.Habits.Monitor = 1
	}
	if t.checkIns != 0 {
		p.Habits.CheckIns = t.checkIns
	}
	for _, e := range t.episodes {
		p.Episodes = append(p.Episodes, sim.Episode{Kind: e.kind, From: m.today.AddDate(0, 0, -e.from), To: m.today.AddDate(0, 0, -e.to),
			Flagged: e.flagged, Hours: e.hours})
	}
	for k, note := range t.notes {
		p.Notes[m.today.AddDate(0, 0, -k)] = note
	}
	return p
}

// morning makes day d's check-in, judged as the check-in page would.
// Today's is drawn again until it tells the story.
func (m *seeder) morning(d time.Time, k int) {
	c := m.person.Morning(d, m.s.wants)
	m.newCheckIns = append(m.newCheckIns, c)
	if k == 0 {
		m.todays = &c
	}
}

// evening logs day d's planned workouts.
func (m *seeder) evening(d time.Time) {
	m.person.Evening(d, func(i int, at time.Time) {
		w := m.days.Workout(i)
		m.logs = append(m.logs, store.SeedLog{WorkoutID: w.ID, Log: w.Log, At: at})
	})
}

// wants says whether today's judged check-in tells the story.
func (s story) wants(c training.CheckIn) bool {
	switch s.key {
	case Overreaching:
		return c.Light != "green" && hasReason(c, "resting_hr")
	case Ill:
		return c.Light == "red"
	case TrailUltra:
		return c.Light == "amber" && len(c.Reasons) > 0 && c.Reasons[0].Code == "sleep"
	case RedFlags:
		return c.Light == "amber" && len(c.Reasons) > 0 && c.Reasons[0].Code == readiness.CodePattern
	case Beginner10K:
		// A beginner's few sessions make the load ratio jumpy: an amber
		// for a quick rise in load is part of their story.
		return c.Light == "green" || c.Light == "amber" && !slices.ContainsFunc(c.Reasons, func(r training.Reason) bool {
			return r.Light == "amber" && r.Code != "load"
		})
	}
	return c.Light == "green"
}

func hasReason(c training.CheckIn, code string) bool {
	return slices.ContainsFunc(c.Reasons, func(r training.Reason) bool { return r.Code == code })
}

// adjust makes the story's coach adjustment of day d, if it has one, as
// the coach would: through the store, recorded in the plan history.
func (m *seeder) adjust(d time.Time, k int) error {
	var act func(time.Time) error
	switch {
	case m.s.key == Overreaching && k == 17:
		act = m.lightenWeek
	case m.s.key == MastersCutback && k == 30:
		act = m.applyProposal
	case m.s.key == Triathlete && k == 9:
		act = m.openWater
	case m.s.key == RecoveryTooHard && k == 0:
		act = m.easyReminder
	default:
		return nil
	}
	if err := m.flush(); err != nil {
		return err
	}
	if err := act(d); err != nil {
		return fmt.Errorf("coach adjustment: %w", err)
	}
	return m.loadWorkouts()
}

// lightenWeek shortens the key workouts of the week from d by a fifth.
func (m *seeder) lightenWeek(d time.Time) error {
	clock := m.st.WithClock(fixed(sim.Clamp(sim.At(d, m.loc, 12, 15), m.now)))
	const reason = "Deadline week at work and short nights: same sessions, a fifth less of each."
	for _, w := range m.days.Workouts() {
		if w.Day.Before(d) || w.Day.After(d.AddDate(0, 0, 6)) || !w.Key || w.Kind == "race" || w.Status != "planned" {
			continue
		}
		p := w.Prescription
		minutes := int(math.Round(float64(p.PlannedDurationS)/60*0.8/5)) * 5
		if p.PlannedDistanceM > 0 {
			p.PlannedDistanceM = sim.Round10(float64(p.PlannedDistanceM) * float64(minutes*60) / float64(p.PlannedDurationS))
		}
		p.PlannedDurationS = minutes * 60
		if _, err := clock.UpdatePlan(m.ctx, m.coach, w.ID, w.Version, w.Day, p, reason); err != nil {
			return err
		}
	}
	return nil
}

// applyProposal lets day d's check-in propose, as a real one does, and the
// coach apply the proposal later that morning.
func (m *seeder) applyProposal(d time.Time) error {
	list := m.days.CheckIns()
	i := slices.IndexFunc(list, func(c training.CheckIn) bool { return c.Day.Equal(d) })
	if i < 0 || list[i].Light == "green" {
		return nil
	}
	c := list[i]
	if err := coaching.Propose(m.ctx, m.st.WithClock(fixed(c.UpdatedAt.Add(time.Second))), m.user, c); err != nil {
		return err
	}
	p, ok, err := m.st.PendingProposal(m.ctx, m.coach, m.a.ID)
	if err != nil || !ok || !p.CheckInDay.Equal(d) {
		return err
	}
	_, err = m.st.WithClock(fixed(sim.Clamp(c.UpdatedAt.Add(2*time.Hour), m.now))).ApplyProposal(m.ctx, m.coach, m.a.ID, p.ID)
	return err
}

// openWater moves the next swim of the week to open water: the pool is
// closed.
func (m *seeder) openWater(d time.Time) error {
	for _, w := range m.days.Workouts() {
		if !w.Day.After(d) || w.Day.After(d.AddDate(0, 0, 6)) || w.Sport != "swim" || w.Kind == "recovery" || w.Status != "planned" {
			continue
		}
		p := w.Prescription
		p.Title = "Open-water swim (pool closed)"
		p.Description = "The pool is closed: swim this in the lake with a buddy, the same efforts by feel. " + p.Description
		_, err := m.st.WithClock(fixed(sim.Clamp(sim.At(d, m.loc, 20, 5), m.now))).UpdatePlan(m.ctx, m.coach, w.ID, w.Version, w.Day, p,
			"The pool is closed for maintenance this week.")
		return err
	}
	return nil
}

// easyReminder asks, on the next recovery run, for it to stay easy.
func (m *seeder) easyReminder(d time.Time) error {
	ceiling := sim.BodyOf(m.a.Profile).Zone2()
	for _, w := range m.days.Workouts() {
		if !w.Day.After(d) || w.Kind != "recovery" || w.Status != "planned" {
			continue
		}
		p := w.Prescription
		p.Description = fmt.Sprintf("Keep this one truly easy: heart rate under %d bpm, walk up the hills if you must. ", ceiling) + p.Description
		_, err := m.st.WithClock(fixed(sim.Clamp(sim.At(d, m.loc, 9, 10), m.now))).UpdatePlan(m.ctx, m.coach, w.ID, w.Version, w.Day, p,
			"Recovery runs have been too hard lately (RPE 5–6, heart rate above zone 2): this one stays easy.")
		return err
	}
	return nil
}
