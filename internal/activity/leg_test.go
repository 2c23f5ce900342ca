package activity

import (
	"math"
	"testing"
	"time"
)

var t0 = time.Date(2024, 5, 4, 6, 0, 0, 0, time.UTC)

// steady is n readings step apart, each made by f from its index.
func steady(n int, step time.Duration, f func(i int, p *point)) []point {
	pts := make([]point, n)
	for i := range pts {
		pts[i].t = t0.Add(time.Duration(i) * step)
		f(i, &pts[i])
	}
	return pts
}

func TestNormalizedPower(t *testing.T) {
	watts := func(w func(i int) int) func(int, *point) {
		return func(i int, p *point) { p.power, p.has = w(i), hasPower }
	}
	tests := []struct {
		name    string
		pts     []point
		avg, np int
	}{
		// Constant power: every 30 s mean is 200 W, so NP = (200⁴)^¼ = 200.
		{"constant 200 W for an hour", steady(3600, time.Second, watts(func(int) int { return 200 })), 200, 200},
		// The same at one reading every 5 s: each held for its 5 s.
		{"constant at 5 s recording", steady(720, 5*time.Second, watts(func(int) int { return 200 })), 200, 200},
		// 30 s at 400 W, 30 s at 0 W, 20 times: every window holds k s of
		// one and 30−k of the other. The rolling means run 400·(30−k)/30 and
		// back, so NP = (Σ mean⁴ / windows)^¼ with 1,171 windows — worked out
		// in rideNP's manner by alternatingNP below; well above the 200 W mean.
		{"alternating 400/0 W every 30 s", steady(1200, time.Second, watts(func(i int) int { return 400 * (1 - i/30%2) })), 200, int(math.Round(alternatingNP()))},
		// Under 30 s there is no full window.
		{"29 s", steady(29, time.Second, watts(func(int) int { return 300 })), 300, 0},
		{"no power", steady(100, time.Second, func(int, *point) {}), 0, 0},
		// A 20-minute gap is a pause: it adds one second, not twenty minutes.
		{"pause", append(steady(60, time.Second, watts(func(int) int { return 100 })),
			point{t: t0.Add(21 * time.Minute), power: 100, has: hasPower}), 100, 100},
	}
	for _, tt := range tests {
		avg, np := power(tt.pts)
		if avg != tt.avg || np != tt.np {
			t.Errorf("%s: avg %d, NP %d; want %d, %d", tt.name, avg, np, tt.avg, tt.np)
		}
	}
}

// alternatingNP works out by hand the NP of 30 s on, 30 s off at 400 W for
// 1,200 s: window ending at second i (29 ≤ i < 1200) covers i−29…i; its
// mean is 400 × (seconds on within it) / 30.
func alternatingNP() float64 {
	sum, n := 0.0, 0
	for end := 29; end < 1200; end++ {
		on := 0
		for s := end - 29; s <= end; s++ {
			if (s/30)%2 == 0 {
				on++
			}
		}
		m := 400 * float64(on) / 30
		sum += m * m * m * m
		n++
	}
	return math.Pow(sum/float64(n), 0.25)
}

func TestAscent(t *testing.T) {
	alt := func(f func(i int) float64) []point {
		return steady(1000, time.Second, func(i int, p *point) { p.alt, p.has = f(i), hasAlt })
	}
	tests := []struct {
		name string
		pts  []point
		want float64
	}{
		{"steady 50 m climb", alt(func(i int) float64 { return 100 + 50*float64(i)/999 }), 50},
		{"noise of ±1 m on the flat", alt(func(i int) float64 { return 100 + float64(i%3-1) }), 0},
		{"two 20 m hills", alt(func(i int) float64 { return 100 + 20*math.Abs(math.Sin(float64(i)*math.Pi/500)) }), 40},
		{"a 2 m step does not count", alt(func(i int) float64 { return 100 + 2*float64(i/500) }), 0},
		{"descent only", alt(func(i int) float64 { return 500 - float64(i)/10 }), 0},
	}
	for _, tt := range tests {
		if got := ascent(tt.pts); got != tt.want {
			t.Errorf("%s: %g m, want %g", tt.name, got, tt.want)
		}
	}
}

func TestStreamStepWidensForLongWorkouts(t *testing.T) {
	tests := []struct {
		length     time.Duration
		step       time.Duration
		maxSamples int
	}{
		{30 * time.Minute, 10 * time.Second, 181},
		{4*time.Hour + 9*time.Minute + 59*time.Second, 10 * time.Second, 1500},
		{4*time.Hour + 10*time.Minute, 20 * time.Second, 751},
		{6 * time.Hour, 20 * time.Second, 1081},
		{24 * time.Hour, 60 * time.Second, 1441},
	}
	for _, tt := range tests {
		n := int(tt.length/(5*time.Second)) + 1
		l := newLeg("GPX")
		l.points = steady(n, 5*time.Second, func(i int, p *point) { p.hr = 130 })
		a, err := l.build()
		if err != nil {
			t.Fatal(err)
		}
		if a.StreamStep != tt.step || len(a.Stream) != tt.maxSamples {
			t.Errorf("%v: step %v, %d samples; want %v, %d", tt.length, a.StreamStep, len(a.Stream), tt.step, tt.maxSamples)
		}
		if len(a.Stream) > maxSamples {
			t.Errorf("%v: %d samples", tt.length, len(a.Stream))
		}
	}
}

func TestStreamAltitudeCarriesOver(t *testing.T) {
	pts := steady(60, time.Second, func(i int, p *point) {
		p.hr = 100
		if i < 10 {
			p.alt, p.has = 250, hasAlt
		}
	})
	s, _ := stream(pts, t0, time.Minute)
	for _, x := range s {
		if x.AltitudeM != 250 {
			t.Errorf("%+v: altitude not carried over", x)
		}
	}
}

func TestMovingTime(t *testing.T) {
	// 10 min at 3 m/s, 5 min standing (GPS drift of 0.3 m/s), 10 min at 3 m/s.
	d := 0.0
	pts := steady(1501, time.Second, func(i int, p *point) {
		v := 3.0
		if i > 600 && i <= 900 {
			v = 0.3
		}
		if i > 0 {
			d += v
		}
		p.dist, p.has = d, hasDist
	})
	l := newLeg("GPX")
	l.points = pts
	a, err := l.build()
	if err != nil {
		t.Fatal(err)
	}
	if a.Moving != 20*time.Minute || a.Elapsed != 25*time.Minute {
		t.Errorf("moving %v of %v, want 20m0s of 25m0s", a.Moving, a.Elapsed)
	}
}

func TestTimeAboveHR(t *testing.T) {
	a := Activity{StreamStep: 10 * time.Second, Stream: []Sample{
		{Offset: 0, HR: 140}, {Offset: 10 * time.Second, HR: 150}, {Offset: 20 * time.Second, HR: 151},
		// a pause: the step before it counts for its 10 s, not the gap
		{Offset: 30 * time.Second, HR: 155}, {Offset: 5 * time.Minute, HR: 160},
		{Offset: 5*time.Minute + 10*time.Second, HR: 0}, // no reading
	}}
	if got := a.TimeAboveHR(150); got != 30*time.Second {
		t.Errorf("TimeAboveHR(150) = %v, want 30s", got)
	}
	if got := a.TimeAboveHR(200); got != 0 {
		t.Errorf("TimeAboveHR(200) = %v, want 0", got)
	}

	run := decode(t, "run.fit", fixture(t, "run.fit"))[0]
	// The run's heart rate passes 150 bpm at 23:15 (120 + 40·t/30 min ≥ 151)
	// and stays above it to the end at 30:00: 6 min 45 s, give or take a step.
	if got := run.TimeAboveHR(150); got < 6*time.Minute+30*time.Second || got > 7*time.Minute {
		t.Errorf("run: TimeAboveHR(150) = %v, want about 6m45s", got)
	}
}
