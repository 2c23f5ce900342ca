package activity

import (
	"cmp"
	"math"
)

// Thresholds are an athlete's reference points for one sport; 0 is unknown.
type Thresholds struct {
	FTP         int // functional threshold power, watts
	ThresholdHR int // lactate-threshold heart rate, bpm
	MaxHR       int
	RestingHR   int
}

// How EstimateLoad arrived at its figure, for the page to say "estimated
// from heart rate".
const (
	MethodPower     = "power"
	MethodHeartRate = "heart rate"
	MethodNone      = "none"
)

// EstimateLoad estimates the session-RPE load of a workout whose athlete gave
// no RPE, on the same scale as a rated one, so that imported and logged
// workouts add up: Foster et al. (2001) define session load as the CR-10
// rating of the whole session times its minutes. The rating is estimated
// from the session's intensity factor (IF) and multiplied by the moving
// minutes (elapsed when there is no moving time):
//
//   - power (when t.FTP and the file's power are known): IF = NP / FTP
//     (average power when the file has no NP), Coggan's intensity factor,
//     the basis of TSS (Allen & Coggan, Training and Racing with a Power
//     Meter, 2010);
//   - else heart rate: the average heart rate as a fraction of threshold
//     heart rate, turned into the power IF of the same effort by the
//     boundaries of Coggan's training levels, which give each level in % of
//     FTP and in % of threshold heart rate (69 % LTHR ≙ IF 0.56, 84 % ≙ 0.76,
//     95 % ≙ 0.91, 106 % ≙ 1.06, linear between and beyond). Without a
//     threshold heart rate, it is estimated from max and resting heart rate
//     by Karvonen's heart-rate reserve (Karvonen et al. 1957) as
//     rest + 0.85 × (max − rest), or from max alone as 0.9 × max. Heart-rate
//     loads such as hrTSS and TRIMP (Banister 1991; Edwards 1993) rest on the
//     same idea: a session's strain is its time weighted by how far heart
//     rate rises towards threshold.
//
// The IF becomes a CR-10 rating (Borg 1982) by this table, linear between
// its rows, at least 0.5 and at most 10:
//
//	IF     0.50  0.65  0.75  0.85  0.95  1.05  1.15  1.25
//	RPE    1     2     3     4.5   6.5   8.5   9.5   10
//
// so that recovery (IF < 0.55) rates 1–2, endurance (0.56–0.75) 2–3, tempo
// (about 0.85) 4–5, threshold (about 0.95) 6–7, and above threshold (1.05
// and over) 8–9. With neither power and FTP nor heart rate and a reference
// heart rate, it returns 0, 0, MethodNone. Thresholds must be those of the
// workout's sport: a cycling FTP says nothing about running power. Heart
// rate understates strength work and short intervals, so a rated RPE is
// always better than this estimate.
func EstimateLoad(a Activity, t Thresholds) (load float64, rpe float64, method string) {
	intensity, method := intensityFactor(a, t)
	if method == MethodNone {
		return 0, 0, MethodNone
	}
	rpe = ifToRPE(intensity)
	minutes := a.Moving.Minutes()
	if minutes <= 0 {
		minutes = a.Elapsed.Minutes()
	}
	return math.Round(rpe*minutes*10) / 10, rpe, method
}

// Shares of max heart rate and of heart-rate reserve at which lactate
// threshold usually lies in endurance athletes, used only when the athlete's
// threshold heart rate is not known.
const (
	thresholdShareOfMax     = 0.90
	thresholdShareOfReserve = 0.85
)

func intensityFactor(a Activity, t Thresholds) (float64, string) {
	if p := cmp.Or(a.NormPower, a.AvgPower); t.FTP > 0 && p > 0 {
		return float64(p) / float64(t.FTP), MethodPower
	}
	if a.AvgHR <= 0 {
		return 0, MethodNone
	}
	threshold := float64(t.ThresholdHR)
	switch {
	case threshold > 0:
	case t.MaxHR > 0 && t.RestingHR > 0 && t.RestingHR < t.MaxHR:
		threshold = float64(t.RestingHR) + thresholdShareOfReserve*float64(t.MaxHR-t.RestingHR)
	case t.MaxHR > 0:
		threshold = thresholdShareOfMax * float64(t.MaxHR)
	default:
		return 0, MethodNone
	}
	return hrToIF(float64(a.AvgHR) / threshold), MethodHeartRate
}

// knot is one point of a piecewise-linear table.
type knot struct{ x, y float64 }

// hrIF maps heart rate as a fraction of threshold heart rate to the power IF
// of the same effort, from the boundaries of Coggan's training levels, which
// give each level in % of FTP and in % of threshold heart rate (Allen &
// Coggan 2010): endurance from 56 % FTP / 69 % LTHR, tempo from 76 % / 84 %,
// threshold from 91 % / 95 %, VO2max from 106 % / 106 %. Heart rate rises
// less than power, so the same fraction of threshold is an easier effort in
// heart rate than in power.
var hrIF = []knot{{0.69, 0.56}, {0.84, 0.76}, {0.95, 0.91}, {1.06, 1.06}}

func hrToIF(hrRatio float64) float64 { return interpolate(hrIF, hrRatio) }

// rpeIF is EstimateLoad's table from IF to CR-10. An hour at IF 1.0 is by
// definition a maximal one-hour effort (Coggan), which athletes rate hard to
// very hard (7–8); 10 is kept for all-out efforts.
var rpeIF = []knot{{0.50, 1}, {0.65, 2}, {0.75, 3}, {0.85, 4.5}, {0.95, 6.5}, {1.05, 8.5}, {1.15, 9.5}, {1.25, 10}}

func ifToRPE(intensity float64) float64 {
	// Whatever was recorded was more than "nothing at all" (0).
	return max(0.5, math.Round(interpolate(rpeIF, intensity)*10)/10)
}

// interpolate reads a piecewise-linear table, extending its end segments'
// slopes beyond the table and clamping the result to 0–10.
func interpolate(table []knot, x float64) float64 {
	i := 1
	for i < len(table)-1 && x > table[i].x {
		i++
	}
	a, b := table[i-1], table[i]
	y := a.y + (x-a.x)*(b.y-a.y)/(b.x-a.x)
	return max(0, min(10, y))
}
