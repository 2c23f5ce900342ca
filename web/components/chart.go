package components

import (
	"math"
	"strconv"
	"strings"
)

// BarChart is a server-rendered SVG bar chart: it prints, needs no
// JavaScript and reads as text (its title and description, and a title on
// every bar).
type BarChart struct {
	ID    string // unique on the page, for aria-labelledby
	Title string
	Desc  string // the text alternative
	Unit  string // of the values, for the axis
	Bars  []Bar
}

// Bar is one bar; Class colours it (e.g. kind-cutback). A bar with Planned
// above 0 shows the plan as a dashed outline around the filled bar of what
// was done (Value): planned 6 h, done 4 h 30.
type Bar struct {
	Label   string // under the bar (short)
	Value   float64
	Class   string
	Title   string  // on hover and for screen readers
	Planned float64 // 0 when there is no plan to compare with
}

// The bar chart's geometry, in viewBox units; like the time chart it has a
// fixed width and scales to its container.
const (
	barChartWidth  = 600
	barChartHeight = 220
	barTop         = 32 // the unit above the axis
	barBottom      = 28 // the labels
	barRight       = 28 // half the last bar's date label, at the largest axis font
	maxSlot        = 64 // a few bars stay bar-shaped, from the left
)

// barLayout is everything the bar chart's template draws.
type barLayout struct {
	ViewBox                string
	Left, Right, Top, Base string
	LabelX, BarLabelY      string
	YTicks                 []tick
	Bars                   []barBox
	Planned, Hatched       bool
	Hatch                  string // the hatch pattern's id
}

type barBox struct {
	Bar
	X, Y, W, H         string // the done bar
	PX, PY, PW, PH     string // the planned outline, when there is a plan
	LabelAt, LabelText string
	Minor              bool // the label is hidden when the chart is narrow
	Hatched            bool
}

// barValue is v as drawn: 0 when it cannot be drawn or is below 0.
func barValue(v float64) float64 {
	v, ok := finite(v)
	if !ok || v < 0 {
		return 0
	}
	return v
}

func (c BarChart) layout() barLayout {
	top := 0.0
	planned := false
	for _, b := range c.Bars {
		top = math.Max(top, math.Max(barValue(b.Value), barValue(b.Planned)))
		planned = planned || barValue(b.Planned) > 0
	}
	if top <= 0 {
		top = 1
	}
	_, scale, ticks := yAxis(0, top, false)
	labels := tickLabels(ticks)
	widest := 1
	for _, l := range labels {
		widest = max(widest, len(l))
	}
	left := float64(min(max(10+11*widest, 30), 90))
	right, base := float64(barChartWidth-barRight), float64(barChartHeight-barBottom)
	y := func(v float64) float64 { return base - (base-barTop)*barValue(v)/scale }
	l := barLayout{
		ViewBox: "0 0 " + strconv.Itoa(barChartWidth) + " " + strconv.Itoa(barChartHeight),
		Left:    num(left), Right: num(right), Top: num(barTop), Base: num(base),
		LabelX: num(left - 5), BarLabelY: num(base + 6),
		Planned: planned, Hatch: c.ID + "-hatch",
	}
	for i, t := range ticks {
		l.YTicks = append(l.YTicks, tick{At: num(y(t)), Label: labels[i]})
	}
	n := len(c.Bars)
	slot := math.Min((right-left)/float64(max(n, 1)), maxSlot)
	w := slot * 0.7
	// Label every bar when labels fit, else every other …; a date label
	// is about 40 units wide.
	every := 1
	for slot*float64(every) < 44 && every < 64 {
		every *= 2
	}
	for i, b := range c.Bars {
		x := left + slot*float64(i) + (slot-w)/2
		box := barBox{Bar: b, X: num(x), W: num(w), Y: num(y(b.Value)), H: num(base - y(b.Value)),
			LabelAt: num(left + slot*(float64(i)+0.5)), Hatched: hatched(b.Class)}
		if planned {
			inset := w * 0.2
			box.X, box.W = num(x+inset), num(w-2*inset)
		}
		if barValue(b.Planned) > 0 {
			box.PX, box.PY, box.PW, box.PH = num(x), num(y(b.Planned)), num(w), num(base-y(b.Planned))
		}
		if i%every == 0 {
			box.LabelText = b.Label
			box.Minor = slot*float64(every) < 60 && (i/every)%2 == 1
		}
		l.Hatched = l.Hatched || box.Hatched
		l.Bars = append(l.Bars, box)
	}
	return l
}

// hatched is whether bars of this class are drawn hatched as well as
// coloured, so a taper week reads on a black-and-white page.
func hatched(class string) bool {
	for _, f := range strings.Fields(class) {
		if f == "kind-taper" {
			return true
		}
	}
	return false
}

// barKey is one entry of a bar chart's legend.
type barKey struct {
	Class, Label string
	Hatched      bool
}

// keys are the week kinds the bars show, in order of first appearance, each
// named after its class (kind-cutback: "Cutback week").
func (c BarChart) keys() []barKey {
	var keys []barKey
	seen := map[string]bool{}
	for _, b := range c.Bars {
		if b.Class == "" || seen[b.Class] {
			continue
		}
		seen[b.Class] = true
		name := b.Class
		for _, f := range strings.Fields(b.Class) {
			if k, ok := strings.CutPrefix(f, "kind-"); ok {
				name = k
			}
		}
		keys = append(keys, barKey{Class: b.Class, Label: Words(name) + " week", Hatched: hatched(b.Class)})
	}
	return keys
}

// num is v rounded to one decimal, as short as it goes ("12", "12.5"), for
// SVG coordinates; NaN and infinities are 0.
func num(v float64) string {
	var b [24]byte
	return string(appendNum(b[:0], v))
}

// appendNum appends num(v) to dst. Below a trillion the tenths are written
// as an integer: there the shortest form of the rounded float is exactly
// that, and an integer is much cheaper to format than a float.
func appendNum(dst []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(dst, '0')
	}
	tenths := math.Round(v * 10)
	if math.Abs(tenths) >= 1e13 {
		return strconv.AppendFloat(dst, tenths/10, 'f', -1, 64)
	}
	n := int64(tenths) // 0 for -0 too, which is written "0"
	if n < 0 {
		dst, n = append(dst, '-'), -n
	}
	dst = strconv.AppendInt(dst, n/10, 10)
	if d := n % 10; d != 0 {
		dst = append(dst, '.', byte('0'+d))
	}
	return dst
}
