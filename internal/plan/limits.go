package plan

import "rebound/internal/training"

// bounds is how long a workout of role r may be in sport, before the week's
// volume and the day's room are taken into account, and its weight when the
// week's minutes are shared out (about its share of a typical week). key is
// the key session's number (0 = the long session); variant is the day's
// sport or kind where the sport offers a choice.
//
// The lower bounds keep every workout worth the trip: a quality session
// needs a warm-up, a main set and a cool-down; a long session shorter than
// 40 minutes (run) is just an easy one. Recovery workouts are short by
// definition; easy sessions top out where a long session would begin.
func bounds(sport Sport, r role, key int, variant string) limit {
	switch sport {
	case Bike:
		switch r {
		case roleKey:
			return pick(key, limit{0.50, 60, 300}, limit{0.20, 45, 120})
		case roleRecovery:
			return limit{0.12, 20, 60}
		case roleEasy:
			return limit{0.20, 30, 150}
		case roleShakeout:
			return limit{0.05, 20, 30}
		case roleTuneUp:
			return limit{0.20, 30, 60}
		}
	case Triathlon:
		switch {
		case r == roleKey && key == 0:
			return limit{0.40, 45, 330} // long ride
		case r == roleKey && key == 1:
			return limit{0.17, 40, 150} // long run
		case r == roleKey:
			return limit{0.15, 40, 100}
		case r == roleEasy && variant == training.SportBike:
			return limit{0.10, 30, 120} // the third ride, beside the long sessions
		case r == roleEasy && variant == training.SportRun:
			return limit{0.12, 20, 90} // an Ironman's 105 (see limit)
		case r == roleEasy:
			return limit{0.12, 20, 75}
		case r == roleRecovery:
			return limit{0.10, 20, 60}
		case r == roleShakeout:
			return limit{0.05, 15, 25}
		case r == roleTuneUp:
			return limit{0.20, 30, 50}
		}
	case Strength:
		switch {
		case r == roleKey:
			// Heavy full body: at one set a lift it fits in 30 minutes,
			// at every set it takes its lifts' time (see heavyLimit).
			return limit{w: 0.25, lo: 30}
		case r == roleEasy && variant == training.KindMobility:
			return limit{0.08, 15, 30}
		case r == roleEasy:
			return limit{0.12, 20, 45}
		case r == roleRecovery:
			return limit{0.10, 20, 30} // active recovery
		}
	default:
		switch r {
		case roleKey:
			return pick(key, limit{0.30, 40, 240}, limit{0.17, 30, 100})
		case roleRecovery:
			return limit{0.10, 15, 40}
		case roleEasy:
			return limit{0.15, 20, 75}
		case roleShakeout:
			return limit{0.05, 15, 20}
		case roleTuneUp:
			return limit{0.20, 25, 45}
		}
	}
	return limit{} // rest and race: no training minutes
}

// pick is the long session's limit for key 0, else the quality session's.
func pick(key int, long, quality limit) limit {
	if key == 0 {
		return long
	}
	return quality
}

// Long-session caps as a share of the week's training minutes, by phase
// (base and taper, build, peak; see longIndex), so the long session grows
// towards the race as a share as well as in minutes.
//
//   - Run: at most 30 % of the week's running, the design's rule.
//   - Bike: at most 40 % of the week's riding: a ride's lower impact lets it
//     take more of the week, and a cyclist's long ride is the backbone of
//     endurance.
//   - Triathlon, as shares of the whole week (about half of a triathlete's
//     week is riding and a third running): long ride ≤ 35 % (about 70 % of
//     the riding), long run ≤ 20 % (about 60 % of the running, which is
//     spread over fewer runs than a runner's).
var longShare = map[Sport][3]float64{
	Run:       {0.25, 0.28, 0.30},
	Bike:      {0.33, 0.37, 0.40},
	Triathlon: {0.30, 0.33, 0.35},
}

// triLongRunShare is the triathlon long run's cap, by phase.
var triLongRunShare = [3]float64{0.16, 0.18, 0.20}

// longIndex is ph's index into the by-phase caps: taper weeks shorten the
// long session back to its base-phase share, so the last long sessions
// before the race are shorter as well as the weeks.
func longIndex(ph Phase) int {
	switch ph {
	case PhaseBase, PhaseTaper:
		return 0
	case PhaseBuild:
		return 1
	}
	return 2
}

// Caps without an event (a rolling base block): long sessions long enough
// for endurance, short of race preparation. Base-phase quality sessions
// are soft, so they stay short whatever the event.
const (
	baseLongRun  = 150
	baseLongRide = 240
	baseQuality  = 70
)

// limit is day d's workout limit in a week of target training minutes: the
// static bounds, capped by the long-session shares and the event's caps, a
// run or ride's easy workout no longer than the long run's or long ride's
// cap in a week that has one (so the long session stays the longest), a run
// recovery workout never
// above 15 % of the week (at least 20 minutes), the very light day's 30
// minutes, and the day's room. After the race every workout is
// short: recovery up to 30 minutes, easy up to 40 (rides 60).
func (p *planner) limit(d slot, c weekCtx, target int) limit {
	l := bounds(p.sport, d.role, d.key, d.variant)
	if p.eventKind() == Ironman && d.role == roleEasy && d.variant == training.SportRun {
		// The running around an Ironman's long run (see triRuns).
		l.hi = 105
	}
	share := func(f float64) int { return floorMinutes(f * float64(target)) }
	ph := longIndex(c.spec.phase)
	if p.sport == Run && c.spec.phase == PhaseTaper {
		// The taper weeks are shorter already: the long run keeps its
		// peak share of them, as Pfitzinger & Douglas's (2009) 17 and 13
		// miles three and two weeks out do.
		ph = longIndex(PhasePeak)
	}
	if c.doubles && p.sport == Run && d.role == roleEasy && !c.post {
		// A big week's easy days: a medium-long run of up to 2 h
		// (Pfitzinger & Douglas 2009), about 16 % of the week.
		l.hi = min(120, max(l.hi, p.bigShare(0.16, target, c)))
	}
	switch {
	case c.post && d.role == roleRecovery && c.spec.kind == KindRecovery && c.spec.n > 1:
		l.hi = min(l.hi, p.recoveryCap())
	case c.post && d.role == roleRecovery:
		l.hi = min(l.hi, 30)
	case d.role == roleEasy && d.variant == swimLong:
		l = p.enduranceLimit(l, c, target)
	case c.post && d.role == roleEasy:
		l.lo, l.hi = 20, 40
		if p.sport == Bike || p.sport == Triathlon {
			l.lo, l.hi = 30, 60
		}
		if c.spec.kind == KindRecovery {
			l.hi += 25 * (c.spec.n - 1) // the reverse taper's later weeks: easy running comes back
		}
	case d.role == roleKey && d.key == 0 && p.sport != Strength:
		l.hi = min(l.hi, share(longShare[p.sport][ph]), p.longCap())
		if p.eventKind() == Ironman {
			l.w = 0.45 // its 4 h 30 or more (see events)
		}
		if p.sport == Triathlon && c.lastRide > 0 && c.spec.kind == KindBuild {
			l.hi = min(l.hi, c.lastRide+triLongGrowth[0])
		}
		if last := c.lastLong; last > 0 && p.sport == Run && c.spec.phase == PhaseTaper && (p.eventKind() == Marathon || p.eventKind() == Half) {
			// A marathon or half's taper long runs stay long: 75 % of
			// the last one two weeks out, 55 % in the taper's last week
			// (Pfitzinger & Douglas 2009: 16 and 12 miles after a
			// 20-miler), within 38 % of the week. The other days give the
			// minutes.
			f := taperLong[0]
			if c.spec.n == c.spec.of {
				f = taperLong[1]
			}
			want := min(d.room, 5*(floorMinutes(f*float64(last))/5), 5*(floorMinutes(0.38*float64(target))/5))
			l.lo, l.hi = max(l.lo, want), max(l.hi, want)
		}
		if last := c.lastLong; last > 0 && p.sport == Run && c.spec.phase != PhaseTaper {
			// The long run grows by at most 10 minutes a week, and a
			// cutback week's is at most 80 % of the last one (Pfitzinger
			// & Douglas 2009 step theirs up by a mile or two).
			if c.spec.kind == KindCutback {
				l.hi = min(l.hi, max(l.lo, 5*floorMinutes(0.8*float64(last)/5)))
			} else {
				l.hi = min(l.hi, last+10)
			}
		}
	case d.role == roleKey && d.key == 1 && p.sport == Triathlon:
		if p.eventKind() == Sprint && target >= 200 {
			// A sprint's 5 km takes a beginner about 35 minutes: a
			// 30-minute long run is already its distance, and a week of
			// 3 h 20 to 4 h keeps one (its share of such a week is under
			// 40 minutes). A shorter week keeps its two swims first (see
			// demote).
			l.lo = 30
		}
		l.hi = min(l.hi, share(triLongRunShare[ph]), p.longRunCap())
		if c.lastLong > 0 && c.spec.kind == KindBuild {
			l.hi = min(l.hi, c.lastLong+triLongGrowth[1])
		}
		if p.eventKind() == Ironman {
			l.w = 0.20 // its 2 h 15 or more (see triLongRunMax)
		}
	case d.role == roleKey && (p.sport == Run || p.sport == Bike) && c.spec.kind == KindCutback:
		l.hi = min(l.hi, p.qualityCap(), cutbackQuality)
	case d.role == roleKey && p.sport != Strength && c.spec.phase == PhaseBase:
		l.hi = min(l.hi, p.qualityCap(), baseQuality)
	case d.role == roleKey && p.sport != Strength:
		l.hi = min(l.hi, p.qualityCap())
	case d.role == roleEasy && c.long && (p.sport == Run || p.sport == Bike):
		l.hi = min(l.hi, max(l.lo, 5*(share(longShare[p.sport][ph])/5)))
	case d.role == roleEasy && c.longRun && d.variant == training.SportRun:
		l.hi = min(l.hi, max(l.lo, 5*(share(triLongRunShare[ph])/5)))
	case d.role == roleEasy && c.long && d.variant == training.SportBike:
		l.hi = min(l.hi, max(l.lo, 5*(share(longShare[Triathlon][ph])/5)))
	case d.role == roleRecovery && p.sport == Triathlon && d.variant == training.SportSwim:
		// A recovery swim only loosens up; the week's long swim is the
		// endurance swim.
		l.hi = min(l.hi, p.recoveryCap())
	case d.role == roleRecovery && p.sport == Run:
		l.hi = min(l.hi, p.recoveryCap(), max(20, 5*(share(0.15)/5)))
	}
	if d.light && d.role == roleRecovery {
		l.hi = min(l.hi, 30)
	}
	if d.role == roleEasy && d.variant == training.SportRun && p.beforeLongPair(d.date.Weekday()) {
		l.hi = max(l.lo, min(l.hi, beforePairRun))
	}
	if p.sport == Triathlon && d.role == roleKey && d.key == 2 && c.spec.kind == KindCutback {
		// Room for the cutback ride's two repetitions (see cutbackRide).
		l.lo = max(l.lo, min(l.hi, p.cutbackRideMinutes(c)))
	}
	if p.sport == Triathlon && d.role == roleKey && d.key == 2 && c.spec.kind == KindBuild && c.rides != nil && !d.bare {
		// Room for the rung the quality ride has reached (see rideLadders),
		// as far as the day keeps room for its threshold swim and the
		// ride a fifth of the week: a short week keeps its long run and
		// easy days before a longer set.
		l.lo = max(l.lo, min(l.hi, p.triRideMinutes(c), d.room-clamp(p.cssMinutes(p.cssMetres(c)), 30, 60), share(0.2)))
	}
	if p.sport == Triathlon && d.role == roleKey && d.key == 2 && c.spec.kind == KindTaper {
		// Room for the taper ride's set (see taperRide).
		l.lo = max(l.lo, min(l.hi, p.taperRideMinutes(c)))
	}
	if share := p.taperShare(d.idx) / p.taperWeekShare(c.w); share < 1 && c.spec.kind != KindRace && d.role == roleKey && d.key == 0 && (p.sport == Run || p.sport == Bike) {
		// The week's volume follows the taper's days on average; a long
		// session on a day deeper in the taper than that shrinks with it.
		l.hi = max(min(l.hi, l.lo), 5*(floorMinutes(share*float64(l.hi))/5))
	}
	if p.sport == Strength && d.role == roleKey {
		l.lo, l.hi = p.heavyLimit(d, c)
	}
	if x := p.secondLimit(d, c, target); x.hi > 0 {
		l.w, l.lo, l.hi = l.w+x.w, l.lo+x.lo, l.hi+x.hi
	}
	l.hi = min(l.hi, d.room)
	if c.doubles {
		l.hi += p.doubleCap(d, c, target)
	}
	return l
}

// bigShare is f of a big week in whole 5 minutes: of the week planned or
// the volume the athlete already runs, not of what the days hold so far
// (see allocate), or each pass, and each week, would shrink the doubles.
func (p *planner) bigShare(f float64, target int, c weekCtx) int {
	return 5 * (floorMinutes(f*float64(max(target, c.want, p.current))) / 5)
}

// triLongGrowth is how much a triathlete's long ride and long run may grow
// over the last ones (cutbacks aside), minutes: about 10 % of the long
// sessions an Ironman builds to, so the weekend does not jump when the
// week's volume does (the coach's review: +16 % in one week).
var triLongGrowth = [2]int{15, 10}

// taperLong is a runner's taper long run as a share of the last long run
// before the taper: in its earlier weeks, and in its last week.
var taperLong = [2]float64{0.75, 0.55}

// cutbackQuality is a cutback week's longest quality session: the one
// short session that keeps the intensity while the volume falls.
const cutbackQuality = 50

// recoveryCap is the longest recovery run: 30, 35 or 40 minutes by
// experience. A recovery run only has to move the legs (Pfitzinger &
// Douglas 2009 keep theirs to 4–6 miles); a longer one is an easy run.
func (p *planner) recoveryCap() int {
	return [3]int{30, 35, 40}[experienceIndex(p.exp)]
}

// doubleCap is the longest second run day d may hold in a week whose
// volume needs doubles: a run plan's easy and recovery days (not the very
// light day, nor the days after the race) take a second easy run of 40–60
// minutes (about 7 % of the week) or a second recovery run, as Pfitzinger
// & Douglas (2009) add above about 80–100 km a week, rather than one run
// too long to be easy.
func (p *planner) doubleCap(d slot, c weekCtx, target int) int {
	if !c.doubles || p.sport != Run || c.post || d.light || d.room < minWorkout {
		return 0
	}
	switch d.role {
	case roleEasy:
		return min(clamp(p.bigShare(0.07, target, c), 40, 60), d.room)
	case roleRecovery:
		if 2*p.recoveryCap() < minDoubleDay && c.spec.kind != KindRace {
			// Two short recovery runs are not worth the change of clothes;
			// in the race week of a runner used to doubles they keep the
			// sessions while the volume falls (see fillRaceWeek).
			return 0
		}
		return min(p.recoveryCap(), d.room)
	}
	return 0
}

// minDoubleDay is the shortest day split into two runs: a day of less is one
// run (the coach's review of the 3:30 marathon plan, after Pfitzinger &
// Douglas 2009, whose 55-mile plans have no doubles).
const minDoubleDay = 80

// longCap is the longest long session: the event's (a run event's by
// experience), or the base block's.
func (p *planner) longCap() int {
	switch {
	case p.ev != nil && p.sport == Run:
		m := p.ev.longRun[experienceIndex(p.exp)]
		if t := p.in.Athlete.ThresholdPace; t > 0 && p.ev.longKm > 0 {
			// The distance at the long run's easy pace, in whole 5 minutes.
			m = min(m, 5*floorMinutes(p.ev.longKm*float64(t)*paceFactor[zEndurance]/300))
		}
		return m
	case p.ev != nil:
		return p.ev.longCap
	case p.sport == Run:
		return baseLongRun
	}
	return baseLongRide
}

// longRunCap is the longest triathlon long run.
func (p *planner) longRunCap() int {
	if p.ev != nil {
		return p.ev.longRunCap
	}
	return baseLongRun * 3 / 5
}

// qualityCap is the longest quality session.
func (p *planner) qualityCap() int {
	if p.ev != nil {
		return p.ev.qualityCap
	}
	return baseQuality
}
