package components

import (
	"math"
	"slices"
	"strconv"
)

// Trace is a server-rendered SVG line chart of one reading over the time
// of a workout — heart rate, pace, power — from a file's samples. Like
// TimeChart it prints, needs no JavaScript and reads as text: the caller
// writes Desc, the text alternative, with the workout's numbers.
type Trace struct {
	ID, Title, Desc string // ID unique on the page
	Unit            string // of the y axis: "bpm", "min/km", "W"
	Seconds         []int  // each sample's time from the start
	Values          []float64
	// Gap is the longest time between two samples the line joins; a
	// longer one (the watch was paused) breaks it. 0: 30 s.
	Gap int
	// Invert draws smaller values higher: a pace, faster up.
	Invert bool
	// Trim leaves out of the axis range the readings beyond the 2nd and
	// 98th percentiles (a pace at a standstill, a power spike); they are
	// drawn at the edge.
	Trim bool
	// Label writes a y tick; nil: the number.
	Label  func(float64) string
	Class  string // the line's, e.g. series-hr
	Height int    // of the viewBox; 160 when 0
}

// The trace's geometry, in viewBox units (the time chart's width, so the
// same text sizes fit).
const (
	traceHeight = 160
	traceTop    = 28
	traceBottom = 26
	maxSamples  = 20000 // a day at 5 s; more is not a chart
)

type traceLayout struct {
	ViewBox                string
	Left, Right, Top, Base string
	Middle, Center         string
	Frame, LabelX, TimeY   string
	Unit                   string
	YTicks, XTicks         []tick
	Line                   string
	Empty                  bool
}

// range of the drawn values: all finite ones, or the 2nd to the 98th
// percentile when trimmed.
func (c Trace) valueRange(n int) (lo, hi float64, ok bool) {
	vals := make([]float64, 0, n)
	for _, v := range c.Values[:n] {
		if v, good := finite(v); good {
			vals = append(vals, v)
		}
	}
	if len(vals) == 0 {
		return 0, 0, false
	}
	slices.Sort(vals)
	if c.Trim && len(vals) >= 20 {
		return vals[len(vals)*2/100], vals[(len(vals)*98)/100], true
	}
	return vals[0], vals[len(vals)-1], true
}

func (c Trace) layout() traceLayout {
	n := min(len(c.Seconds), len(c.Values), maxSamples)
	h := float64(traceHeight)
	if c.Height > 0 {
		h = float64(min(max(c.Height, 100), 600))
	}
	lo, hi, ok := c.valueRange(n)
	from, to := 0.0, 1.0
	var ticks []float64
	if ok {
		from, to, ticks = yAxis(lo, hi, false)
	}
	labels := tickLabels(ticks)
	if c.Label != nil {
		for i, t := range ticks {
			labels[i] = c.Label(t)
		}
	}
	left := labelMargin(labels)
	right := float64(timeWidth - timeRight)
	top, base := float64(traceTop), h-traceBottom
	end := 1
	if n > 0 {
		end = max(c.Seconds[n-1], 1)
	}
	x := func(s int) float64 { return left + (right-left)*float64(s)/float64(end) }
	y := func(v float64) float64 {
		f := (v - from) / (to - from)
		if c.Invert {
			f = 1 - f
		}
		return math.Max(top, math.Min(base, base-(base-top)*f))
	}
	l := traceLayout{
		ViewBox: "0 0 " + strconv.Itoa(timeWidth) + " " + num(h),
		Left:    num(left), Right: num(right), Top: num(top), Base: num(base),
		Middle: num((top + base) / 2), Center: num((left + right) / 2),
		Frame:  "M" + num(left) + " " + num(top) + "V" + num(base) + "H" + num(right),
		LabelX: num(left - 5), TimeY: num(base + 6), Unit: c.Unit, Empty: !ok,
	}
	for i, t := range ticks {
		l.YTicks = append(l.YTicks, tick{At: num(y(t)), Label: labels[i]})
	}
	if ok {
		step := timeStep(end)
		for s := step; s <= end; s += step { // none at 0: the y axis's lowest label is there
			l.XTicks = append(l.XTicks, tick{At: num(x(s)), Label: clock(s, end)})
		}
		l.Line = c.path(n, x, y)
	}
	return l
}

// timeSteps are the round steps of the time axis, in seconds.
var timeSteps = []int{60, 120, 300, 600, 900, 1200, 1800, 3600, 7200, 10800, 21600}

// timeStep is the smallest round step giving at most six ticks.
func timeStep(end int) int {
	for _, s := range timeSteps {
		if end/s <= 5 {
			return s
		}
	}
	return timeSteps[len(timeSteps)-1] * (end/(5*timeSteps[len(timeSteps)-1]) + 1)
}

// clock writes a time from the start: "25 min" in a workout under an
// hour, "1:30" (h:mm) in a longer one.
func clock(s, end int) string {
	m := s / 60
	if end < 3600 {
		return strconv.Itoa(m) + " min"
	}
	mm := strconv.Itoa(m % 60)
	if len(mm) == 1 {
		mm = "0" + mm
	}
	return strconv.Itoa(m/60) + ":" + mm
}

// path is the line: a subpath per run of samples without a gap in time or
// in readings.
func (c Trace) path(n int, x func(int) float64, y func(float64) float64) string {
	gap := c.Gap
	if gap <= 0 {
		gap = 30
	}
	b := make([]byte, 0, 14*n)
	run, last := 0, 0
	for i := range n {
		v, good := finite(c.Values[i])
		if !good || (run > 0 && c.Seconds[i]-last > gap) {
			if run == 1 {
				b = append(b, "h0"...)
			}
			run = 0
			if !good {
				continue
			}
		}
		if run == 0 {
			b = append(b, 'M')
		} else {
			b = append(b, 'L')
		}
		b = append(appendNum(b, x(c.Seconds[i])), ' ')
		b = appendNum(b, y(v))
		run++
		last = c.Seconds[i]
	}
	if run == 1 {
		b = append(b, "h0"...)
	}
	return string(b)
}
