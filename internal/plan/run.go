package plan

import "rebound/internal/training"

// runSession is a kind of quality run.
type runSession int

const (
	fartlek      runSession = iota // base: short brisk surges, an introduction to speed
	hills                          // base: short uphill efforts, strength without speed on the flat
	vo2                            // 3-minute repetitions at 5K effort
	threshold                      // cruise intervals (Daniels) or a continuous tempo at threshold
	raceSpecific                   // repetitions or a block at the event's pace
)

// runLineups are the quality sessions of each phase, by event, in the order
// weeks rotate through them: base weeks are soft (fartlek, hills); build
// weeks develop threshold and VO2max; peak and taper weeks are race-specific.
// The 10K and half keep a 5K-effort session beside the race-pace one into
// the taper, as Pfitzinger & Douglas (2015) keep VO2max work to the race:
// their race pace already works the threshold.
var runLineups = map[EventKind][3][]runSession{ // base, build, peak and taper
	FiveK:    {{fartlek, hills}, {vo2, threshold}, {raceSpecific, vo2}},
	TenK:     {{fartlek, hills}, {threshold, vo2}, {raceSpecific, vo2}},
	Half:     {{fartlek, hills}, {threshold, vo2}, {raceSpecific, vo2}},
	Marathon: {{fartlek, hills}, {threshold, raceSpecific}, {raceSpecific, threshold}},
	Ultra:    {{hills, fartlek}, {hills, threshold}, {threshold, hills}},
	"":       {{fartlek, hills}, {threshold, hills}, {threshold, vo2}},
}

// phaseIndex is ph's index into the by-phase lineups: base, build, then
// peak and taper.
func phaseIndex(ph Phase) int {
	switch ph {
	case PhaseBase:
		return 0
	case PhaseBuild:
		return 1
	}
	return 2
}

// run builds a running day. A plan repeats its runs week after week (the
// same easy run, the same session at the same length), and each depends
// only on what runKey holds: each is written once a plan.
func (p *planner) run(d slot, c weekCtx, hardMax int) Workout {
	k := runKey{role: d.role, minutes: d.minutes}
	switch d.role {
	case roleKey:
		k.hardMax = hardMax

		if d.key == 0 {
			k.long, k.phase = true, c.spec.phase
		} else {
			lineup := runLineups[p.eventKind()][phaseIndex(c.spec.phase)]
			k.session = lineup[(d.key-1+c.w)%len(lineup)]
			if c.spec.phase != PhaseBase && c.steps != nil {
				k.step = max(0, c.steps[k.session]-c.hold)
			}
			if z := p.sessionZone(k.session); c.keyHard != nil && c.keyHard[z] > 0 {
				// A taper session never holds more work than the
				// peak's of its kind.
				hardMax = min(hardMax, c.keyHard[z])
				k.hardMax = hardMax
			}
		}
	case roleTuneUp:
		return p.runSharpener(d.minutes, hardMax) // once a plan
	case roleRecovery:
		if p.afterRace(d.idx) && d.idx-p.race <= 3 {
			return walkOrSpin()
		}
	default:
		k.variant = d.variant
	}
	if i, ok := p.runs[k]; ok {
		return p.runList[i]
	}
	var w Workout
	switch {
	case k.long:
		w = p.longRun(d.minutes, c, hardMax)
	case d.role == roleKey:
		w = p.runSession(k.session, d.minutes, hardMax, k.step)
	default:
		w = p.easyRun(d)
	}
	w = written(w, d.minutes)
	if p.runs == nil {
		// A plan writes up to about three runs a week (len(p.spare)/7 is
		// about its weeks): room for them at once, not a list copied as it
		// grows.
		n := 3 * len(p.spare) / 7
		p.runs = make(map[runKey]int, n)
		p.runList = make([]Workout, 0, n)
	}
	p.runs[k] = len(p.runList)
	p.runList = append(p.runList, w)
	return w
}

// countSessions adds one to n for each quality session a run week's days
// hold (a session twice in a week counts once), and for a triathlete's
// quality run.
func (p *planner) countSessions(days []slot, c weekCtx, n *[raceSpecific + 1]int) {
	if p.sport == Triathlon {
		for _, d := range days {
			if d.role == roleKey && d.key == 3 {
				n[threshold]++ // a triathlete's quality run (see triWorkout)
			}
		}
		return
	}
	if p.sport != Run {
		return
	}
	var seen [raceSpecific + 1]bool
	lineup := runLineups[p.eventKind()][phaseIndex(c.spec.phase)]
	for _, d := range days {
		if d.role == roleKey && d.key != 0 {
			seen[lineup[(d.key-1+c.w)%len(lineup)]] = true
		}
	}
	for s, ok := range seen {
		if ok {
			n[s]++
		}
	}
}

// runKey is everything a run of a plan depends on besides the plan's
// athlete and event: the long run's phase, a quality run's session, an
// easy day's variant (strides), the minutes, and a key run's budget of
// hard minutes.
type runKey struct {
	role    role
	long    bool
	phase   Phase
	session runSession
	variant string
	minutes int
	hardMax int
	step    int // a build, peak or taper session's place in the progression (see runSession); -1 in base weeks
}

// easyRun builds an easy, recovery or shakeout run.
func (p *planner) easyRun(d slot) Workout {
	switch d.role {
	case roleRecovery:
		return Workout{Sport: training.SportRun, Kind: training.KindRecovery, RPE: 2, Zone: zRecovery,
			DistanceM: p.runDistance(segment{d.minutes, zRecovery, 0}), Structure: p.runSteady(zRecovery)}
	case roleShakeout:
		w := Workout{Sport: training.SportRun, Kind: training.KindEasy, RPE: 3, Zone: zEndurance,
			DistanceM: p.runDistance(segment{d.minutes, zEndurance, 0}), Structure: p.runSteady(zEndurance)}
		w.Structure.Name, w.Structure.Strides = "Shakeout", 4
		return w
	}
	w := Workout{Sport: training.SportRun, Kind: training.KindEasy, RPE: 3, Zone: zEndurance,
		DistanceM: p.runDistance(segment{d.minutes, zEndurance, 0}), Structure: p.runSteady(zEndurance)}
	if d.variant == "strides" {
		w.Structure.Strides = 6
	}
	return w
}

// runSteady is the structure of a steady run at level: the athlete's
// targets there and for easy running.
func (p *planner) runSteady(level int) *training.Structure {
	return &training.Structure{Zone: level, Cue: p.runCue(level), Easy: p.runCue(zEndurance)}
}

// walkOrSpin is the first days' recovery after a race: movement without
// impact while the legs repair.
func walkOrSpin() Workout {
	return Workout{Sport: training.SportOther, Kind: training.KindRecovery, RPE: 2, Zone: zRecovery, Structure: &training.Structure{Zone: zRecovery, Instead: training.SportRun}}
}

// eventKind is the event's kind, or "" without one.
func (p *planner) eventKind() EventKind {
	if p.ev == nil {
		return ""
	}
	return p.ev.kind
}

// longRun is the week's long run. Non-beginners finish it with up to 30
// minutes (at most a quarter of the run) at race pace in the peak weeks of
// a marathon or half marathon, and at race effort in a triathlete's build,
// peak and taper weeks (where it is the week's intensity): practice for the
// race's second half, on tired legs.
func (p *planner) longRun(minutes int, c weekCtx, hardMax int) Workout {
	w := Workout{Sport: training.SportRun, Kind: training.KindLong, RPE: 4, Zone: zEndurance, Structure: p.runSteady(zEndurance)}
	s := w.Structure
	effort, cue, level, factor := "", "", zTempo, 0.0
	switch kind, ph := p.eventKind(), c.spec.phase; {
	case p.exp == Beginner:
	case (kind == Marathon || kind == Half) && ph == PhasePeak:
		level = racePaceSets[kind].zone
		effort, cue = "at "+p.ev.name+" pace", p.racePaceCue(p.ev.distanceM, level)
		if p.in.Athlete.ThresholdPace > 0 {
			factor = p.raceFactor()
		}
	case p.sport == Triathlon && (kind == Sprint || kind == Olympic) && p.maxKeys() >= 4:
		// A short race's run pace is trained in the week's quality run
		// (see triWorkout): the long run stays aerobic (Friel 2016).
	case p.sport == Triathlon && kind != "" && ph != PhaseBase:
		level = max(raceZone[kind], zTempo) // set apart from the easy running, as longRide does
		effort = "at race effort"
		cue, factor = p.raceRunCue()
	}
	finish := 0
	if effort != "" {
		most := 30
		if ph := c.spec.phase; ph == PhaseBuild || ph == PhasePeak {
			// 10 minutes in the phase's first week, 5 more each week
			// after: the week's hard minutes grow by steps, not jumps.
			most = min(most, 5+5*c.spec.inPh)
		}
		if finish = 5 * (min(hardMax, most, minutes/4) / 5); finish < 10 {
			finish = 0
		}
	}
	if finish > 0 {
		s.Reps, s.Work, s.Finish, s.Effort, s.Zone, s.Cue = 1, 60*finish, true, effort, level, cue
		w.HardMinutes = finish
	}
	w.DistanceM = p.runDistance(segment{minutes - finish, zEndurance, 0}, segment{finish, level, factor})
	return w
}

// runQuality builds a quality run of minutes with at most hardMax minutes
// of work: as much work as fits.
func (p *planner) runQuality(kind runSession, minutes, hardMax int) Workout {
	return p.runSession(kind, minutes, hardMax, -1)
}

// runSession builds a quality run of minutes with at most hardMax minutes
// of work. A session whose repetitions do not fit (too short, or too little
// of the week's hard budget left) becomes a fartlek, which fits any length.
//
// From step 0 on (a run plan's build, peak and taper weeks) the work
// follows a progression instead of filling the session: each build week
// one rung up a ladder of sets, starting by experience (see ladders), so
// the key sessions grow week by week towards the peak, as Daniels (2014)
// lengthens cruise intervals towards 2 × 20 min and Pfitzinger & Douglas
// (2009) lengthen their LT and marathon-pace runs; step -1 fills the
// session as far as it holds.
func (p *planner) runSession(kind runSession, minutes, hardMax, step int) Workout {
	warm, cool := warmCool(minutes)
	main := minutes - warm - cool
	w := Workout{Sport: training.SportRun}
	s := training.Structure{Warm: warm, Cool: cool, Easy: p.runCue(zEndurance), Rest: 120}
	level := zThreshold
	factor := 0.0
	switch kind {
	case hills:
		// Uphill efforts go by feel: a pace on a slope means nothing.
		n := reps(main, 1, 2, 10, hardMax)
		w.Kind, w.RPE, level = training.KindIntervals, 7, zVO2
		s.Name, s.Reps, s.Work, s.Effort = "Hills", n, 60, "uphill"
	case vo2:
		n, each, rest := reps(main, 3, 2, 6, hardMax), 3, 2
		if step >= 0 {
			n, each, rest = p.rung(vo2Ladder, step, main, hardMax)
		}
		if n < 2 {
			return p.runQuality(fartlek, minutes, hardMax)
		}
		w.Kind, w.RPE, level = training.KindIntervals, 8, zVO2
		s.Reps, s.Work, s.Rest, s.Effort, s.Cue = n, 60*each, 60*rest, "at 5K effort", p.runCue(zVO2)
	case threshold:
		w.Kind, w.RPE, level = training.KindTempo, 7, zThreshold
		s.Effort, s.Cue = "at threshold", p.runCue(zThreshold)
		n, each := reps(main, 8, 2, 4, hardMax), 8
		if step >= 0 {
			n, each, _ = p.rung(thresholdLadder, step, main, hardMax)
		}
		if n >= 2 {
			s.Reps, s.Work = n, 60*each
		} else if n := min(main, 20, hardMax); n >= 10 {
			s.Name, s.Reps, s.Work = "Tempo", 1, 60*n
		} else {
			return p.runQuality(fartlek, minutes, hardMax)
		}
	case raceSpecific:
		r := racePaceSets[p.eventKind()]
		most := r.most
		if step >= 0 {
			// One repetition more each build week, from the fewest (two
			// more for an advanced runner).
			most = min(most, r.least+experienceIndex(p.exp)+step)
		}
		n := reps(main, r.each, r.jog, most, hardMax)
		if n < r.least {
			return p.runQuality(threshold, minutes, hardMax)
		}
		w.Kind, w.RPE, level = training.KindTempo, r.rpe, r.zone
		factor = p.raceFactor()
		s.Reps, s.Work, s.Rest = n, 60*r.each, 60*r.jog
		s.Effort, s.Cue = "at "+p.ev.name+" pace", p.racePaceCue(p.ev.distanceM, r.zone)
	default:
		n := max(1, reps(main, 1, 1, 10, hardMax))
		w.Kind, w.RPE, level = training.KindIntervals, 6, zThreshold
		s.Name, s.Reps, s.Work, s.Rest, s.Effort, s.Cue = "Fartlek", n, 60, 60, "brisk", p.runCue(zThreshold)
	}
	w.Zone, s.Zone = level, level
	w.Structure, w.HardMinutes = &s, workMinutes(s)
	if p.in.Athlete.ThresholdPace == 0 {
		factor = 0
	}
	w.DistanceM = p.runDistance(segment{minutes - w.HardMinutes, zEndurance, 0}, segment{w.HardMinutes, level, factor})
	return w
}

// sessionZone is the level of a session's work.
func (p *planner) sessionZone(s runSession) int {
	switch s {
	case vo2, hills:
		return zVO2
	case raceSpecific:
		if r, ok := racePaceSets[p.eventKind()]; ok {
			return r.zone
		}
	}
	return zThreshold
}

// A ladder is a progression of sets (reps × each minutes, rest minutes
// between), each rung a little more work than the one before.
type ladder [][3]int

// thresholdLadder: Daniels' (2014) cruise intervals, from 2 × 8 min to
// 2 × 20 min at threshold, about 10–30 % more work a rung.
var thresholdLadder = ladder{{2, 8, 2}, {3, 8, 2}, {4, 8, 2}, {3, 12, 2}, {2, 20, 3}}

// vo2Ladder: repetitions at 5K effort (Daniels' I pace) with a jog a
// little shorter than each, from 4 × 3 to 5 × 4 min.
var vo2Ladder = ladder{{4, 3, 2}, {5, 3, 2}, {6, 3, 2}, {5, 4, 3}}

// rung is the set for a session at step of l: the rung the step reaches
// from the athlete's start (beginners at the first, advanced runners two
// up), or the highest below it that fits main minutes and hardMax minutes
// of work; the first rung's shape, shortened, when none does.
func (p *planner) rung(l ladder, step, main, hardMax int) (n, each, rest int) {
	for i := min(len(l)-1, experienceIndex(p.exp)+step); i >= 0; i-- {
		n, each, rest = l[i][0], l[i][1], l[i][2]
		if reps(main, each, rest, n, hardMax) == n {
			return n, each, rest
		}
	}
	return reps(main, each, rest, n, hardMax), each, rest
}

// raceSet is how race-pace work is done for an event: repetitions of each
// minutes with jog minutes between, at least least and at most most.
type raceSet struct {
	each, jog, least, most int
	rpe                    float64
	zone                   int
}

// racePaceSets: shorter races, shorter and faster repetitions; the marathon
// as one continuous block, as it is raced.
var racePaceSets = map[EventKind]raceSet{
	FiveK:    {each: 4, jog: 2, least: 2, most: 6, rpe: 8.5, zone: zVO2},
	TenK:     {each: 6, jog: 2, least: 2, most: 5, rpe: 8, zone: zVO2},
	Half:     {each: 10, jog: 2, least: 2, most: 4, rpe: 7, zone: zThreshold},
	Marathon: {each: 15, jog: 3, least: 1, most: 4, rpe: 6, zone: zTempo},
}

// runSharpener is the race week's short session: a few minutes at race pace
// (ultra: at threshold), enough to feel fast, too little to tire.
func (p *planner) runSharpener(minutes, hardMax int) Workout {
	warm, cool := warmCool(minutes)
	each := 3
	n := reps(minutes-warm-cool, each, 2, 4, min(hardMax, 12))
	if n == 0 { // a week with almost no hard budget left: one short pick-up
		n, each = 1, max(1, min(hardMax, each))
	}
	effort, level, cue := "at threshold", zThreshold, p.runCue(zThreshold)
	if r, ok := racePaceSets[p.ev.kind]; ok { // an ultra has no race pace to sharpen
		effort, level, cue = "at "+p.ev.name+" pace", r.zone, p.racePaceCue(p.ev.distanceM, r.zone)
	}
	w := Workout{Sport: training.SportRun, Kind: training.KindTempo, RPE: 7, Zone: level, HardMinutes: each * n,
		Structure: &training.Structure{Name: "Sharpener", Warm: warm, Reps: n, Work: 60 * each, Rest: 120, Cool: cool,
			Effort: effort, Zone: level, Cue: cue, Easy: p.runCue(zEndurance)}}
	w.DistanceM = p.runDistance(segment{minutes - w.HardMinutes, zEndurance, 0}, segment{w.HardMinutes, level, 0})
	return w
}
