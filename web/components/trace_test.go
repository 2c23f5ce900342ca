package components

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// A trace is one titled line with its text alternative; a pause in the
// samples or a missing reading breaks it; a pace is drawn faster up.
func TestTraceChart(t *testing.T) {
	secs := []int{0, 10, 20, 30, 400, 410, 420, 430}
	vals := []float64{300, 300, 290, 280, 310, nan, 300, 300}
	svg := render(t, TraceChart(Trace{ID: "p", Title: "Pace", Desc: "Pace over 7 min: 5:00 /km on average.", Unit: "min/km",
		Seconds: secs, Values: vals, Invert: true, Label: func(v float64) string { return "x" }, Class: "series-pace"}))
	for _, want := range []string{`<title id="p-title">Pace</title>`, `<desc id="p-desc">Pace over 7 min: 5:00 /km on average.</desc>`,
		`aria-labelledby="p-title p-desc"`, `role="img"`, ">min/km<", ">6 min<"} {
		if !strings.Contains(svg, want) {
			t.Errorf("trace lacks %s:\n%s", want, svg)
		}
	}
	m := pathRe.FindStringSubmatch(svg)
	if m == nil {
		t.Fatalf("no line in %s", svg)
	}
	// Three runs: before the pause, the one sample before the gap (a dot),
	// and the two after it.
	if n := strings.Count(m[1], "M"); n != 3 || !strings.Contains(m[1], "h0") {
		t.Errorf("line %q: %d subpaths, want 3 with a dot", m[1], n)
	}
	// Inverted: 280 (faster) is drawn above 300.
	nums := numberRe.FindAllString(m[1], -1)
	if y300, y280 := nums[1], nums[7]; !(atof(y280) < atof(y300)) {
		t.Errorf("pace 280 at y %s, 300 at y %s: faster should be higher", y280, y300)
	}
	empty := render(t, TraceChart(Trace{ID: "e", Title: "Heart rate", Seconds: []int{0, 10}, Values: []float64{nan, math.Inf(1)}}))
	if !strings.Contains(empty, "No readings") || pathRe.MatchString(empty) {
		t.Errorf("a trace without readings: %s", empty)
	}
}

func TestTraceTimeAxis(t *testing.T) {
	for _, c := range []struct {
		end  int
		step int
		last string
	}{{1800, 600, "30 min"}, {2700, 600, "40 min"}, {5400, 1200, "1:20"}, {4 * 3600, 3600, "4:00"}, {30 * 3600, 21600, "30:00"}} {
		if got := timeStep(c.end); got != c.step {
			t.Errorf("timeStep(%d) = %d, want %d", c.end, got, c.step)
		}
		if got := clock(c.end/c.step*c.step, c.end); got != c.last {
			t.Errorf("last tick of %d s: %q, want %q", c.end, got, c.last)
		}
	}
}

func atof(s string) float64 {
	v, _ := strconv.ParseFloat(s, 64)
	return v
}
