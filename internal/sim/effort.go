package sim

import (
	"math"
	"math/rand/v2"

	"rebound/internal/training"
	"rebound/internal/zones"
)

// Body is what a simulated athlete's logs are drawn from: the thresholds
// their profile holds (0 unknown).
type Body struct {
	ThresholdHR, MaxHR int // bpm; heart rates need one of them
	ThresholdPace      int // s per km
	FTP                int // W
}

// BodyOf is what the athlete's profile says of their logs.
func BodyOf(p training.Profile) Body {
	return Body{ThresholdHR: p.ThresholdHR, MaxHR: p.MaxHR, ThresholdPace: p.ThresholdPace, FTP: p.FTP}
}

// Zone2 is the top of the athlete's zone 2 (zones.Zone2CeilingHR).
func (b Body) Zone2() int { return zones.Zone2CeilingHR(b.ThresholdHR, b.MaxHR) }

// Effort is how a done workout went, as drawn before a story or an
// episode bends it.
type Effort struct {
	Factor float64 // of the planned time (and distance): within a fifth
	RPE    float64 // near the target, within the kind's usual range
	AvgHR  int     // 0: no heart rate
}

// typicalRPE is a workout's usual session RPE when its plan has no target.
var typicalRPE = map[string]float64{"recovery": 2, "easy": 3, "long": 4, "tempo": 6, "intervals": 7, "race": 9,
	"strength": 6, "mobility": 2, "cross_training": 3}

// TargetRPE is the RPE the workout is meant to be done at: its plan's,
// else the usual one for its kind.
func TargetRPE(w training.Workout) float64 {
	if w.TargetRPE != 0 {
		return w.TargetRPE
	}
	return typicalRPE[w.Kind]
}

// Effort draws how done workout w went: the time within 7 % of the plan,
// the RPE near its target, and with monitor (the athlete wears one) a
// heart rate for runs and rides.
func (b Body) Effort(w training.Workout, monitor bool, r *rand.Rand) Effort {
	e := Effort{Factor: min(max(1+r.NormFloat64()*0.07, 0.8), 1.2)}
	rpe := math.Round(TargetRPE(w) + r.NormFloat64()*0.6)
	switch w.Kind {
	case "recovery", "mobility":
		e.RPE = min(max(rpe, 1), 3)
	case "easy", "cross_training":
		e.RPE = min(max(rpe, 2), 4)
	case "long":
		e.RPE = min(max(rpe, 3), 6)
	default:
		e.RPE = min(max(rpe, 3), 10)
	}
	if monitor && (w.Sport == "run" || w.Sport == "bike") {
		e.AvgHR = b.avgHR(w, r)
	}
	return e
}

// avgHR is a believable average heart rate for the workout.
func (b Body) avgHR(w training.Workout, r *rand.Rand) int {
	ceiling := b.Zone2()
	lt := float64(b.ThresholdHR)
	if lt == 0 {
		lt = 0.9 * float64(b.MaxHR)
	}
	noise := int(math.Round(r.NormFloat64() * 2))
	var hr int
	switch w.Kind {
	case "recovery":
		hr = min(ceiling-9+noise, ceiling-3)
	case "easy", "cross_training":
		hr = min(ceiling-5+noise, ceiling-1)
	case "long":
		hr = ceiling - 2 + noise
	case "tempo":
		hr = int(0.93*lt) + noise
	case "intervals":
		hr = int(0.90*lt) + noise
	case "race":
		hr = int(0.95*lt) + noise
	default:
		hr = ceiling - 8 + noise
	}
	if w.Sport == "bike" {
		hr -= 4
	}
	return hr
}

// TooHardHR is the heart rate of a recovery workout run too hard: above
// zone 2, as the dashboard's rule sees it.
func (b Body) TooHardHR(r *rand.Rand) int { return b.Zone2() + 5 + r.IntN(8) }

// Distance is how far the workout went in minutes, factor of its planned
// time: the planned distance scaled by factor, else from a usual pace or
// speed for the sport.
func (b Body) Distance(w training.Workout, minutes, factor float64, r *rand.Rand) int {
	if w.PlannedDistanceM > 0 {
		return Round10(float64(w.PlannedDistanceM) * factor * (1 + r.NormFloat64()*0.02))
	}
	seconds := minutes * 60
	switch w.Sport {
	case "run":
		pace := float64(b.ThresholdPace) // s per km
		if pace == 0 {
			pace = 360
		}
		slower := map[string]float64{"recovery": 1.35, "easy": 1.25, "long": 1.22, "tempo": 1.08, "intervals": 1.15, "race": 1.03}[w.Kind]
		if slower == 0 {
			slower = 1.3
		}
		pace *= slower
		return Round10(seconds / pace * 1000)
	case "bike":
		kmh := map[string]float64{"recovery": 24, "easy": 27, "long": 28, "tempo": 31, "intervals": 29, "race": 33}[w.Kind]
		if kmh == 0 {
			kmh = 26
		}
		if b.FTP > 0 {
			kmh *= math.Cbrt(float64(b.FTP) / 250) // speed grows with the cube root of power
		}
		return Round10(kmh * seconds / 3.6 * (1 + r.NormFloat64()*0.03))
	case "swim":
		return int(math.Round(seconds/125*100*0.8/50)) * 50 // about 2:05 per 100 m, with rests
	}
	return 0
}

// Round10 rounds metres to the ten, as a watch shows them.
func Round10(x float64) int { return int(math.Round(x/10)) * 10 }
