package components

import (
	"bytes"
	"context"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/a-h/templ"
)

func render(t testing.TB, c templ.Component) string {
	t.Helper()
	var b bytes.Buffer
	if err := c.Render(context.Background(), &b); err != nil {
		t.Fatalf("render: %v", err)
	}
	return b.String()
}

var (
	day0       = time.Date(2025, time.November, 3, 0, 0, 0, 0, time.UTC) // a Monday
	nan        = math.NaN()
	numberRe   = regexp.MustCompile(`-?\d+(\.\d+)?`)
	yLabelRe   = regexp.MustCompile(`text-anchor="end" dominant-baseline="middle">([^<]*)</text>`)
	pathRe     = regexp.MustCompile(`<path class="line[^"]*" d="([^"]*)"`)
	frameRe    = regexp.MustCompile(`<path class="axis-line" d="M([\d.]+) ([\d.]+)V([\d.]+)H([\d.]+)"`)
	spanRe     = regexp.MustCompile(`<rect class="span [^"]*" x="([^"]*)" y="([^"]*)" width="([^"]*)" height="([^"]*)"`)
	exponentRe = regexp.MustCompile(`\d[eE][+-]?\d`)
	attrNumRe  = regexp.MustCompile(`\s(?:x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"]*)"`)
)

// ramp is n values from lo rising by step.
func ramp(n int, lo, step float64) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = lo + step*float64(i)
	}
	return v
}

func nans(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = nan
	}
	return v
}

// yTicks are the values on the y axis, in order from the bottom.
func yTicks(t *testing.T, out string) []float64 {
	t.Helper()
	var ticks []float64
	for _, m := range yLabelRe.FindAllStringSubmatch(out, -1) {
		s, mul := m[1], 1.0
		if k, ok := strings.CutSuffix(s, "k"); ok {
			s, mul = k, 1e3
		} else if k, ok := strings.CutSuffix(s, "M"); ok {
			s, mul = k, 1e6
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			t.Fatalf("tick label %q: %v", m[1], err)
		}
		ticks = append(ticks, v*mul)
	}
	return ticks
}

// round is whether step is 1, 2, 2.5 or 5 times a power of ten.
func round(step float64) bool {
	mag := math.Pow(10, math.Floor(math.Log10(step)))
	m := step / mag
	for _, want := range []float64{1, 2, 2.5, 5, 10} {
		if math.Abs(m-want) < 1e-6 {
			return true
		}
	}
	return false
}

// svgOf is the chart's SVG, without the legend's swatches.
func svgOf(out string) string {
	if i := strings.Index(out, "</svg>"); i >= 0 {
		return out[:i]
	}
	return out
}

// plot is the plot's edges, read from the axes' path.
func plot(t *testing.T, out string) (left, top, base, right float64) {
	t.Helper()
	m := frameRe.FindStringSubmatch(out)
	if m == nil {
		t.Fatalf("no axes in %s", out)
	}
	f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
	return f(m[1]), f(m[2]), f(m[3]), f(m[4])
}

// checkClean fails when the SVG holds a number that is not finite, or
// text that says NaN or Inf.
func checkClean(t testing.TB, out string) {
	t.Helper()
	for _, bad := range []string{"NaN", "Inf", "inf"} {
		if strings.Contains(out, bad) {
			t.Fatalf("output holds %q:\n%s", bad, out)
		}
	}
	if m := exponentRe.FindString(out); m != "" {
		t.Fatalf("output holds a number in exponent form, %q", m)
	}
	for _, m := range attrNumRe.FindAllStringSubmatch(out, -1) {
		v, err := strconv.ParseFloat(m[1], 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			t.Fatalf("attribute %s is not a finite number", m[0])
		}
	}
	for _, m := range regexp.MustCompile(` (?:d|viewBox)="([^"]*)"`).FindAllStringSubmatch(out, -1) {
		for _, n := range numberRe.FindAllString(m[1], -1) {
			if v, err := strconv.ParseFloat(n, 64); err != nil || math.IsInf(v, 0) {
				t.Fatalf("path number %q is not finite", n)
			}
		}
	}
}

func TestLineChart(t *testing.T) {
	tests := []struct {
		name  string
		chart TimeChart
		check func(t *testing.T, out string)
	}{
		{
			name: "title and text alternative",
			chart: TimeChart{ID: "hrv", Title: "HRV, last 28 days", Desc: "HRV rose from 52 to 61 ms.", Unit: "ms",
				Start: day0, Days: 28, Series: []Series{{Name: "HRV", Class: "series-hrv", Values: ramp(28, 52, 0.3)}}},
			check: func(t *testing.T, out string) {
				for _, want := range []string{
					`aria-labelledby="hrv-title hrv-desc"`, `role="img"`,
					`<title id="hrv-title">HRV, last 28 days</title>`,
					`<desc id="hrv-desc">HRV rose from 52 to 61 ms.</desc>`,
					`<figcaption class="chart-title">HRV, last 28 days</figcaption>`,
					`viewBox="0 0 600 200"`, ">ms</text>", ">3 Nov</text>", ">10 Nov</text>", ">24 Nov</text>",
					`class="line line-0 series-hrv"`, `<ul class="chart-legend">`, "> HRV</li>",
				} {
					if !strings.Contains(out, want) {
						t.Errorf("missing %s", want)
					}
				}
				if strings.Contains(out, "No data yet") {
					t.Error("says no data, with data")
				}
			},
		},
		{
			name: "a gap splits the line into two subpaths",
			chart: TimeChart{ID: "g", Title: "Gap", Start: day0, Days: 7,
				Series: []Series{{Name: "Score", Class: "series-score", Values: []float64{60, 62, nan, nan, 70, 71, 72}}}},
			check: func(t *testing.T, out string) {
				m := pathRe.FindStringSubmatch(svgOf(out))
				if m == nil {
					t.Fatal("no line")
				}
				if got := strings.Count(m[1], "M"); got != 2 {
					t.Errorf("line %q has %d subpaths, want 2", m[1], got)
				}
				if got := strings.Count(m[1], "L"); got != 3 {
					t.Errorf("line %q has %d segments, want 3", m[1], got)
				}
			},
		},
		{
			name: "a lone value is drawn as a dot",
			chart: TimeChart{ID: "lone", Title: "Lone", Start: day0, Days: 5,
				Series: []Series{{Name: "RHR", Class: "series-rhr", Values: []float64{nan, 50, nan, 52, 53}}}},
			check: func(t *testing.T, out string) {
				m := pathRe.FindStringSubmatch(svgOf(out))
				if m == nil || !strings.Contains(m[1], "h0M") {
					t.Errorf("lone value not drawn as a zero-length subpath: %v", m)
				}
			},
		},
		{
			name: "no data at all",
			chart: TimeChart{ID: "none", Title: "Readiness", Unit: "score", Start: day0, Days: 28,
				Series: []Series{{Name: "Score", Class: "series-score", Values: nans(28)}},
				Bands:  []Band{{Name: "Normal", Class: "band-normal", Lo: nans(28), Hi: nans(28)}}},
			check: func(t *testing.T, out string) {
				if !strings.Contains(out, ">No data yet</text>") {
					t.Error(`no "No data yet"`)
				}
				if !strings.Contains(out, `class="axis-line"`) || !strings.Contains(out, ">3 Nov</text>") {
					t.Error("no axes")
				}
				if pathRe.MatchString(svgOf(out)) || strings.Contains(svgOf(out), `class="band `) {
					t.Error("draws a line or band without data")
				}
			},
		},
		{
			name:  "nothing at all",
			chart: TimeChart{ID: "zero", Title: "Empty"},
			check: func(t *testing.T, out string) {
				if !strings.Contains(out, ">No data yet</text>") || !strings.Contains(out, `class="axis-line"`) {
					t.Error("empty chart lacks its axes or its message")
				}
				if strings.Contains(out, "chart-legend") {
					t.Error("legend with nothing in it")
				}
			},
		},
		{
			name: "auto scale is round and includes 0 when Zero",
			chart: TimeChart{ID: "tsb", Title: "Form", Start: day0, Days: 42, Zero: true,
				Series: []Series{{Name: "TSB", Class: "series-tsb", Values: ramp(42, -23.4, 0.9)}}},
			check: func(t *testing.T, out string) {
				ticks := yTicks(t, out)
				if len(ticks) < 3 || len(ticks) > 5 {
					t.Fatalf("ticks %v: want 3 to 5", ticks)
				}
				has0 := false
				for i, v := range ticks {
					has0 = has0 || v == 0
					if i > 0 && !round(ticks[i]-ticks[i-1]) {
						t.Errorf("ticks %v: step not round", ticks)
					}
				}
				if !has0 {
					t.Errorf("ticks %v lack 0", ticks)
				}
				if ticks[0] > -23.4 || ticks[len(ticks)-1] < 13.5 {
					t.Errorf("ticks %v do not cover -23.4..13.5", ticks)
				}
				if !strings.Contains(out, `class="zero-line"`) {
					t.Error("no 0 line")
				}
			},
		},
		{
			name: "auto scale without Zero stays near the data",
			chart: TimeChart{ID: "rhr", Title: "RHR", Start: day0, Days: 30,
				Series: []Series{{Name: "RHR", Class: "series-rhr", Values: ramp(30, 48, 0.2)}}},
			check: func(t *testing.T, out string) {
				ticks := yTicks(t, out)
				if len(ticks) < 3 || len(ticks) > 5 || ticks[0] == 0 || ticks[0] > 48 || ticks[len(ticks)-1] < 53.8 {
					t.Errorf("ticks %v", ticks)
				}
				if strings.Contains(out, "zero-line") {
					t.Error("0 line without Zero")
				}
			},
		},
		{
			name: "a flat line gets a range",
			chart: TimeChart{ID: "flat", Title: "Flat", Start: day0, Days: 10,
				Series: []Series{{Name: "RHR", Values: []float64{50, 50, 50}}}},
			check: func(t *testing.T, out string) {
				if ticks := yTicks(t, out); len(ticks) < 3 || ticks[0] >= 50 || ticks[len(ticks)-1] <= 50 {
					t.Errorf("ticks %v", ticks)
				}
			},
		},
		{
			name: "fixed range is kept, values beyond it held at the edge",
			chart: TimeChart{ID: "fixed", Title: "Score", Start: day0, Days: 5, YMin: 0, YMax: 100,
				Series: []Series{{Name: "Score", Values: []float64{150, 50, -20, 70, 80}}}},
			check: func(t *testing.T, out string) {
				ticks := yTicks(t, out)
				if want := []float64{0, 25, 50, 75, 100}; !equal(ticks, want) {
					t.Errorf("ticks %v, want %v", ticks, want)
				}
				_, top, base, _ := plot(t, out)
				d := pathRe.FindStringSubmatch(svgOf(out))[1]
				pts := numberRe.FindAllString(d, -1)
				if y, _ := strconv.ParseFloat(pts[1], 64); y != top {
					t.Errorf("150 drawn at y %v, want the top %v", y, top)
				}
				if y, _ := strconv.ParseFloat(pts[5], 64); y != base {
					t.Errorf("-20 drawn at y %v, want the base %v", y, base)
				}
			},
		},
		{
			name: "spans sit inside the plot",
			chart: TimeChart{ID: "spans", Title: "Load", Start: day0, Days: 90,
				Series: []Series{{Name: "CTL", Class: "series-ctl", Values: ramp(90, 30, 0.2)}},
				Spans: []Span{{From: 21, To: 27, Label: "Cutback", Class: "span-cutback"},
					{From: 76, To: 120, Label: "Taper", Class: "span-taper"},
					{From: -5, To: 0, Label: "Start", Class: "span-race"},
					{From: 200, To: 300, Label: "Beyond", Class: "span-race"}}},
			check: func(t *testing.T, out string) {
				left, top, base, right := plot(t, out)
				rects := spanRe.FindAllStringSubmatch(svgOf(out), -1)
				if len(rects) != 3 {
					t.Fatalf("%d spans drawn, want 3 (one lies beyond the chart)", len(rects))
				}
				for _, r := range rects {
					var v [4]float64
					for i := range v {
						v[i], _ = strconv.ParseFloat(r[i+1], 64)
					}
					x, y, w, h := v[0], v[1], v[2], v[3]
					if x < left-0.05 || x+w > right+0.15 || y != top || y+h > base+0.05 || w <= 0 {
						t.Errorf("span %v outside the plot %v..%v, %v..%v", r[0], left, right, top, base)
					}
				}
				for _, want := range []string{">Cutback</text>", ">Taper</text>", "> Cutback</li>", "> Taper</li>"} {
					if !strings.Contains(out, want) {
						t.Errorf("missing %s", want)
					}
				}
				if strings.Contains(out, "Beyond") {
					t.Error("a span beyond the chart is labelled")
				}
			},
		},
		{
			name: "days default to the longest series",
			chart: TimeChart{ID: "d", Title: "D", Start: day0,
				Series: []Series{{Name: "A", Values: ramp(14, 1, 1)}, {Name: "B", Values: ramp(3, 1, 1)}}},
			check: func(t *testing.T, out string) {
				if !strings.Contains(out, ">10 Nov</text>") || strings.Contains(out, "No data yet") {
					t.Error("Days not taken from the series")
				}
			},
		},
		{
			name: "dots carry their day and value",
			chart: TimeChart{ID: "dots", Title: "RHR", Unit: "bpm", Start: day0, Days: 7,
				Series: []Series{{Name: "Resting HR", Class: "series-rhr", Dots: true, Values: []float64{52, nan, 54.25}}}},
			check: func(t *testing.T, out string) {
				for _, want := range []string{"<title>Resting HR, Mon 3 Nov: 52 bpm</title>", "<title>Resting HR, Wed 5 Nov: 54.3 bpm</title>"} {
					if !strings.Contains(out, want) {
						t.Errorf("missing %s", want)
					}
				}
				if n := strings.Count(out, "<circle cx"); n != 2 {
					t.Errorf("%d dots, want 2", n)
				}
			},
		},
		{
			name: "long ranges are labelled by month",
			chart: TimeChart{ID: "year", Title: "Year", Start: day0, Days: 365,
				Series: []Series{{Name: "CTL", Values: ramp(365, 20, 0.1)}}},
			check: func(t *testing.T, out string) {
				for _, want := range []string{">Dec 2025</text>", ">Jan 2026</text>", ">Mar</text>"} {
					if !strings.Contains(out, want) {
						t.Errorf("missing %s", want)
					}
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := render(t, LineChart(tt.chart))
			checkClean(t, out)
			tt.check(t, out)
		})
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}

// TestLineChartSize: three months of three series and a band stay small.
func TestLineChartSize(t *testing.T) {
	wave := func(mid, amp, period float64) []float64 {
		v := make([]float64, 90)
		for i := range v {
			v[i] = mid + amp*math.Sin(float64(i)/period) + 0.37*float64(i%3)
		}
		return v
	}
	c := TimeChart{ID: "size", Title: "Fitness, fatigue and form, last 90 days",
		Desc: "Fitness rose from 40 to 52; fatigue peaked at 70 in week 3; form is -4 today.",
		Unit: "load", Start: day0, Days: 90, Zero: true,
		Series: []Series{{Name: "Fitness (CTL)", Class: "series-ctl", Values: wave(45, 6, 20)},
			{Name: "Fatigue (ATL)", Class: "series-atl", Values: wave(50, 20, 4)},
			{Name: "Form (TSB)", Class: "series-tsb", Values: wave(-5, 15, 5)}},
		Bands: []Band{{Name: "Normal range", Class: "band-normal", Lo: wave(30, 3, 9), Hi: wave(60, 3, 9)}},
		Spans: []Span{{From: 21, To: 27, Label: "Cutback", Class: "span-cutback"}, {From: 76, To: 89, Label: "Taper", Class: "span-taper"}},
	}
	out := render(t, LineChart(c))
	checkClean(t, out)
	t.Logf("90 days × 3 series + band + 2 spans: %d bytes", len(out))
	if len(out) > 20_000 {
		t.Errorf("%d bytes, want under 20 KB", len(out))
	}
	c.Series[2].Dots = true
	out = render(t, LineChart(c))
	t.Logf("the same with dots on one series: %d bytes", len(out))
	if len(out) > 30_000 {
		t.Errorf("%d bytes with dots, want under 30 KB", len(out))
	}
}

// oddValues are what a chart must survive.
var oddValues = []float64{nan, math.Inf(1), math.Inf(-1), 1e300, -1e300, math.MaxFloat64, -math.MaxFloat64,
	math.SmallestNonzeroFloat64, 0, math.Copysign(0, -1), 1e-12, 5e9, 42, -17.5, 99.99}

func randomValue(r *rand.Rand) float64 {
	if r.IntN(3) == 0 {
		return oddValues[r.IntN(len(oddValues))]
	}
	return (r.Float64() - 0.3) * math.Pow(10, float64(r.IntN(8)-2))
}

func randomValues(r *rand.Rand) []float64 {
	v := make([]float64, r.IntN(120))
	for i := range v {
		v[i] = randomValue(r)
	}
	return v
}

// checkChart renders c and fails on NaN or Inf in the output or a panic;
// with data and an automatic range, the ticks must be 3 to 5 round values.
func checkChart(t *testing.T, c TimeChart) {
	t.Helper()
	out := render(t, LineChart(c))
	checkClean(t, out)
	if !strings.Contains(out, `class="axis-line"`) {
		t.Fatalf("no axes: %+v", c)
	}
	if strings.Contains(out, "No data yet") {
		return
	}
	if _, _, fixed := c.fixedRange(); fixed {
		return
	}
	ticks := yTicks(t, out)
	if len(ticks) < 3 || len(ticks) > 5 {
		t.Fatalf("ticks %v for %+v", ticks, c)
	}
}

func TestLineChartRandom(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	days := []int{-3, 0, 1, 2, 7, 10, 11, 30, 90, 201, 400, 1 << 40}
	for range 400 {
		c := TimeChart{ID: "r", Title: "Random", Unit: "u", Start: day0.AddDate(0, 0, r.IntN(400)),
			Days: days[r.IntN(len(days))], Zero: r.IntN(2) == 0, Height: r.IntN(400) - 50}
		for range r.IntN(4) {
			c.Series = append(c.Series, Series{Name: "s", Values: randomValues(r), Dots: r.IntN(4) == 0})
		}
		if r.IntN(2) == 0 {
			c.Bands = append(c.Bands, Band{Name: "b", Lo: randomValues(r), Hi: randomValues(r)})
		}
		if r.IntN(2) == 0 {
			c.Spans = append(c.Spans, Span{From: r.IntN(200) - 50, To: r.IntN(200) - 50, Label: "x"})
		}
		if r.IntN(3) == 0 {
			c.YMin, c.YMax = randomValue(r), randomValue(r)
		}
		checkChart(t, c)
	}
}

// FuzzLineChart: any values, ranges and day counts render without NaN,
// Inf or a panic.
func FuzzLineChart(f *testing.F) {
	bits := func(vs ...float64) []byte {
		var b []byte
		for _, v := range vs {
			b = binary.LittleEndian.AppendUint64(b, math.Float64bits(v))
		}
		return b
	}
	f.Add(90, 0.0, 0.0, true, bits(1, 2, nan, 4), 3, 5, 0)
	f.Add(0, 0.0, 100.0, false, bits(math.Inf(1), -1e300, 7), -2, 1, 50)
	f.Add(1, math.NaN(), math.Inf(1), true, bits(nan), 0, 0, 10000)
	f.Add(1<<30, -1e308, 1e308, false, bits(math.MaxFloat64, -math.MaxFloat64, 0), 5, 1, -1)
	f.Fuzz(func(t *testing.T, days int, ymin, ymax float64, zero bool, data []byte, from, to, height int) {
		var vs []float64
		for len(data) >= 8 {
			vs = append(vs, math.Float64frombits(binary.LittleEndian.Uint64(data)))
			data = data[8:]
		}
		half := len(vs) / 2
		c := TimeChart{ID: "f", Title: "Fuzz", Start: day0, Days: days, YMin: ymin, YMax: ymax, Zero: zero, Height: height,
			Series: []Series{{Name: "a", Values: vs, Dots: true}, {Name: "b", Values: vs[half:]}},
			Bands:  []Band{{Name: "n", Lo: vs[:half], Hi: vs[half:]}},
			Spans:  []Span{{From: from, To: to, Label: "s"}}}
		checkChart(t, c)
		checkClean(t, render(t, Sparkline(Spark{Label: "s", Points: sparkPoints(vs)})))
		checkClean(t, render(t, VolumeChart(barsOf(vs))))
	})
}

func sparkPoints(vs []float64) []SparkPoint {
	lights := []string{"green", "amber", "red", ""}
	var ps []SparkPoint
	for i, v := range vs {
		ps = append(ps, SparkPoint{Value: v, Light: lights[i%4]})
	}
	return ps
}

func barsOf(vs []float64) BarChart {
	c := BarChart{ID: "v", Title: "Volume", Unit: "h"}
	for i := 0; i+1 < len(vs); i += 2 {
		c.Bars = append(c.Bars, Bar{Label: strconv.Itoa(i), Value: vs[i], Planned: vs[i+1], Class: "kind-taper"})
	}
	return c
}

func TestSparkline(t *testing.T) {
	s := Spark{Label: "Readiness, last 14 days: 82, 85, none, 61", Points: []SparkPoint{
		{82, "green"}, {85, "green"}, {nan, ""}, {61, "amber"}, {35, "red"}, {math.Inf(1), "red"}, {120, "green"}, {-5, "red"}}}
	out := render(t, Sparkline(s))
	checkClean(t, out)
	for _, want := range []string{`role="img"`, `aria-label="Readiness, last 14 days: 82, 85, none, 61"`,
		`viewBox="0 0 112 28"`, `class="spark-dot green"`, `class="spark-dot amber"`, `class="spark-dot red"`} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s", want)
		}
	}
	line := regexp.MustCompile(`class="spark-line" d="([^"]*)"`).FindStringSubmatch(out)
	if line == nil || strings.Count(line[1], "M") != 3 {
		t.Errorf("line %v: want three runs, split at the missing days", line)
	}
	for _, y := range regexp.MustCompile(`[ML][\d.]+ ([\d.]+)`).FindAllStringSubmatch(line[1], -1) {
		if v, _ := strconv.ParseFloat(y[1], 64); v < 4 || v > 24 {
			t.Errorf("point at y %v outside the 0–100 scale", v)
		}
	}
	if got := strings.Count(out, "h7.2l-3.6 6.2z"); got != 2 {
		t.Errorf("%d red triangles, want 2", got)
	}

	empty := render(t, Sparkline(Spark{Label: "No check-ins", Points: []SparkPoint{{nan, ""}, {nan, "red"}}}))
	checkClean(t, empty)
	if strings.Contains(empty, "spark-line") || strings.Contains(empty, "spark-dot") {
		t.Error("marks without values")
	}
}

func TestVolumeChart(t *testing.T) {
	c := BarChart{ID: "volume", Title: "Weekly volume", Desc: "Planned and done by week.", Unit: "h", Bars: []Bar{
		{Label: "1", Value: 4.5, Planned: 6, Class: "kind-build", Title: "Week 1: planned 6 h, done 4 h 30"},
		{Label: "2", Value: 3, Planned: 4, Class: "kind-cutback"},
		{Label: "3", Value: 7, Planned: 5, Class: "kind-build"},
		{Label: "4", Value: 0, Planned: 3, Class: "kind-taper"},
		{Label: "5", Value: nan, Planned: math.Inf(1), Class: "kind-race"},
	}}
	out := render(t, VolumeChart(c))
	checkClean(t, out)
	for _, want := range []string{`aria-labelledby="volume-title volume-desc"`, "<title>Week 1: planned 6 h, done 4 h 30</title>",
		`class="bar kind-build"`, `class="bar kind-cutback"`, `<pattern id="volume-hatch"`, `fill="url(#volume-hatch)"`,
		"> Planned</li>", "> Build week</li>", "> Cutback week</li>", "> Taper week</li>", "> Race week</li>"} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %s", want)
		}
	}
	if got := strings.Count(svgOf(out), `<rect class="planned" x`); got != 4 {
		t.Errorf("%d planned outlines, want 4", got)
	}
	if ticks := yTicks(t, out); len(ticks) < 3 || ticks[len(ticks)-1] < 7 {
		t.Errorf("ticks %v do not reach 7 h done", ticks)
	}

	// The plain chart, as the plan page draws it, has no plan and no legend.
	plain := render(t, Chart(BarChart{ID: "p", Title: "Weekly volume", Unit: "h", Bars: []Bar{{Label: "1", Value: 5, Class: "kind-build"}}}))
	checkClean(t, plain)
	if strings.Contains(plain, `class="planned"`) || strings.Contains(plain, "chart-legend") {
		t.Error("plain chart shows a plan or legend")
	}
	if !strings.Contains(plain, `class="bar kind-build"`) {
		t.Error("plain chart lost its bar")
	}
}
