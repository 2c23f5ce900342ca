package plan

import (
	"math"

	"rebound/internal/load"
)

// peakTarget is the peak week the event asks for at the athlete's
// experience: the event's usual peak, and for a run at least the week that
// carries the event's long run within the 30 % rule (see events).
func (p *planner) peakTarget() int {
	want := p.ev.peak[experienceIndex(p.exp)]
	if long := p.ev.longRun[experienceIndex(p.exp)]; p.sport == Run && long > 0 {
		need := int(math.Ceil(float64(long) / longShare[Run][2]))
		want = max(want, need+(5-need%5)%5)
	}
	if p.sport == Triathlon {
		// The week that carries the race's long ride, its brick run
		// included, within its share of the peak week, and the long run
		// within its share of the running (see triLongRunMax), which
		// is about a third of a triathlete's week (28 % for an
		// Ironman, whose bike leg is longer).
		ride := float64(p.ev.minRide+p.brickMinutes(PhasePeak, p.ev.minRide)) / longShare[Triathlon][2]
		running := 1 / 3.0
		if p.eventKind() == Ironman {
			running = 0.28
		}
		need := int(math.Ceil(max(ride, float64(p.ev.minRun)/p.triLongRunMax()/running)))
		want = max(want, need+(5-need%5)%5)
	}
	return want
}

// reachable is the volume the full ramp reaches by the end of training
// week last (cutback weeks hold, the others grow by MaxRamp): how far the
// weeks to the race allow the plan to build, safely.
func (p *planner) reachable(train, last int) int {
	v := float64(p.current)
	for n := 2; n <= min(last, train); n++ {
		if p.trainingKind(n, train) == KindBuild {
			v *= 1 + p.ramp
		}
	}
	return floorMinutes(v)
}

// weekLoad is a week's load as the week view counts it: the session RPE
// times the minutes of each workout (Foster et al. 2001), the race
// included. The race week itself is never judged a ramp (the race is the
// point of the week), but the weeks after it are judged against it, as the
// week view does.
func weekLoad(ws []Workout) float64 {
	l := 0.0
	for _, w := range ws {
		l += w.RPE * float64(w.Minutes)
	}
	return l
}

// planLoads is the training load of each week of p, after two weeks before
// the plan at the current volume with week 1's mix of sessions: what
// load.RampFlag compares, week by week.
func planLoads(current int, weeks []Week) []float64 {
	if len(weeks) == 0 {
		return nil
	}
	first, minutes := weekLoad(weeks[0].Workouts), trainingMinutes(weeks[0])
	before := 0.0
	if minutes > 0 {
		before = first * float64(current) / float64(minutes)
	}
	loads := []float64{before, before}
	for _, w := range weeks {
		loads = append(loads, weekLoad(w.Workouts))
	}
	return loads
}

// rampFlagged reports whether a week of load after the loads before would
// raise the week view's load ramp flag (load.RampFlag: the one definition
// of a ramp too steep, Nielsen et al. 2014).
func rampFlagged(before []float64, l float64) bool {
	if len(before) < 2 {
		return false
	}
	_, flagged := load.RampFlag([]float64{before[len(before)-2], before[len(before)-1], l})
	return flagged
}

// clearOfRamp fills a week with fill(t) for the largest t ≤ target, in
// whole 5 minutes, whose load does not raise the week view's load ramp
// flag (rampFlagged) over the weeks before, and returns t and the week's
// workouts. The first week has only the current volume before it: it is
// never a ramp.
func (p *planner) clearOfRamp(days []slot, c weekCtx, st *progress, target int, fill func(int)) (int, []Workout) {
	flagged := func(t int) ([]Workout, bool) {
		fill(t)
		ws := p.workouts(days, c)
		return ws, c.w > 0 && rampFlagged(st.loads, weekLoad(ws))
	}
	ws, bad := flagged(target)
	if !bad {
		return target, ws
	}
	lo, hi := 0, target // lo clear (an empty week is), hi flagged
	for hi-lo > 5 {
		mid := (lo + hi) / 2
		mid -= mid % 5
		if mid <= lo {
			break
		}
		if _, bad := flagged(mid); bad {
			hi = mid
		} else {
			lo = mid
		}
	}
	ws, _ = flagged(lo)
	return lo, ws
}
