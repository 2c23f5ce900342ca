package plan

import "rebound/internal/training"

// strength builds a strength-training day. Every heavy day is a full-body
// session, alternating two sessions (fullBody) that each train all six
// movement patterns: a squat or lunge, a hip hinge, a horizontal and a
// vertical push, a horizontal and a vertical pull. Whichever session
// falls where, every pattern is then trained on every heavy day: at least
// twice a week with two heavy days or more, 48 h apart. Total-body
// sessions 2–3 days a week are the novice's and intermediate's model, each
// muscle group 2–3 times a week (ACSM 2009 progression models), and twice
// a week builds more muscle than once for the same work (Schoenfeld,
// Ogborn & Krieger 2016). An A/B split of the patterns would train half
// of them once a week whenever the week has an odd number of heavy days.
// Rest or recovery follows each heavy day; easy days alternate easy
// cardio and mobility.
func (p *planner) strength(d slot, c weekCtx, hardMax int) Workout {
	switch {
	case d.role == roleKey:
		return p.heavy(d.variant == "B", d.minutes, c, hardMax)
	case d.role == roleRecovery:
		return Workout{Sport: training.SportOther, Kind: training.KindRecovery, RPE: 2, Zone: zRecovery, Structure: &training.Structure{Zone: zRecovery}}
	case d.variant == training.KindMobility:
		return Workout{Sport: training.SportOther, Kind: training.KindMobility, RPE: 2, Structure: &training.Structure{}}
	}
	return Workout{Sport: training.SportOther, Kind: training.KindCrossTraining, RPE: 3, Zone: zEndurance, Structure: &training.Structure{Zone: zEndurance}}
}

// strengthBlocks are the sets and starting repetitions of each block (the
// weeks up to a deload): fewer repetitions at heavier loads as the athlete
// adapts, the last repeated.
var strengthBlocks = []struct{ sets, lifts int }{{3, 8}, {3, 6}, {4, 6}, {4, 5}}

// heavy is heavy full-body session A, or B with b, of at most minutes
// (the session's own time, heavyMinutes, is its length). The load progresses
// by double progression (ACSM 2009 progression models) without going near
// failure: a block's first week chooses weights at RPE 7 (3 repetitions in
// reserve), the second adds one repetition a set at those weights (RPE 8,
// the most a repetition may be added at), and the third, the top of the
// range reached, adds 2.5–5 % and goes back to the block's repetitions.
// The next block has fewer repetitions, so its weights are chosen afresh
// by effort, not by a percentage: 2.5–5 % on 10-repetition weights for 6
// repetitions leaves sets at RPE 5–6. The cutback week is a deload: every
// heavy day kept, the block's first repetitions, one set fewer of every
// exercise, one more repetition in reserve (RPE 7) at about last week's
// weights: volume cut, intensity kept, as strength tapers and deloads do
// (Bosquet et al. 2007; Pritchard et al. 2015; Helms et al. 2018).
// Lighter (RPE 6, or a heavy day fewer), the block's second week at RPE 8
// would come back more than 30 % above it and the week before
// (load.RampFlag): this one returns in two steps, the block's first week
// at RPE 7, then the second. Where a deep cutback (CutbackDepth under
// about 0.75) still leaves that week over, its easy minutes and then sets
// give way for that week only, made up the week after (trainingTarget).
// Where minutes cannot hold every set planned, sets are left out until
// the session fits, the accessories' first, and the text
// says so (see Structure.Cut). Its hard minutes are the working sets,
// about a quarter of the session: the rest between sets and the warm-up
// sets are easy.
func (p *planner) heavy(b bool, minutes int, c weekCtx, hardMax int) Workout {
	s, rpe := p.heavyPlan(b, c)
	for s.Cut < maxCut(s) && heavyMinutes(s) > minutes {
		s.Cut++
	}
	m := heavyMinutes(s)
	return written(Workout{Sport: training.SportStrength, Kind: training.KindStrength, RPE: rpe, HardMinutes: max(1, min(m/4, hardMax)), Structure: &s}, m)
}

// heavyPlan is heavy session A, or B with b, as the progression plans it
// for week c, and its RPE (see heavy).
func (p *planner) heavyPlan(b bool, c weekCtx) (training.Structure, float64) {
	n := c.spec.n - 1 // training weeks before this one
	block := n / p.every
	scheme := strengthBlocks[min(block, len(strengthBlocks)-1)]
	s := training.Structure{Sets: scheme.sets, Lifts: scheme.lifts, Full: true, Session: 1, Block: block + 1, Step: n%p.every + 1}
	if b {
		s.Session = 2
	}
	rpe := 8.0
	switch {
	case c.spec.kind == KindCutback:
		s.Sets, s.Step, rpe = s.Sets-1, 0, 7
	case s.Step == 1:
		rpe = 7
	case s.Step == 2:
		s.Lifts++
	}
	return s, rpe
}

// heavyLimit is how long heavy day d of week c may be: from its lifts at
// one set each to its lifts at every set planned.
func (p *planner) heavyLimit(d slot, c weekCtx) (lo, hi int) {
	s, _ := p.heavyPlan(d.variant == "B", c)
	hi = heavyMinutes(s)
	s.Cut = maxCut(s)
	return heavyMinutes(s), hi
}

// lift is one exercise of a full-body session: a main lift takes the
// session's sets, an accessory fewer (accessorySets); side is "leg" or
// "arm" for one done a side at a time, twice the work.
type lift struct {
	name string
	main bool
	side string
}

// fullBody are sessions A and B. Each trains the six patterns, three as
// main lifts and the other three as accessories, the other way round in
// the other session: A a squat, bench press and row, B a hinge, overhead
// press and pull-up. A hip thrust is not the hinge: it extends the hip
// with the hamstrings short, where the Romanian deadlift loads them long.
var fullBody = [2][]lift{
	{{"squat", true, ""}, {"bench press", true, ""}, {"row", true, ""},
		{"Romanian deadlift", false, ""}, {"overhead press", false, ""}, {"lat pulldown or pull-ups", false, ""}},
	{{"Romanian deadlift", true, ""}, {"overhead press", true, ""}, {"pull-ups or lat pulldown", true, ""},
		{"split squat", false, "leg"}, {"dumbbell bench press", false, ""}, {"one-arm dumbbell row", false, "arm"}},
}

// fullBodyLifts are the lifts of full-body session A, or B with Session 2.
func fullBodyLifts(s training.Structure) []lift {
	if s.Session == 2 {
		return fullBody[1]
	}
	return fullBody[0]
}

// The time a heavy session takes, in seconds: a warm-up (easy movement,
// then lighter sets), and each working set's repetitions, about 4 s each
// under control, and the rest after it, 2–3 min after a main lift's heavy
// set and 1–2 min after an accessory's (ACSM 2009).
const (
	liftWarmUp    = 10 * 60
	repSeconds    = 4
	mainRest      = 150
	accessoryRest = 90
)

// accessorySets is how many sets each accessory lift of a full-body
// session takes: at most 3, and one fewer in a deload like every other
// lift.
func accessorySets(s training.Structure) int {
	if s.Block > 0 && s.Step == 0 {
		return min(s.Sets+1, 3) - 1
	}
	return min(s.Sets, 3)
}

// liftSets are the sets of each of a full-body session's lifts
// (fullBodyLifts) once Cut sets are left out: each from the lift with the
// most sets left, accessories before main lifts, the last lift first; every
// lift keeps one set.
func liftSets(s training.Structure) []int {
	lifts := fullBodyLifts(s)
	sets := make([]int, len(lifts))
	for i, l := range lifts {
		sets[i] = accessorySets(s)
		if l.main {
			sets[i] = s.Sets
		}
	}
	for range s.Cut {
		k := -1
		for i := len(lifts) - 1; i >= 0; i-- {
			switch {
			case sets[i] <= 1:
			case k < 0, lifts[k].main && !lifts[i].main, lifts[k].main == lifts[i].main && sets[i] > sets[k]:
				k = i
			}
		}
		if k < 0 {
			break
		}
		sets[k]--
	}
	return sets
}

// maxCut is the most sets a full-body session can leave out: all but one
// of each lift's.
func maxCut(s training.Structure) int {
	s.Cut = 0
	n := 0
	for _, x := range liftSets(s) {
		n += x - 1
	}
	return n
}

// heavyMinutes is how long a full-body session takes, in whole 5 minutes
// rounded up: warm-up, then every set's work and rest. More sets or
// repetitions never take less time.
func heavyMinutes(s training.Structure) int {
	sec := liftWarmUp
	sets := liftSets(s)
	for i, l := range fullBodyLifts(s) {
		rest, work := accessoryRest, repSeconds*s.Lifts
		if l.main {
			rest = mainRest
		}
		if l.side != "" {
			work *= 2
		}
		sec += sets[i] * (work + rest)
	}
	return (sec + 299) / 300 * 5
}
