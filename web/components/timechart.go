package components

import (
	"html"
	"math"
	"strconv"
	"time"
)

// TimeChart is a server-rendered SVG line chart over consecutive days: one
// value per day and series, with optional shaded bands (a normal range) and
// day spans (a cutback week, a taper). It prints, needs no JavaScript and
// reads as text: the caller writes Desc, the text alternative.
type TimeChart struct {
	ID, Title, Desc string // ID unique on the page; Desc is the text alternative
	Unit            string // of the y axis, e.g. "bpm", "score", "load"
	Start           time.Time
	Days            int // days on the x axis; when 0, the longest series
	Series          []Series
	Bands           []Band
	Spans           []Span
	YMin, YMax      float64 // a fixed axis range when YMax > YMin; else automatic
	Zero            bool    // the automatic range includes 0, and a 0 line is drawn
	Height          int     // of the viewBox; 200 when 0
}

// Series is one line: Values[i] is day i, NaN where there is no value (a gap
// in the line). Class styles it (series-score, series-hrv …); Dots marks each
// value with a point that has its own title, for sparse data.
type Series struct {
	Name, Class string
	Values      []float64
	Dots        bool
}

// Band is a shaded range under the lines, Lo[i] to Hi[i] on day i; NaN where
// there is no band that day.
type Band struct {
	Name, Class string
	Lo, Hi      []float64
}

// Span shades the days From to To (inclusive) and labels them.
type Span struct {
	From, To     int
	Label, Class string
}

// The time chart's geometry, in viewBox units. Its width is fixed and the
// SVG scales to its container; app.css sizes the text by the container's
// width, so the margins leave room for the largest text (on phones).
const (
	timeWidth     = 600
	timeHeight    = 200
	timeTop       = 32 // the unit above the axis
	timeBottom    = 28 // the dates
	timeRight     = 16
	maxDays       = 3660 // ten years; more is not a chart of days
	valueLimit    = 1e9  // larger values are drawn at this value
	labelHalfWide = 34   // half a date label ("30 Nov") at the largest text size
)

// timeLayout is everything the template draws, worked out and formatted.
type timeLayout struct {
	ViewBox                string
	Left, Right, Top, Base string // plot edges
	Middle, Center         string // of the plot, for "No data yet"
	PlotH, Frame           string // the plot's height; the axes' path
	LabelX, DateY, SpanY   string // where the values, dates and span labels go
	Unit                   string
	YTicks                 []tick
	XTicks                 []tick
	Zero                   string // the y of the 0 line, or ""
	Spans                  []spanBox
	Bands                  []shape
	Lines                  []shape
	Empty                  bool
	Legend                 []legendKey
}

type tick struct {
	At, Label string
	Minor     bool // hidden when the chart is narrow
}

type spanBox struct {
	X, W, LabelX, Label, Class string
}

type shape struct {
	D, Class string
	// Dots is the markup of the points, a circle with a title each: a
	// chart has hundreds, written here in one piece for a fraction of
	// what an expression each costs the template.
	Dots string
}

type legendKey struct {
	Kind, Class, Label string // Kind is line, band or span
	Dots               bool
}

// finite is v when it can be drawn, and false for NaN and infinities;
// huge values are held at ±valueLimit.
func finite(v float64) (float64, bool) {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return math.Max(-valueLimit, math.Min(valueLimit, v)), true
}

func (c TimeChart) days() int {
	d := c.Days
	if d <= 0 {
		for _, s := range c.Series {
			d = max(d, len(s.Values))
		}
	}
	return min(max(d, 0), maxDays)
}

func (c TimeChart) height() int {
	if c.Height <= 0 {
		return timeHeight
	}
	return min(max(c.Height, 120), 1000)
}

// fixedRange is the y axis range the caller fixed, if any.
func (c TimeChart) fixedRange() (lo, hi float64, ok bool) {
	lo, okLo := finite(c.YMin)
	hi, okHi := finite(c.YMax)
	return lo, hi, okLo && okHi && hi-lo >= 1e-6
}

// dataRange is the lowest and highest value drawn, and whether there is any.
func (c TimeChart) dataRange(days int) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	see := func(vs []float64) {
		for i, v := range vs {
			if i >= days {
				break
			}
			if v, good := finite(v); good {
				lo, hi, ok = math.Min(lo, v), math.Max(hi, v), true
			}
		}
	}
	for _, s := range c.Series {
		see(s.Values)
	}
	if !ok {
		return 0, 0, false
	}
	for _, b := range c.Bands {
		see(b.Lo)
		see(b.Hi)
	}
	return lo, hi, true
}

// niceSteps are the round steps, times a power of ten.
var niceSteps = []float64{1, 2, 2.5, 5}

// yAxis is the axis range and its ticks: automatic (round steps, 3 to 5
// ticks, covering the data) or fixed (round ticks inside lo..hi).
func yAxis(lo, hi float64, fixed bool) (from, to float64, ticks []float64) {
	span := hi - lo
	if !fixed && span < 1e-3*math.Max(1, math.Abs(hi)) {
		pad := math.Max(math.Abs(lo)*0.05, 1)
		lo, hi, span = lo-pad, hi+pad, 2*pad
	}
	mag := math.Pow(10, math.Floor(math.Log10(span/4)))
	for p := 0; p < 3; p++ {
		for _, m := range niceSteps {
			step := m * mag * math.Pow(10, float64(p))
			first, last := math.Floor(lo/step), math.Ceil(hi/step)
			if fixed {
				first, last = math.Ceil(lo/step-1e-9), math.Floor(hi/step+1e-9)
			}
			if last-first > 4 {
				continue
			}
			for k := first; k <= last; k++ {
				ticks = append(ticks, k*step)
			}
			if fixed {
				return lo, hi, ticks
			}
			return first * step, last * step, ticks
		}
	}
	return lo, hi, []float64{lo, hi}
}

// tickLabels formats the ticks alike, with the decimals the step needs and
// k or M for thousands and millions.
func tickLabels(ticks []float64) []string {
	top, step := 0.0, 0.0
	for i, t := range ticks {
		top = math.Max(top, math.Abs(t))
		if i > 0 {
			step = ticks[i] - ticks[i-1]
		}
	}
	div, suffix := 1.0, ""
	switch {
	case top >= 1e7:
		div, suffix = 1e6, "M"
	case top >= 1e4:
		div, suffix = 1e3, "k"
	}
	decimals := 0
	if step > 0 {
		for s := step / div; decimals < 4 && math.Abs(s-math.Round(s)) > 1e-6*math.Max(1, s); s *= 10 {
			decimals++
		}
	}
	out := make([]string, len(ticks))
	for i, t := range ticks {
		v := t / div
		if math.Abs(v) < 1e-9 {
			v = 0
		}
		out[i] = strconv.FormatFloat(v, 'f', decimals, 64) + suffix
	}
	return out
}

// layout works out the chart.
func (c TimeChart) layout() timeLayout {
	days := c.days()
	h := float64(c.height())
	lo, hi, ok := c.dataRange(days)
	ymin, ymax, fixed := c.fixedRange()
	if fixed {
		lo, hi = ymin, ymax
	}
	var from, to float64
	var ticks []float64
	switch {
	case fixed:
		from, to, ticks = yAxis(lo, hi, true)
	case ok:
		if c.Zero {
			lo, hi = math.Min(lo, 0), math.Max(hi, 0)
		}
		from, to, ticks = yAxis(lo, hi, false)
	default: // no data: the axes, and no numbers on them
		from, to = 0, 1
	}
	labels := tickLabels(ticks)
	left := labelMargin(labels)
	right := float64(timeWidth - timeRight)
	top, base := float64(timeTop), h-timeBottom
	plotW := right - left
	slot := plotW / float64(max(days, 1))
	x := func(i int) float64 { return left + slot*(float64(i)+0.5) }
	y := func(v float64) float64 {
		return math.Max(top, math.Min(base, base-(base-top)*(v-from)/(to-from)))
	}

	l := timeLayout{
		ViewBox: "0 0 " + strconv.Itoa(timeWidth) + " " + num(h),
		Left:    num(left), Right: num(right), Top: num(top), Base: num(base),
		Middle: num((top + base) / 2), Center: num((left + right) / 2),
		PlotH: num(base - top), Frame: "M" + num(left) + " " + num(top) + "V" + num(base) + "H" + num(right),
		LabelX: num(left - 5), DateY: num(base + 6), SpanY: num(top + 3),
		Unit:  c.Unit,
		Empty: !ok,
	}
	for i, t := range ticks {
		l.YTicks = append(l.YTicks, tick{At: num(y(t)), Label: labels[i]})
	}
	if c.Zero && from <= 0 && to >= 0 {
		l.Zero = num(y(0))
	}
	l.XTicks = c.dayTicks(days, x, slot, left)

	for _, s := range c.Spans {
		from, to := min(s.From, s.To), max(s.From, s.To)
		from, to = max(from, 0), min(to, days-1)
		if from > to {
			continue
		}
		x0 := left + slot*float64(from)
		l.Spans = append(l.Spans, spanBox{X: num(x0), W: num(slot * float64(to-from+1)),
			LabelX: num(x0 + 3), Label: s.Label, Class: s.Class})
		l.Legend = appendKey(l.Legend, legendKey{Kind: "span", Class: s.Class, Label: s.Label})
	}
	if ok {
		for _, b := range c.Bands {
			if d := bandPath(b, days, x, y, slot); d != "" {
				l.Bands = append(l.Bands, shape{D: d, Class: b.Class})
			}
			l.Legend = appendKey(l.Legend, legendKey{Kind: "band", Class: b.Class, Label: b.Name})
		}
	}
	for i, s := range c.Series {
		class := "line line-" + strconv.Itoa(i%4) + " " + s.Class
		line := shape{D: linePath(s.Values, days, x, y), Class: class}
		if s.Dots {
			line.Dots = c.dots(s, days, x, y)
		}
		if line.D != "" {
			l.Lines = append(l.Lines, line)
		}
		l.Legend = appendKey(l.Legend, legendKey{Kind: "line", Class: class, Label: s.Name, Dots: s.Dots})
	}
	return l
}

func appendKey(keys []legendKey, k legendKey) []legendKey {
	if k.Label == "" {
		return keys
	}
	for _, have := range keys {
		if have == k {
			return keys
		}
	}
	return append(keys, k)
}

// dots is the markup of a circle for each value of s, titled with the
// series, the day and the value ("Morning rMSSD, Mon 3 Nov: 52 ms"), text
// escaped as the template escapes it.
func (c TimeChart) dots(s Series, days int, x func(int) float64, y func(float64) float64) string {
	name, unit := html.EscapeString(s.Name), html.EscapeString(c.Unit)
	values := s.Values[:min(len(s.Values), days)]
	b := make([]byte, 0, len(values)*(64+len(name)+len(unit)))
	for d, v := range values {
		v, good := finite(v)
		if !good {
			continue
		}
		b = appendNum(append(b, `<circle cx="`...), x(d))
		b = appendNum(append(b, `" cy="`...), y(v))
		b = append(b, `" r="2.5"><title>`...)
		if name != "" {
			b = append(append(b, name...), ", "...)
		}
		b = append(c.Start.AddDate(0, 0, d).AppendFormat(b, "Mon 2 Jan"), ": "...)
		b = appendNum(b, v)
		if unit != "" {
			b = append(append(b, ' '), unit...)
		}
		b = append(b, "</title></circle>"...)
	}
	return string(b)
}

// linePath is one path for the values: a subpath per run of days with a
// value. A lone value is a zero-length subpath, which the round line cap
// draws as a dot.
func linePath(values []float64, days int, x func(int) float64, y func(float64) float64) string {
	values = values[:min(len(values), days)]
	b := make([]byte, 0, 12*len(values))
	run := 0
	for i, v := range values {
		v, good := finite(v)
		if !good {
			if run == 1 {
				b = append(b, "h0"...)
			}
			run = 0
			continue
		}
		if run == 0 {
			b = append(b, 'M')
		} else {
			b = append(b, 'L')
		}
		b = append(appendNum(b, x(i)), ' ')
		b = appendNum(b, y(v))
		run++
	}
	if run == 1 {
		b = append(b, "h0"...)
	}
	return string(b)
}

// bandPath is one path for the band: a closed shape per run of days with
// both ends; a lone day is a narrow box.
func bandPath(band Band, days int, x func(int) float64, y func(float64) float64, slot float64) string {
	type pt struct{ x, lo, hi float64 }
	b := make([]byte, 0, 24*days)
	run := make([]pt, 0, days)
	point := func(cmd byte, x, v float64) {
		b = append(appendNum(append(b, cmd), x), ' ')
		b = appendNum(b, y(v))
	}
	flush := func() {
		pts := run
		if len(run) == 1 {
			p, w := run[0], math.Min(slot/2, 3)
			pts = []pt{{p.x - w, p.lo, p.hi}, {p.x + w, p.lo, p.hi}}
		}
		for i, p := range pts {
			cmd := byte('L')
			if i == 0 {
				cmd = 'M'
			}
			point(cmd, p.x, p.hi)
		}
		for i := len(pts) - 1; i >= 0; i-- {
			point('L', pts[i].x, pts[i].lo)
		}
		if len(pts) > 0 {
			b = append(b, 'Z')
		}
		run = run[:0]
	}
	for i := 0; i < days && i < len(band.Lo) && i < len(band.Hi); i++ {
		lo, okLo := finite(band.Lo[i])
		hi, okHi := finite(band.Hi[i])
		if !okLo || !okHi {
			flush()
			continue
		}
		run = append(run, pt{x(i), math.Min(lo, hi), math.Max(lo, hi)})
	}
	flush()
	return string(b)
}

// dayTicks are the x axis ticks: every day for a short chart, Mondays for
// a few months, the first of each month beyond. Labels thin out so they do
// not touch; every other one is minor, hidden when the chart is narrow.
func (c TimeChart) dayTicks(days int, x func(int) float64, slot, left float64) []tick {
	if days <= 0 {
		return nil
	}
	start := time.Date(c.Start.Year(), c.Start.Month(), c.Start.Day(), 12, 0, 0, 0, time.UTC)
	var at []int
	format := "2 Jan"
	var gap float64 // viewBox units between ticks
	switch {
	case days <= 10:
		for i := 0; i < days; i++ {
			at = append(at, i)
		}
		gap = slot
	case days <= 200:
		first := (8 - int(start.Weekday())) % 7 // the first Monday
		for i := first; i < days; i += 7 {
			at = append(at, i)
		}
		gap = slot * 7
	default:
		for i := 0; i < days; i++ {
			if start.AddDate(0, 0, i).Day() == 1 {
				at = append(at, i)
			}
		}
		format = "Jan"
		gap = slot * 30
	}
	every := 1
	for gap*float64(every) < 40 && every < 64 {
		every *= 2
	}
	var ticks []tick
	n, wide := 0, 0 // labels, and labels clear of the edges
	for k, i := range at {
		xi := x(i)
		t := tick{At: num(xi)}
		if k%every == 0 && xi+labelHalfWide/2 <= timeWidth {
			day := start.AddDate(0, 0, i)
			t.Label = day.Format(format)
			if format == "Jan" && (day.Month() == time.January || n == 0) {
				t.Label = day.Format("Jan 2006")
			}
			n++
			t.Minor = xi < left+labelHalfWide-10 || xi > timeWidth-labelHalfWide
			if !t.Minor {
				t.Minor = wide%2 == 1
				wide++
			}
		}
		ticks = append(ticks, t)
	}
	return ticks
}

// labelMargin is the room left of a chart for its y-axis labels: about
// 11 px a character, between 30 and 90 px.
func labelMargin(labels []string) float64 {
	widest := 1
	for _, l := range labels {
		widest = max(widest, len(l))
	}
	return float64(min(max(10+11*widest, 30), 90))
}
