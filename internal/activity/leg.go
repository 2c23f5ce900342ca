package activity

import (
	"cmp"
	"math"
	"slices"
	"time"
)

// point is one reading of a file, in metres, seconds and watts. A field is
// meaningful only when its bit is set in has (heart rate: when above 0).
type point struct {
	t     time.Time
	hr    int
	power int
	speed float64 // m/s
	dist  float64 // m from the start of the file
	alt   float64 // m
	has   uint8
}

const (
	hasPower uint8 = 1 << iota
	hasSpeed
	hasDist
	hasAlt
)

// maxElapsed is longer than any single workout, multi-day ultras included; a
// longer span is a clock jump or several workouts in one file.
const maxElapsed = 14 * 24 * time.Hour

// maxPoints bounds the readings kept from one file: 500,000 is 139 hours at
// one a second, past any real workout, and about 35 MB.
const maxPoints = 500_000

var errTooManyPoints = refuse("This file has more than 500,000 readings, more than any workout Rebound reads.")

// leg is one sport of a file as a decoder found it: what the file states,
// with zero values (or a negative distance or ascent) where it states
// nothing, and its readings. build fills the gaps from the readings.
type leg struct {
	format          string // "FIT", "GPX" or "TCX", for the words of a refusal
	sport, subSport string
	start           time.Time // zero: the first reading's time
	elapsed         time.Duration
	moving          time.Duration // the device's timer time
	distanceM       float64       // < 0: unknown
	ascentM         float64       // < 0: unknown
	avgHR, maxHR    int
	avgPower, np    int
	laps            []Lap
	points          []point
}

func newLeg(format string) leg { return leg{format: format, distanceM: -1, ascentM: -1} }

// build turns a leg into an Activity, preferring the file's own totals and
// computing from the readings what the file leaves out.
func (l leg) build() (Activity, error) {
	pts := l.points
	if !slices.IsSortedFunc(pts, byTime) {
		slices.SortStableFunc(pts, byTime)
	}
	a, err := l.timing(pts)
	if err != nil {
		return Activity{}, err
	}
	deriveSpeed(pts)
	for _, p := range pts {
		a.HasHR = a.HasHR || p.hr > 0
		a.HasPower = a.HasPower || p.has&hasPower != 0
		a.HasSpeed = a.HasSpeed || p.has&hasSpeed != 0
		a.HasAltitude = a.HasAltitude || p.has&hasAlt != 0
	}
	a.totals(l, pts)
	a.Laps = l.laps
	for i := range a.Laps {
		a.Laps[i].fill(pts)
	}
	a.fillFromLaps()
	a.Stream, a.StreamStep = stream(pts, a.Start, a.Elapsed)
	return a, nil
}

// timing is the leg's sport, start and elapsed time, or why it has none.
func (l leg) timing(pts []point) (Activity, error) {
	a := Activity{Sport: l.sport, SubSport: l.subSport, Start: l.start.UTC(), Elapsed: l.elapsed}
	if a.Start.IsZero() {
		if len(pts) == 0 {
			return a, refuse("This %s file has no timestamps, so Rebound cannot tell when the workout happened.", l.format)
		}
		a.Start = pts[0].t.UTC()
	}
	if a.Elapsed <= 0 && len(pts) > 0 {
		a.Elapsed = pts[len(pts)-1].t.Sub(a.Start)
	}
	switch {
	case a.Elapsed <= 0 && len(pts) == 0:
		return a, refuse("This %s file holds no workout: it has no readings and lasts no time.", l.format)
	case a.Elapsed <= 0:
		return a, refuse("This %s file's readings all fall at the same moment, so the workout lasts no time.", l.format)
	case a.Elapsed > maxElapsed:
		return a, refuse("This %s file's readings span more than two weeks, which no single workout does.", l.format)
	}
	return a, nil
}

// totals takes the file's figures where it has them and the readings'
// otherwise.
func (a *Activity) totals(l leg, pts []point) {
	a.Moving = l.moving
	if a.Moving <= 0 {
		a.Moving = movingTime(pts, a.Elapsed)
	}
	a.Moving = min(a.Moving, a.Elapsed)
	a.DistanceM = l.distanceM
	if a.DistanceM < 0 {
		a.DistanceM = distance(pts)
	}
	a.AscentM = l.ascentM
	if a.AscentM < 0 {
		a.AscentM = ascent(pts)
	}
	avgHR, maxHR := heartRate(pts)
	a.AvgHR = cmp.Or(l.avgHR, avgHR)
	a.MaxHR = max(cmp.Or(l.maxHR, maxHR), a.AvgHR)
	avgPower, np := power(pts)
	a.AvgPower, a.NormPower = cmp.Or(l.avgPower, avgPower), cmp.Or(l.np, np)
}

func byTime(a, b point) int { return a.t.Compare(b.t) }

// deriveSpeed gives a reading without a speed of its own the speed over the
// interval since the previous reading with a distance.
func deriveSpeed(pts []point) {
	prev := -1
	for i := range pts {
		p := &pts[i]
		if p.has&hasDist == 0 {
			continue
		}
		if p.has&hasSpeed == 0 && prev >= 0 {
			if dt := p.t.Sub(pts[prev].t).Seconds(); dt > 0 {
				p.speed = max(0, p.dist-pts[prev].dist) / dt
				p.has |= hasSpeed
			}
		}
		prev = i
	}
}

// movingSpeed is the speed above which an interval counts as moving when the
// file has no timer: slower than a slow walk, faster than GPS drift while
// standing still.
const movingSpeed = 0.5 // m/s

// movingTime totals the intervals between readings whose closing reading has
// a speed above movingSpeed. A file without any speed was moving throughout,
// as far as anyone can tell.
func movingTime(pts []point, elapsed time.Duration) time.Duration {
	var moving time.Duration
	seen := false
	for i := 1; i < len(pts); i++ {
		if pts[i].has&hasSpeed == 0 {
			continue
		}
		seen = true
		if pts[i].speed > movingSpeed {
			moving += pts[i].t.Sub(pts[i-1].t)
		}
	}
	if !seen {
		return elapsed
	}
	return moving
}

// distance is the last distance reading minus the first.
func distance(pts []point) float64 {
	first, last := math.NaN(), math.NaN()
	for _, p := range pts {
		if p.has&hasDist == 0 {
			continue
		}
		if math.IsNaN(first) {
			first = p.dist
		}
		last = p.dist
	}
	if math.IsNaN(first) {
		return 0
	}
	return max(0, last-first)
}

// ascentHysteresis is how far altitude must rise from a low to count as a
// climb, and fall from a high to end one: it keeps barometer and GPS noise of
// a metre or two from adding up to hundreds of metres over an hour.
const ascentHysteresis = 3.0 // m

// ascent totals the climbs in the altitude readings: each climb counts from
// its lowest to its highest reading, and rises, or dips within a climb, of
// less than ascentHysteresis are ignored.
func ascent(pts []point) float64 {
	var total, low, high float64
	started, climbing := false, false
	for _, p := range pts {
		if p.has&hasAlt == 0 {
			continue
		}
		switch {
		case !started:
			low, started = p.alt, true
		case climbing && p.alt > high:
			high = p.alt
		case climbing && p.alt <= high-ascentHysteresis:
			total += high - low
			low, climbing = p.alt, false
		case !climbing && p.alt < low:
			low = p.alt
		case !climbing && p.alt >= low+ascentHysteresis:
			high, climbing = p.alt, true
		}
	}
	if climbing {
		total += high - low
	}
	return math.Round(total)
}

// maxHold is the longest a reading stands for the seconds after it: a longer
// gap is a pause or a drop-out, not a steady effort.
const maxHold = 10 * time.Second

// eachSecond calls f once for every second a channel's readings cover, each
// reading held until the next one (for at most maxHold), so that averages are
// over time whatever the recording interval.
func eachSecond(pts []point, ok func(p *point) bool, f func(p *point)) {
	prev := -1
	for i := range pts {
		if !ok(&pts[i]) {
			continue
		}
		if prev >= 0 {
			emitHeld(&pts[prev], pts[i].t.Sub(pts[prev].t), f)
		}
		prev = i
	}
	if prev >= 0 {
		f(&pts[prev])
	}
}

func emitHeld(p *point, gap time.Duration, f func(p *point)) {
	n := int(gap.Round(time.Second) / time.Second)
	if gap > maxHold {
		n = 1
	}
	for range n {
		f(p)
	}
}

// heartRate is the time-weighted mean and the maximum of the heart-rate
// readings.
func heartRate(pts []point) (avg, maxHR int) {
	var sum, n float64
	eachSecond(pts, func(p *point) bool { return p.hr > 0 }, func(p *point) {
		sum += float64(p.hr)
		n++
		maxHR = max(maxHR, p.hr)
	})
	if n == 0 {
		return 0, 0
	}
	return int(math.Round(sum / n)), maxHR
}

// npWindow is the rolling-average window of normalized power.
const npWindow = 30

// power is the mean power and the normalized power of the readings, over a
// series of one value a second (readings held, see eachSecond). Normalized
// power follows Coggan (Allen & Coggan, Training and Racing with a Power
// Meter, 2010): the 30 s rolling mean of power, raised to the 4th power,
// averaged, and its 4th root. Under 30 s of power gives no NP.
func power(pts []point) (avg, np int) {
	var (
		window     [npWindow]float64
		sum, total float64
		fourth     float64
		n, windows int
	)
	eachSecond(pts, func(p *point) bool { return p.has&hasPower != 0 }, func(p *point) {
		w := float64(p.power)
		total += w
		sum += w - window[n%npWindow]
		window[n%npWindow] = w
		n++
		if n >= npWindow {
			m := sum / npWindow
			fourth += m * m * m * m
			windows++
		}
	})
	if n == 0 {
		return 0, 0
	}
	avg = int(math.Round(total / float64(n)))
	if windows > 0 {
		np = int(math.Round(math.Pow(fourth/float64(windows), 0.25)))
	}
	return avg, np
}

// fill computes a lap's missing heart rate and power from the readings
// within it.
func (lap *Lap) fill(pts []point) {
	if lap.AvgHR > 0 && lap.AvgPower > 0 {
		return
	}
	end := lap.Start.Add(lap.Elapsed)
	lo, _ := slices.BinarySearchFunc(pts, lap.Start, func(p point, t time.Time) int { return p.t.Compare(t) })
	hi, _ := slices.BinarySearchFunc(pts, end, func(p point, t time.Time) int { return p.t.Compare(t) })
	in := pts[lo:hi]
	if lap.AvgHR <= 0 {
		lap.AvgHR, lap.MaxHR = heartRate(in)
	}
	if lap.AvgPower <= 0 {
		lap.AvgPower, _ = power(in)
	}
}

// fillFromLaps takes heart rate, power and distance from the laps when the
// file had them only there (a TCX without trackpoints, say): time-weighted
// means, the highest maximum, the summed distance.
func (a *Activity) fillFromLaps() {
	var hrSum, hrTime, pSum, pTime, dist float64
	maxHR := 0
	for _, l := range a.Laps {
		s := l.Elapsed.Seconds()
		if l.AvgHR > 0 {
			hrSum += float64(l.AvgHR) * s
			hrTime += s
		}
		if l.AvgPower > 0 {
			pSum += float64(l.AvgPower) * s
			pTime += s
		}
		maxHR = max(maxHR, l.MaxHR)
		dist += l.DistanceM
	}
	if a.AvgHR == 0 && hrTime > 0 {
		a.AvgHR, a.MaxHR = int(math.Round(hrSum/hrTime)), max(maxHR, int(math.Round(hrSum/hrTime)))
	}
	if a.AvgPower == 0 && pTime > 0 {
		a.AvgPower = int(math.Round(pSum / pTime))
	}
	if a.DistanceM == 0 {
		a.DistanceM = dist
	}
}

// Stream resolution: 10 s a sample, widened in whole multiples of 10 s so that
// no workout has more than maxSamples.
const (
	sampleStep = 10 * time.Second
	maxSamples = 1500
)

// stream averages the readings into steps of sampleStep (or wider) from start.
func stream(pts []point, start time.Time, elapsed time.Duration) ([]Sample, time.Duration) {
	if len(pts) == 0 {
		return nil, sampleStep
	}
	span := max(elapsed, pts[len(pts)-1].t.Sub(start))
	// Steps 0…span/step make span/step + 1 samples.
	step := sampleStep * (span/(maxSamples*sampleStep) + 1)
	var (
		out     []Sample
		b       bucket
		lastAlt float64
		hasAlt  bool
	)
	flush := func() {
		if b.n == 0 {
			return
		}
		s := b.sample()
		if b.alts > 0 {
			lastAlt, hasAlt = s.AltitudeM, true
		} else if hasAlt {
			s.AltitudeM = lastAlt
		}
		out = append(out, s)
	}
	for i := range pts {
		off := max(0, pts[i].t.Sub(start))
		idx := off / step
		if b.n == 0 || idx != b.idx {
			flush()
			b = bucket{idx: idx, step: step}
		}
		b.add(&pts[i])
	}
	flush()
	return out, step
}

// bucket gathers the readings of one stream step.
type bucket struct {
	idx, step             time.Duration
	n                     int
	hr, hrs, pw, pws, sps int
	alt, speed            float64
	alts                  int
}

func (b *bucket) add(p *point) {
	b.n++
	if p.hr > 0 {
		b.hr += p.hr
		b.hrs++
	}
	if p.has&hasPower != 0 {
		b.pw += p.power
		b.pws++
	}
	if p.has&hasSpeed != 0 {
		b.speed += p.speed
		b.sps++
	}
	if p.has&hasAlt != 0 {
		b.alt += p.alt
		b.alts++
	}
}

func (b *bucket) sample() Sample {
	s := Sample{Offset: b.idx * b.step}
	if b.hrs > 0 {
		s.HR = int(math.Round(float64(b.hr) / float64(b.hrs)))
	}
	if b.pws > 0 {
		s.Power = int(math.Round(float64(b.pw) / float64(b.pws)))
	}
	if b.sps > 0 {
		s.SpeedMS = math.Round(b.speed/float64(b.sps)*100) / 100
	}
	if b.alts > 0 {
		s.AltitudeM = math.Round(b.alt/float64(b.alts)*10) / 10
	}
	return s
}

// TimeAboveHR is how long the workout's heart rate stayed above ceiling (in
// bpm), read from the Stream: every step whose mean heart rate is above the
// ceiling counts in full. Recovery work is meant to stay at or below the
// zone-2 ceiling, so this is how far a "recovery" session strayed.
func (a Activity) TimeAboveHR(ceiling int) time.Duration {
	step := a.StreamStep
	if step <= 0 {
		step = sampleStep
	}
	var total time.Duration
	for i, s := range a.Stream {
		if s.HR <= ceiling {
			continue
		}
		d := step
		if i+1 < len(a.Stream) {
			d = min(d, a.Stream[i+1].Offset-s.Offset)
		}
		total += d
	}
	return total
}
