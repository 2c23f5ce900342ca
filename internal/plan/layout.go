package plan

import (
	"cmp"
	"time"

	"rebound/internal/training"
)

// role is what a day is for, before it becomes a workout of a sport.
type role int

const (
	roleRest     role = iota
	roleKey           // a key workout: key 0 is the long session, then the quality sessions
	roleRecovery      // the day after a key workout, or after the race
	roleEasy
	roleShakeout // the day before the race
	roleTuneUp   // the race week's short sharpening session
	roleRace
)

// slot is one day of a week while it is laid out.
type slot struct {
	date    time.Time
	idx     int // days since the plan's start
	room    int // minutes the day can hold; 0 = no training
	role    role
	key     int    // roleKey: which key session, in the order of planner.pattern
	variant string // the sport or kind of an easy or recovery day where the sport offers a choice
	light   bool   // roleRecovery: the week's very light day, 30 minutes at most, in place of a rest day
	minutes int
	double  int // a run's second session that day, minutes (see splitDoubles); 0 = none
	// Triathlon: the sport of a second session the same day ("" none), and
	// its share of minutes; single when the week's minutes cannot hold one.
	second        string
	secondMinutes int
	single        bool
	// bare: a triathlete's quality ride without the room its ladder's rung
	// asks (see limit), so the day keeps its threshold swim.
	bare bool
}

// weekCtx is what the workouts of one week share.
type weekCtx struct {
	w        int
	spec     weekSpec
	post     bool                   // while allocating: the days after the race
	long     bool                   // while allocating: the days hold a long session (key 0)
	longRun  bool                   // while allocating: a triathlon week holds its long run (key 1)
	prevKey  bool                   // the day before the week held a key workout
	prev     int                    // the week before's training minutes
	steps    *[raceSpecific + 1]int // by session, how many build and peak weeks (cutbacks aside) held one so far: its place in its progression (see runSession)
	rides    *[rideVO2 + 1]int      // a triathlete's quality rides, likewise, base weeks included (see rideLadders)
	blocks   *int                   // a triathlete's long rides with race-effort blocks so far (see raceBlocks)
	hold     int                    // taper weeks: 1, so each session keeps the peak's rung
	lastLong int                    // the last base, build or peak week's long run, cutbacks aside; 0: none yet
	lastRide int                    // likewise, a triathlete's long ride
	keyHard  *[zVO2 + 1]int         // taper weeks: by zone, the most hard minutes of a quality session (the long one aside) in the last build or peak week
	strides  bool                   // strides on the week's first easy run
	doubles  bool                   // while allocating: easy and recovery run days may hold a second run
	want     int                    // the week's planned minutes, before the days cut them (sizes doubles)
	swimTest bool                   // a triathlete's week whose threshold swim is the CSS test (see cssTestWeek)

	// The week before's workouts: a triathlete's cutback keeps part of its
	// quality session.
	last []Workout
}

// afterRace reports whether day idx comes after the race.
func (p *planner) afterRace(idx int) bool {
	return p.race >= 0 && idx > p.race
}

// trainingRoles assigns the roles of a base, build, peak or taper week with k
// key workouts: the first k key days (see keyDays), the day after each key
// workout a recovery day, the rest easy, then rest days (restDays). A key
// day is skipped when it falls on the first day and the day before (the
// last of the previous week) held a key workout — the key days avoid that,
// so only the race can cause it — or within two days before the race.
func (p *planner) trainingRoles(s []slot, k int, c weekCtx) {
	prevKey := c.prevKey
	for i := range s {
		s[i].role, s[i].light, s[i].single, s[i].bare = roleEasy, false, false, false
		if s[i].room == 0 {
			s[i].role = roleRest
		}
	}
	if p.sport == Strength {
		// Each muscle group twice a week (Schoenfeld et al. 2016): two
		// full-body days even in a deload week or on little volume, unless
		// the coach asked for one.
		k = max(k, min(2, len(p.pattern), cmp.Or(p.keys, 2)))
	}
	for j, wd := range p.pattern[:k] {
		i := (int(wd) - int(s[0].date.Weekday()) + 7) % 7
		pair := i == 0 && p.triPair(wd, j) // the long run after last week's long ride
		if s[i].role == roleRest || i == 0 && prevKey && !pair || p.nearRace(s[i].idx) {
			continue
		}
		s[i].role, s[i].key = roleKey, j
	}
	p.recoveryAfterKeys(s, prevKey)
	p.restDays(s)
	p.chooseVariants(s, c.strides)
}

// nearRace reports whether day idx is one of the two days before the race,
// when no key workout goes: the legs should be fresh.
func (p *planner) nearRace(idx int) bool {
	return p.race >= 0 && idx < p.race && idx >= p.race-2
}

// recoveryAfterKeys makes the easy day after every key workout a recovery
// day (the day after a key or long workout is recovery or rest).
func (p *planner) recoveryAfterKeys(s []slot, prevKey bool) {
	for i := range s {
		key := s[i].role == roleKey || s[i].role == roleTuneUp
		if key && i+1 < len(s) && s[i+1].role == roleEasy {
			s[i+1].role = roleRecovery
		}
	}
	if prevKey && s[0].role == roleEasy {
		s[0].role = roleRecovery
	}
}

// restDays makes sure the week has its rest days: two for beginners, one
// for everyone else (unavailable days count). Where one is needed it
// replaces, in this order, the recovery day after the long session, another
// recovery day (a rest day is as good after a key workout), the easy day
// before the long session (fresh for it), another easy day. An advanced
// athlete, who may train every day, gets a very light day instead where
// the first choice is a recovery day: 30 minutes at most, very easy.
func (p *planner) restDays(s []slot) {
	need := 1
	if p.exp == Beginner {
		need = 2
	}
	have := 0
	for _, d := range s {
		if d.role == roleRest {
			have++
		}
	}
	long := -1
	for i, d := range s {
		if d.role == roleKey && d.key == 0 {
			long = i
		}
	}
	order := make([]int, 0, 7)
	if long >= 0 && long+1 < len(s) && s[long+1].role == roleRecovery {
		order = append(order, long+1)
	}
	for i, d := range s {
		if d.role == roleRecovery && i != long+1 {
			order = append(order, i)
		}
	}
	if long > 0 && s[long-1].role == roleEasy {
		order = append(order, long-1)
	}
	for i, d := range s {
		if d.role == roleEasy && i != long-1 {
			order = append(order, i)
		}
	}
	if p.exp == Advanced && have == 0 && len(order) > 0 && s[order[0]].role == roleRecovery {
		s[order[0]].light = true
		return
	}
	for _, i := range order {
		if have >= need {
			break
		}
		s[i].role = roleRest
		have++
	}
}

// raceRoles assigns the roles of the race week: before the race, easy days
// with a tune-up session on the last key day at least three days out (and
// recovery after it), rest two days out and a shakeout the day before
// (two days out, and the tune-up a day earlier, when the day before is
// unavailable: two days without a run would leave the legs flat); the
// race; after it, postRole.
func (p *planner) raceRoles(s []slot, prevKey bool) {
	tuneUp := -3 // the latest day for the tune-up, from the race
	for i := range s {
		idx := s[i].idx
		switch {
		case idx == p.race:
			s[i].role = roleRace
		case idx > p.race:
			s[i].role = p.postRole(idx-p.race, s[i].room)
		case s[i].room == 0:
			s[i].role = roleRest
		case idx == p.race-1:
			s[i].role = roleShakeout
		case idx == p.race-2 && (p.room[s[i].date.Add(day).Weekday()] > 0 || i == 0 && prevKey):
			s[i].role = roleRest // fresh legs, then the shakeout
		case idx == p.race-2:
			s[i].role = roleShakeout // the day before cannot hold it
			tuneUp--
		default:
			s[i].role = roleEasy
		}
	}
	lo := p.limit(slot{role: roleTuneUp}, weekCtx{}, 0).lo
	for i := len(s) - 1; i >= 0; i-- {
		d := s[i]
		if d.idx > p.race+tuneUp || d.role != roleEasy || i == 0 && prevKey || d.room < lo || !p.isKeyDay(d.date.Weekday()) {
			continue
		}
		s[i].role = roleTuneUp
		break
	}
	p.recoveryAfterKeys(s, prevKey)
	p.chooseVariants(s, false)
}

// isKeyDay reports whether wd is one of the plan's key days.
func (p *planner) isKeyDay(wd time.Weekday) bool {
	for _, k := range p.pattern {
		if k == wd {
			return true
		}
	}
	return false
}

// postRole is the role of the day `after` days after the race. After an A
// race: rest, then recovery with a rest every third day through the first
// half of the recovery days (see recoveryDays), then easy days with a
// recovery day and a rest day each week. After a B or C race: rest,
// recovery, then easy and recovery with a rest every fourth day.
// Unavailable days rest.
func (p *planner) postRole(after, room int) role {
	if room == 0 || after == 1 {
		return roleRest
	}
	if p.priority == "A" {
		q := max(3, p.recoveryDays()/2)
		if after <= q {
			return []role{roleRecovery, roleRecovery, roleRest}[(after-2)%3]
		}
		return []role{roleEasy, roleEasy, roleRecovery, roleEasy, roleEasy, roleRest, roleRecovery}[(after-q-1)%7]
	}
	if after == 2 {
		return roleRecovery
	}
	return []role{roleEasy, roleRecovery, roleEasy, roleRest}[(after-3)%4]
}

// chooseVariants picks what the sport leaves open. Run: strides on the
// week's first easy run when strides is set. Triathlon: each day's sport
// and second session (triVariants). Strength: heavy days alternate full-body
// sessions A and B, easy days easy cardio and mobility.
func (p *planner) chooseVariants(s []slot, strides bool) {
	switch p.sport {
	case Run:
		for i := range s {
			s[i].variant = ""
			if s[i].role == roleEasy && strides {
				s[i].variant, strides = "strides", false
			}
		}
	case Triathlon:
		p.triVariants(s)
	case Strength:
		next := training.KindCrossTraining
		heavy := s[0].idx / 7 // A, B, A one week, B, A, B the next
		for i := range s {
			s[i].variant = ""
			if s[i].role == roleKey {
				s[i].variant = [2]string{"A", "B"}[heavy%2]
				heavy++
			}
			if s[i].role == roleEasy {
				s[i].variant = next
				if next == training.KindCrossTraining {
					next = training.KindMobility
				} else {
					next = training.KindCrossTraining
				}
			}
		}
	}
}

// limit is how long one day's workout may be, and its weight when the week's
// minutes are shared out.
type limit struct {
	w      float64
	lo, hi int
}

// allocate shares target minutes among the days in s (see fill), turning
// days into lighter roles where the minutes cannot hold them all: first
// surplus easy days rest (also, unless the roles are fixed as around a
// race, when there are more sessions than one per half hour of the week,
// or of the week before if that was bigger: a cutback or taper week keeps
// the frequency and shortens the sessions), then recovery days, then the
// last key sessions become easy. When the
// days cannot hold target (every workout at its longest), the week holds
// what fits, with the long session's cap worked out from that smaller
// total. post marks the days after the race.
func (p *planner) allocate(s []slot, target int, c weekCtx, post bool) {
	c.post = post
	most := max(2, max(target, c.prev)/30)
	if c.spec.kind == KindRace || c.spec.kind == KindRecovery {
		most = len(s)
	}
	var buf [7]limit // a week's days or fewer
	for {
		c.long, c.longRun = false, false
		for _, d := range s {
			c.long = c.long || d.role == roleKey && d.key == 0 && p.sport != Strength
			c.longRun = c.longRun || d.role == roleKey && d.key == 1 && p.sport == Triathlon
		}
		var lims []limit
		if len(s) <= len(buf) {
			lims = buf[:len(s)]
			clear(lims)
		} else {
			lims = make([]limit, len(s))
		}
		lo, sessions := 0, 0
		bad := -1
		for i, d := range s {
			if d.role == roleRest {
				continue
			}
			lims[i] = p.limit(d, c, target)
			if lims[i].hi < lims[i].lo && bad < 0 {
				bad = i
			}
			lo += lims[i].lo
			sessions++
			if d.second != "" {
				sessions++
			}
		}
		if bad >= 0 {
			if s[bad].second != "" {
				s[bad].second, s[bad].single = "", true
			} else {
				s[bad].role = lighter(s[bad].role)
			}
			p.unorphan(s, c)
			continue
		}
		if (lo > target || sessions > most || p.liftsShort(s, lims, target)) && p.demote(s, lims) {
			p.unorphan(s, c)
			continue
		}
		got := fill(target, lims, s)
		if got == target {
			p.splitSeconds(s, c, target)
			p.balanceRuns(s, c, target)
			return
		}
		// Whole 5 minutes where the days allow.
		target = got
		if got > 5 {
			target = got - got%5
		}
	}
}

// liftsShort reports whether a strength week's heavy days would lose sets
// to its easy or recovery days: target cannot hold every set planned
// beside their shortest. The lifting is the week's point: those days rest
// first.
func (p *planner) liftsShort(s []slot, lims []limit, target int) bool {
	if p.sport != Strength {
		return false
	}
	need, other := 0, false
	for i, d := range s {
		switch d.role {
		case roleRest:
		case roleKey:
			need += lims[i].hi
		default:
			need += lims[i].lo
			other = true
		}
	}
	return other && need > target
}

// splitSeconds shares the minutes of each day with a second session
// between its two sessions, in proportion to their weights and within
// their limits.
func (p *planner) splitSeconds(s []slot, c weekCtx, target int) {
	for i, d := range s {
		s[i].secondMinutes = 0
		if d.second == "" || d.role == roleRest {
			continue
		}
		second := p.secondLimit(d, c, target)
		d.second = ""
		main := p.limit(d, c, target)
		x := 5 * int(float64(s[i].minutes)*second.w/(second.w+main.w)/5)
		x = clamp(x, second.lo, second.hi)
		s[i].secondMinutes = clamp(x, s[i].minutes-main.hi, s[i].minutes-main.lo)
	}
}

// isSwim reports whether a day's variant or second session is a swim.
func isSwim(v string) bool { return v == training.SportSwim || v == swimLong }

// swimsLeft is how many swims a triathlete's week s holds: the easy and
// recovery days' swims and the second sessions that are swims.
func (p *planner) swimsLeft(s []slot) int {
	n := 0
	for _, d := range s {
		if (d.role == roleEasy || d.role == roleRecovery) && isSwim(d.variant) {
			n++
		}
		if isSwim(d.second) {
			n++
		}
	}
	return n
}

// lighter is the next lighter role: a key or tune-up session becomes easy,
// anything else rest.
func lighter(r role) role {
	switch r {
	case roleKey, roleTuneUp:
		return roleEasy
	}
	return roleRest
}

// demote makes one day lighter (see allocate): the last second session of
// an easy day goes, then of a recovery day, then of a key day; else the
// easy day that can hold least (then the one with
// most training around it, then the latest) rests, else the last recovery
// day or shakeout, else the last key session becomes easy. A triathlete's
// last two swims go last (see swimsLeft): an easy day rests, another
// sport's first, then the quality ride gives up its rung's room, before a
// key day's threshold swim goes. It reports false
// when nothing is left to demote.
func (p *planner) demote(s []slot, lims []limit) bool {
	kept := -1 // a key day's second session kept back: one of the last two swims
	for _, r := range []role{roleEasy, roleRecovery, roleKey} {
		for i := len(s) - 1; i >= 0; i-- {
			if s[i].second == "" || s[i].role != r {
				continue
			}
			if r == roleKey && p.swimsLeft(s) <= 2 && isSwim(s[i].second) {
				kept = i
				continue
			}
			s[i].second, s[i].single = "", true
			return true
		}
	}
	best := -1
	var bestScore [3]int
	for i, d := range s {
		if d.role != roleEasy {
			continue
		}
		around := 0
		for _, j := range []int{i - 1, i + 1} {
			if j >= 0 && j < len(s) && s[j].role != roleRest {
				around++
			}
		}
		last := 0 // -1 for one of the week's last two swims
		if p.sport == Triathlon && isSwim(d.variant) && p.swimsLeft(s) <= 2 {
			last = -1
		}
		if score := [3]int{last, -lims[i].hi, around}; best < 0 || score[0] > bestScore[0] ||
			score[0] == bestScore[0] && (score[1] > bestScore[1] || score[1] == bestScore[1] && score[2] >= bestScore[2]) {
			best, bestScore = i, score
		}
	}
	if kept >= 0 && (best < 0 || bestScore[0] < 0) {
		// A lower rung of the quality ride before its swim.
		if s[kept].key == 2 && !s[kept].bare {
			s[kept].bare = true
		} else {
			s[kept].second, s[kept].single = "", true
		}
		return true
	}
	if best < 0 {
		for i, d := range s {
			if d.role == roleRecovery || d.role == roleShakeout {
				best = i
			}
		}
	}
	if best < 0 {
		for i, d := range s {
			if d.role == roleTuneUp || d.role == roleKey && (best < 0 || s[best].role == roleKey && d.key > s[best].key) {
				best = i
			}
		}
	}
	if best < 0 {
		return false
	}
	s[best].role = lighter(s[best].role)
	return true
}

// unorphan turns a recovery day whose key workout was made lighter back
// into an easy day: the recovery was for the key workout; and an easy day
// after a key workout (a triathlete's long run made lighter, after the long
// ride) into a recovery day. The days after the race keep their roles. The
// sports and kinds of the days are chosen again for the new roles.
func (p *planner) unorphan(s []slot, c weekCtx) {
	defer p.chooseVariants(s, c.strides)
	if c.post {
		return
	}
	for i := range s {
		after := i == 0 && c.prevKey || i > 0 && (s[i-1].role == roleKey || s[i-1].role == roleTuneUp)
		switch {
		case s[i].role == roleRecovery && !s[i].light && !after:
			s[i].role = roleEasy
		case s[i].role == roleEasy && after:
			s[i].role = roleRecovery
		}
	}
}

// fill shares target minutes among the training days of s in proportion to
// their weights, each between its lo and hi ("water-filling": every
// workout gets weight × λ clamped to its limits, with λ chosen so the
// total is target). Workouts are whole 5 minutes, except that the last 1–4
// minutes of an odd target go to the longest workout with room, so the
// week's total is exact. When the days cannot hold target, each gets its hi.
// It sets each slot's minutes and returns the total.
func fill(target int, lims []limit, s []slot) int {
	idx := make([]int, 0, 7)
	sumHi := 0
	for i, d := range s {
		s[i].minutes = 0
		if d.role != roleRest {
			idx = append(idx, i)
			sumHi += lims[i].hi
		}
	}
	if sumHi <= target {
		for _, i := range idx {
			s[i].minutes = lims[i].hi
		}
		return sumHi
	}
	// The training days' limits as floats, in the order of idx: the
	// bisection below evaluates them thousands of times a plan.
	var spans [7]struct{ w, lo, hi float64 }
	fl := spans[:0]
	if len(idx) > len(spans) {
		fl = make([]struct{ w, lo, hi float64 }, 0, len(idx))
	}
	for _, i := range idx {
		fl = append(fl, struct{ w, lo, hi float64 }{lims[i].w, float64(lims[i].lo), float64(lims[i].hi)})
	}
	// The builtin min and max treat NaN and signed zeros as math.Min and
	// math.Max do, and compile inline.
	total := func(lam float64) float64 {
		t := 0.0
		for _, f := range fl {
			t += min(max(lam*f.w, f.lo), f.hi)
		}
		return t
	}
	lo, hi := 0.0, 1.0
	for total(hi) < float64(target) {
		hi *= 2
	}
	for range 60 {
		if mid := (lo + hi) / 2; total(mid) < float64(target) {
			lo = mid
		} else {
			hi = mid
		}
	}
	var wantBuf [7]float64 // a week's days or fewer
	var want []float64
	if len(s) <= len(wantBuf) {
		want = wantBuf[:len(s)]
	} else {
		want = make([]float64, len(s))
	}
	sum := 0
	for k, i := range idx {
		want[i] = min(max(hi*fl[k].w, fl[k].lo), fl[k].hi)
		s[i].minutes = max(lims[i].lo, 5*int(want[i]/5))
		sum += s[i].minutes
	}
	// Hand out what rounding left, 5 minutes at a time, to the workouts
	// rounding cut most; then any odd minutes to the longest with room.
	for sum < target {
		step := min(5, target-sum)
		best := -1
		for _, i := range idx {
			switch {
			case s[i].minutes+step > lims[i].hi:
			case best < 0:
				best = i
			case step == 5 && want[i]-float64(s[i].minutes) > want[best]-float64(s[best].minutes)+1e-9:
				best = i
			case step < 5 && s[i].minutes > s[best].minutes:
				best = i
			}
		}
		if best < 0 {
			// No workout takes a whole step: fill what room is left.
			for _, i := range idx {
				if add := min(lims[i].hi-s[i].minutes, target-sum); add > 0 {
					best, step = i, add
					break
				}
			}
			if best < 0 {
				break
			}
		}
		s[best].minutes += step
		sum += step
	}
	return sum
}
