package plan

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Intensity levels, on Coggan's scale as Workout.Zone uses it.
const (
	zRecovery  = 1
	zEndurance = 2
	zTempo     = 3
	zThreshold = 4
	zVO2       = 5
)

// cues holds a plan's cues by level once worked out: they depend only on
// the athlete's thresholds and units, and a plan's workouts use the same
// few hundreds of times.
type cues [zVO2 + 1]string

// memo returns c's cue for level, working it out with f the first time.
// Levels outside 1–5 are worked out every time.
func (c *cues) memo(level int, f func(int) string) string {
	if level < zRecovery || level > zVO2 {
		return f(level)
	}
	if c[level] == "" {
		c[level] = f(level)
	}
	return c[level]
}

// runCue is the target of a run at level: a pace range from the threshold
// pace (within Friel's run-pace zones, as the athlete's zone page shows
// them), else a heart-rate range, else "" (the text then goes by the
// workout's RPE).
func (p *planner) runCue(level int) string { return p.runCues.memo(level, p.newRunCue) }

func (p *planner) newRunCue(level int) string {
	if z := p.paceZones; z != nil {
		// z runs Z1 … Z5c; Low is the faster end.
		switch level {
		case zRecovery:
			return p.units.PaceZone(z[0].Low, z[0].High)
		case zEndurance:
			return p.units.PaceRange(max(z[1].Low, p.thresholdTimes(easyFastest)), z[1].High)
		case zTempo:
			return p.units.PaceRange(z[2].Low, z[2].High)
		case zThreshold:
			return p.units.PaceRange(p.thresholdTimes(thresholdBand[0]), p.thresholdTimes(thresholdBand[1]))
		default:
			return p.units.PaceRange(p.thresholdTimes(vo2Band[0]), p.thresholdTimes(vo2Band[1]))
		}
	}
	return p.hrCue(level)
}

// Running paces as multiples of threshold pace, narrower than Friel's zones
// where a zone's edge sits next to another pace the plan asks for.
//   - Easy running starts at 1.19 × threshold pace: the fast end of Daniels'
//     E pace across his VDOT tables (Daniels' Running Formula, 2014; VDOT
//     40–60), 10–20 % slower than marathon pace as Pfitzinger & Douglas
//     (2009) run their long runs. Friel's Z2 starts at 1.14, only about 5 %
//     off marathon pace: easy runs there turn into steady ones.
//   - Threshold work runs at 0.99–1.015 × threshold pace, Daniels' T pace
//     give or take a few seconds a kilometre, hardly faster (running T
//     faster only adds fatigue, Daniels warns): the band of Friel's Z4 and
//     Z5a (0.97–1.05) takes in 10K and half-marathon pace, which the plan
//     sets apart as race-pace work.
//   - 5K effort runs at 0.92–0.945 × threshold pace, about 5K race pace
//     (Daniels' I pace); Friel's Z5b (0.90–0.96) spans 3K to 10K pace.
const easyFastest = 1.19

var (
	thresholdBand = [2]float64{0.99, 1.015}
	vo2Band       = [2]float64{0.92, 0.945}
)

// thresholdTimes is f × the athlete's threshold pace in whole seconds per km.
func (p *planner) thresholdTimes(f float64) float64 {
	return math.Round(f * float64(p.in.Athlete.ThresholdPace))
}

// bikeCue is the target of a ride at level: a power range from FTP
// (Coggan's levels), else heart rate, else "".
func (p *planner) bikeCue(level int) string { return p.bikeCues.memo(level, p.newBikeCue) }

func (p *planner) newBikeCue(level int) string {
	if z := p.powerZones; z != nil {
		if level == zRecovery {
			return fmt.Sprintf("under %.0f W", z[1].Low)
		}
		return fmt.Sprintf("%.0f–%.0f W", z[level-1].Low, z[level-1].High)
	}
	return p.hrCue(level)
}

// sweetSpot is 88–94 % of FTP, the "sweet spot" between tempo and
// threshold, else the threshold heart rate, else "".
func (p *planner) sweetSpot() string {
	if ftp := p.in.Athlete.FTP; ftp > 0 {
		return fmt.Sprintf("%d–%d W", (88*ftp+50)/100, (94*ftp+50)/100)
	}
	return p.hrCue(zThreshold)
}

// hrCue is a heart-rate range for level (1–5): Friel's zones from
// threshold heart rate, else the five zones of maximum heart rate, else "".
func (p *planner) hrCue(level int) string { return p.hrCues.memo(level, p.newHRCue) }

func (p *planner) newHRCue(level int) string {
	level = clamp(level, zRecovery, zVO2)
	if z := p.lthrZones; z != nil {
		switch level {
		case zRecovery:
			return fmt.Sprintf("HR under %.0f bpm", z[1].Low)
		case zThreshold:
			return fmt.Sprintf("HR %.0f–%.0f bpm", z[3].Low, z[4].High) // Z4 and Z5a
		case zVO2:
			return fmt.Sprintf("HR %.0f–%.0f bpm", z[5].Low, z[5].High)
		}
		return fmt.Sprintf("HR %.0f–%.0f bpm", z[level-1].Low, z[level-1].High)
	}
	if z := p.maxHRZones; z != nil {
		switch level {
		case zRecovery:
			// The 50–60 % zone is too low to run in; the bottom half of
			// zone 2 is a recovery pace.
			return fmt.Sprintf("HR under %.0f bpm", (z[1].Low+z[1].High)/2)
		case zVO2:
			return fmt.Sprintf("HR over %.0f bpm", z[4].Low-1)
		}
		return fmt.Sprintf("HR %.0f–%.0f bpm", z[level-1].Low, z[level-1].High)
	}
	return ""
}

// racePaceCue is the estimated race pace over distanceM from the threshold
// pace, or without one the heart rate of level, or "".
func (p *planner) racePaceCue(distanceM, level int) string {
	t := p.in.Athlete.ThresholdPace
	switch {
	case t <= 0:
		return p.hrCue(level)
	case p.ev != nil && distanceM == p.ev.distanceM:
		// The event's, asked for by every race-pace session: once a plan.
		if p.raceCue == "" {
			p.raceCue = "about " + p.units.Pace(racePace(distanceM, float64(t)))
		}
		return p.raceCue
	}
	return "about " + p.units.Pace(racePace(distanceM, float64(t)))
}

// raceFactor is the event's race pace as a multiple of the threshold pace
// (of 1 s/km without one), worked out once a plan.
func (p *planner) raceFactor() float64 {
	if p.raceFactorOnce == 0 {
		t := float64(max(1, p.in.Athlete.ThresholdPace))
		p.raceFactorOnce = racePace(p.ev.distanceM, t) / t
	}
	return p.raceFactorOnce
}

// Run pace as a multiple of threshold pace, by level, for distances:
// the middle of the bands the cues give (Z1 taken at 135 %).
var paceFactor = map[int]float64{
	zRecovery:  1.35,
	zEndurance: 1.24, // the middle of the easy band above
	zTempo:     1.095,
	zThreshold: 1.0,
	zVO2:       0.935,
}

// segment is part of a run: minutes at a level, or at an explicit pace
// factor when factor is set (race pace).
type segment struct {
	minutes int
	level   int
	factor  float64
}

// runDistance is the distance of a run made of segs, to the nearest 100 m,
// or 0 without a threshold pace.
func (p *planner) runDistance(segs ...segment) int {
	t := float64(p.in.Athlete.ThresholdPace)
	if t == 0 {
		return 0
	}
	m := 0.0
	for _, s := range segs {
		f := s.factor
		if f == 0 {
			f = paceFactor[s.level]
		}
		m += float64(s.minutes) * 60 / (t * f) * 1000
	}
	return 100 * int(m/100+0.5)
}

// duration writes minutes as "45 min", "1 h 30 min" or "2 h", exactly as
// units.Duration writes 60 × minutes seconds (a test holds the two
// together). A plan writes hundreds of these, so it joins the numbers
// itself rather than going through fmt.
func duration(minutes int) string {
	var buf [24]byte
	return string(appendDuration(buf[:0], minutes))
}

// writeDuration writes duration(minutes) to b without making the string:
// workout texts write hundreds a plan.
func writeDuration(b *strings.Builder, minutes int) {
	var buf [24]byte
	b.Write(appendDuration(buf[:0], minutes))
}

// appendDuration appends duration(minutes) to a.
func appendDuration(a []byte, minutes int) []byte {
	h, m := minutes/60, minutes%60
	switch {
	case h == 0:
		return append(strconv.AppendInt(a, int64(m), 10), " min"...)
	case m == 0:
		return append(strconv.AppendInt(a, int64(h), 10), " h"...)
	}
	a = append(strconv.AppendInt(a, int64(h), 10), " h "...)
	return append(strconv.AppendInt(a, int64(m), 10), " min"...)
}
