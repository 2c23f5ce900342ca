package demo

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
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

	days *sim.Athlete // stored and made

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
		if !d.Before(first) && !m.days.CheckedIn(d) && m.s.checksIn(d, k) {
			m.morning(d, k)
		}
		if m.fresh {
			if err := m.adjust(d, k); err != nil {
				return err
			}
		}
		if d.Before(m.today) { // today's workouts are still ahead
			m.evening(d, k)
		}
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

// morning makes day d's check-in and judges it as the check-in page
// would. Today's is drawn again (deterministically) until it tells the
// story.
func (m *seeder) morning(d time.Time, k int) {
	var c training.CheckIn
	for try := range 50 {
		c = m.days.Judge(m.draw(d, k, try))
		if k > 0 || m.s.wants(c) {
			break
		}
	}
	m.days.AddCheckIn(c)
	m.newCheckIns = append(m.newCheckIns, c)
	if k == 0 {
		m.todays = &c
	}
}

// evening logs day d's planned workouts (rest days are not logged).
func (m *seeder) evening(d time.Time, k int) {
	for pos, i := range m.days.On(d) {
		w := m.days.Workout(i)
		if w.Status != "planned" || !w.Planned || w.Kind == "rest" {
			continue
		}
		r := dayRand(m.s.seed, d, uint64(100+pos))
		l, ok := m.logFor(*w, k, r)
		if !ok {
			continue
		}
		w.Status, w.Log = l.Status, l
		when := sim.At(d, m.loc, 17, 30).Add(time.Duration(r.IntN(210)) * time.Minute)
		m.logs = append(m.logs, store.SeedLog{WorkoutID: w.ID, Log: l, At: sim.Clamp(when, m.now)})
	}
}

// dayRand is the athlete's random numbers for one day and purpose: the
// same whenever the demo is made.
func dayRand(seed uint64, d time.Time, purpose uint64) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(d.Unix()/86400)<<16|purpose))
}

// checksIn says whether the athlete checks in on day d, k days before today.
func (s story) checksIn(d time.Time, k int) bool {
	r := dayRand(s.seed, d, 1).Float64()
	switch s.key {
	case SkippedCheckIns:
		switch {
		case k <= 3:
			return false
		case k == 4:
			return true
		case k <= 18:
			return r < 0.55
		}
		return r < 0.85
	case Beginner10K:
		return k == 0 || r < 0.88
	}
	return k <= 1 || r < 0.97
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

// draw makes day d's answers: the athlete's usual morning with the day's
// noise, the last day's training in the legs, and the story.
func (m *seeder) draw(d time.Time, k, try int) training.CheckIn {
	r := dayRand(m.s.seed, d, uint64(2+try))
	b := m.s.body
	hard, long := m.hardDay(d.AddDate(0, 0, -1))
	c := training.CheckIn{AthleteID: m.a.ID, Day: d, Answered: true}

	sleep := b.sleep + r.NormFloat64()*0.4
	if r.Float64() < 0.04 {
		sleep -= 1.5 // a bad night now and then
	}
	c.SleepHours = quarter(sleep)
	c.Fatigue = item(r, 0.15, 0.08)
	c.Soreness = item(r, 0.15, 0.07)
	c.Stress = item(r, 0.12, 0.15)
	c.Mood = item(r, 0.2, 0.06)
	c.Motivation = item(r, 0.25, 0.05)
	if hard && r.Float64() < 0.4 {
		c.Fatigue--
	}
	if long && r.Float64() < 0.35 {
		c.Soreness--
	}
	c.RestingHR = b.restingHR + int(math.Round(r.NormFloat64()*1.2))
	if hard {
		c.RestingHR++
	}
	if b.hrv > 0 && r.Float64() < 0.92 {
		h := b.hrv * math.Exp(r.NormFloat64()*0.09)
		if hard {
			h *= 0.94
		}
		if k < 7 {
			// A settled last week, so that today's 7-day HRV average says
			// what the story says (the overreaching and the ill have
			// their own).
			h = b.hrv * math.Exp(r.NormFloat64()*0.03)
		}
		c.HRV = tenth(h)
	}
	m.s.shape(&c, k, r)

	c.SleepHours = min(max(c.SleepHours, 3.5), 11)
	c.SleepQuality = 4
	switch {
	case c.SleepHours <= b.sleep-1.25:
		c.SleepQuality = 2
	case c.SleepHours <= b.sleep-0.5:
		c.SleepQuality = 3
	case c.SleepHours >= b.sleep+0.5 && r.Float64() < 0.5:
		c.SleepQuality = 5
	}
	if q, ok := m.s.sleepQuality(k); ok {
		c.SleepQuality = q
	}
	for _, v := range []*int{&c.Fatigue, &c.Soreness, &c.Stress, &c.Mood, &c.Motivation} {
		*v = min(max(*v, 1), 5)
	}
	if c.Soreness <= 3 {
		c.SorenessAreas = sorenessAreas(m.s, r)
	}
	if c.Notes == "" && r.Float64() < 0.1 {
		c.Notes = morningNote(c, b, hard || long, r)
	}
	c.UpdatedAt = sim.Clamp(sim.At(d, m.loc, 6, 40).Add(time.Duration(r.IntN(90))*time.Minute), m.now)
	return c
}

// item is an answer of 4 ("better than usual" … "worse"), one better with
// chance up, one worse with chance down.
func item(r *rand.Rand, up, down float64) int {
	switch x := r.Float64(); {
	case x < up:
		return 5
	case x < up+down:
		return 3
	}
	return 4
}

// hardDay says whether the athlete did a key (or long) workout on day.
func (m *seeder) hardDay(day time.Time) (hard, long bool) {
	for _, i := range m.days.On(day) {
		w := m.days.Workout(i)
		if w.Status != "done" {
			continue
		}
		hard = hard || w.Key || w.Log.RPE >= 6
		long = long || w.Kind == "long"
	}
	return hard, long
}

// shape puts the story into day k's answers.
func (s story) shape(c *training.CheckIn, k int, r *rand.Rand) {
	b := s.body
	switch s.key {
	case Overreaching:
		if k > 10 {
			return
		}
		// Ten days of load outrunning recovery: the resting HR creeps up,
		// HRV slides, and fatigue, soreness and motivation follow.
		c.RestingHR = b.restingHR + int(math.Round(5*float64(11-k)/11)) + r.IntN(3) - 1
		if k == 0 {
			c.RestingHR = b.restingHR + 15
		}
		c.HRV = tenth(b.hrv * (1 - 0.032*float64(11-k)) * math.Exp(r.NormFloat64()*0.04))
		c.Fatigue = 3
		switch {
		case k == 0:
			c.Fatigue, c.Soreness, c.Motivation, c.Mood, c.Stress = 2, 2, 2, 3, 3
			c.SleepHours = quarter(b.sleep - 0.75)
			c.Notes = "Resting HR way up this morning. Legs heavy, no motivation to run."
		case k <= 3:
			c.Fatigue, c.Soreness, c.Motivation, c.Mood = 3, 3, 3, 4
		case k <= 6:
			c.Soreness, c.Motivation = 3, 3
		}
		switch k {
		case 2:
			c.Notes = "Easy run felt hard; heart rate high for the pace."
		case 5:
			c.Notes = "Legs heavy on the stairs."
		case 9:
			c.Notes = "A bit tired, but training is going well."
		}
	case Ill:
		switch k {
		case 2:
			c.Fatigue = 3
			c.Notes = "Throat a bit scratchy."
		case 1, 0:
			c.Illness, c.IllnessSite = true, "below_neck"
			c.RestingHR = b.restingHR + 8 - k
			c.HRV = tenth(b.hrv * 0.78)
			c.SleepHours = quarter(b.sleep - 1)
			c.Fatigue, c.Mood, c.Motivation, c.Soreness = 2, 2, 2, 3
			c.Notes = "Sore throat and a temperature. Staying home."
			if k == 0 {
				c.Notes = "Still feverish: aching, blocked nose, no energy."
			}
		}
	case Taper:
		if k <= 9 {
			c.Fatigue = max(c.Fatigue, 4+r.IntN(2))
			c.Soreness = max(c.Soreness, 4+r.IntN(2))
			c.Motivation = 5
		}
		switch k {
		case 0:
			c.Notes = "Legs feel springy. Ready to race."
		case 4:
			c.Notes = "Taper nerves, but sleeping well."
		}
	case RecoveryTooHard:
		if r.Float64() < 0.2 {
			c.Soreness--
		}
	case MastersCutback:
		switch k {
		case 30:
			c.SleepHours = 4.5
			c.Notes = "Up half the night with the dog: four and a half hours."
		case 1:
			c.Notes = "Cutback week: the legs are enjoying it."
		}
	case RedFlags:
		// Three weeks of shift work on top of a build: tired most
		// mornings, rest days included; two weeks of nights all over the
		// place, and her mood and motivation sliding.
		if k <= 18 {
			c.Fatigue = 2
			if k%5 == 4 {
				c.Fatigue = 3
			}
		}
		if k <= 13 {
			c.SleepHours = quarter(b.sleep + []float64{-1.75, 1.5, 0}[k%3])
			c.Mood, c.Stress, c.Motivation = 3, 3, 3
			if k <= 6 {
				c.Stress = 2
			}
		}
		switch k {
		case 0:
			c.SleepHours, c.Soreness = quarter(b.sleep-0.5), 4
			c.Notes = "Tired again, even after yesterday's rest. Nights are all over the place with the shifts."
		case 3:
			c.Notes = "Easy run felt like a tempo."
		case 8:
			c.Notes = "Slept 10 hours and still tired."
		}
	case TrailUltra:
		if k > 0 && r.Float64() < 0.2 {
			c.SleepHours = quarter(b.sleep - 0.75) // a new baby at home
		}
		if k == 0 {
			c.SleepHours = 5
			for _, v := range []*int{&c.Fatigue, &c.Soreness, &c.Stress, &c.Mood, &c.Motivation} {
				*v = max(*v, 4) // otherwise a good morning
			}
			c.RestingHR = b.restingHR + 1
			c.Notes = "The baby was up three times: about 5 hours of sleep."
		}
	}
}

// sleepQuality is the story's sleep rating on day k, where it has one.
func (s story) sleepQuality(k int) (int, bool) {
	switch {
	case s.key == Overreaching && k <= 3:
		return 3, true
	case s.key == Ill && k <= 1:
		return 2, true
	case s.key == TrailUltra && k == 0, s.key == MastersCutback && k == 30:
		return 3, true // a short night, but slept well when asleep
	case s.key == RedFlags && k <= 13:
		return 2 + k%2, true
	}
	return 0, false
}

// sorenessAreas are one or two places a sport makes sore.
func sorenessAreas(s story, r *rand.Rand) []string {
	areas := map[string][]string{
		"run":      {"calves", "quads", "hamstrings", "knees", "feet", "shins"},
		"bike":     {"quads", "lower_back", "neck", "glutes"},
		"swim":     {"shoulders", "upper_back"},
		"strength": {"glutes", "lower_back", "shoulders", "quads", "hamstrings"},
	}[s.prof.Sports[len(s.prof.Sports)-1]]
	a := areas[r.IntN(len(areas))]
	b := areas[r.IntN(len(areas))]
	if a == b {
		return []string{a}
	}
	return []string{a, b}
}

func morningNote(c training.CheckIn, b body, trained bool, r *rand.Rand) string {
	var pool []string
	switch {
	case c.SleepHours < b.sleep-0.75:
		pool = []string{"Short night, woke up early.", "Noisy neighbours, poor sleep.", "Late night, early start."}
	case trained && c.Soreness <= 3:
		pool = []string{"Legs heavy after yesterday's session.", "A bit sore from yesterday.", "Calves tight after yesterday."}
	case c.Stress <= 3:
		pool = []string{"Busy week at work.", "Deadline at work, a bit stressed.", "Long day yesterday."}
	default:
		pool = []string{"Feeling good.", "Slept well, ready to go.", "Good energy today.", "All fine."}
	}
	return pool[r.IntN(len(pool))]
}

// logFor says what the athlete logs of planned workout w, k days before
// today; ok is false when they leave it unlogged.
func (m *seeder) logFor(w training.Workout, k int, r *rand.Rand) (l training.Log, ok bool) {
	s := m.s
	doneChance := s.done
	switch {
	case s.key == SkippedCheckIns && k <= 14:
		leave := 0.45
		if k <= 4 {
			leave = 0.7
		}
		if r.Float64() < leave {
			return l, false
		}
	case s.key == Ill && k == 1:
		return training.Log{Status: "skipped", Notes: "Ill: stayed in bed."}, true
	case s.key == Taper && k <= 14:
		doneChance = 1
	}
	if r.Float64() >= doneChance {
		l = training.Log{Status: "skipped"}
		if r.Float64() < 0.6 {
			l.Notes = pick(r, "Work ran late.", "Kid was ill, no time.", "Travel day.", "Felt run down, rested instead.", "Thunderstorm, stayed in.")
		}
		return l, true
	}

	l.Status = "done"
	planned := float64(w.PlannedDurationS) / 60
	if planned == 0 {
		planned = 40
	}
	body := sim.BodyOf(m.a.Profile)
	e := body.Effort(w, s.body.hrMonitor, r)
	factor, rpe, hr := e.Factor, e.RPE, e.AvgHR
	switch {
	case s.key == Overreaching && k <= 21 && w.Kind != "recovery":
		factor *= 1.12 // he adds a little to everything
		rpe = min(rpe+1, 10)
		if k <= 10 && hr > 0 {
			hr += 5
		}
	case s.key == RecoveryTooHard && w.Kind == "recovery":
		factor *= 1.15
		rpe = float64(5 + r.IntN(2))
		if hr > 0 {
			hr = body.TooHardHR(r)
		}
		if r.Float64() < 0.45 {
			l.Notes = pick(r, "Felt good, so I picked up the pace.", "Ran with the club, couldn't hold back.",
				"Easy is boring; kept it steady.", "Legs felt fresh, pushed the last 2 km.")
		}
	case s.key == Ill && k == 2:
		factor *= 0.8
		rpe = min(rpe+1, 10)
		l.Notes = "Felt flat, cut it short."
	case s.key == RedFlags && k <= 20 && w.Kind != "recovery" && w.Kind != "mobility":
		rpe = min(sim.TargetRPE(w)+2, 10) // the same runs cost more
		if hr > 0 {
			hr += 4
		}
	}
	minutes := math.Round(planned * factor)
	l.DurationS = int(minutes) * 60
	l.RPE = rpe
	l.AvgHR = hr
	l.DistanceM = body.Distance(w, minutes, factor, r)
	if l.Notes == "" && r.Float64() < 0.12 {
		l.Notes = workoutNote(s, w, k, r)
	}
	return l, true
}

func workoutNote(s story, w training.Workout, k int, r *rand.Rand) string {
	switch {
	case s.key == Taper && k <= 10:
		return pick(r, "Race pace felt easy.", "Legs feel fresh.", "Short and sharp, as planned.")
	case s.key == Overreaching && k <= 10:
		return pick(r, "Legs heavy from the start.", "HR high for the pace.", "Hard to get going today.")
	case s.key == RedFlags && k <= 20:
		return pick(r, "Felt much harder than it should have.", "Heavy legs again.", "Couldn't hold the pace.")
	case s.key == TrailUltra && w.Kind == "long":
		return pick(r, "Trail loop with 900 m of climbing.", "Practised eating every 40 minutes.", "Muddy, slow descents.")
	case w.Sport == "bike":
		return pick(r, "Steady ride, some headwind.", "Indoor trainer, watched the race.", "Group ride, sat in.")
	case w.Sport == "swim":
		return pick(r, "Drills felt smoother today.", "Busy lane.", "Good catch on the last sets.")
	case w.Sport == "strength":
		return pick(r, "Added 2.5 kg on squats.", "Kept the last set at RPE 8.", "Hips feel better after mobility work.")
	case w.Kind == "intervals":
		return pick(r, "Hit all the reps, last two were hard.", "Windy on the track.", "Felt strong today.")
	case w.Kind == "tempo":
		return pick(r, "Held the pace comfortably.", "Tough second half.")
	case w.Kind == "long":
		return pick(r, "Fuelled every 30 minutes, felt fine.", "Hilly route, tired at the end.")
	}
	return pick(r, "Nice and easy.", "Easy with a friend.", "Lovely morning for it.")
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

func pick(r *rand.Rand, options ...string) string { return options[r.IntN(len(options))] }

// quarter rounds hours to the quarter hour, as the form takes them.
func quarter(h float64) float64 { return math.Round(h*4) / 4 }

func tenth(x float64) float64 { return math.Round(x*10) / 10 }
