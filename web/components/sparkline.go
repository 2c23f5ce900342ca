package components

import (
	"math"
	"strings"
)

// Spark is a tiny readiness chart for a dashboard row: one point per day on
// a fixed 0–100 scale. Label is its text alternative, e.g. "Readiness, last
// 14 days: 82, 85, 61 …".
type Spark struct {
	Label  string
	Points []SparkPoint
}

// SparkPoint is one day: its score (NaN when there was no check-in) and its
// light, green, amber or red.
type SparkPoint struct {
	Value float64
	Light string
}

// The sparkline's size, in pixels.
const (
	sparkWidth  = 112
	sparkHeight = 28
	sparkPad    = 4
)

// sparkMarks are the day marks of one light, all in one path: a shape for
// each light so it reads without colour, a circle for green, a diamond for
// amber, a down-pointing triangle for red (and a small circle for a day
// with a score but no light).
type sparkMarks struct{ Light, D string }

var sparkLights = []string{"none", "green", "amber", "red"} // red drawn last, on top

// layout is the line through the scores and the marks, by light.
func (s Spark) layout() (line string, marks []sparkMarks) {
	n := len(s.Points)
	step := 0.0
	if n > 1 {
		step = float64(sparkWidth-2*sparkPad) / float64(n-1)
	}
	var b strings.Builder
	shapes := map[string]*strings.Builder{}
	for _, l := range sparkLights {
		shapes[l] = &strings.Builder{}
	}
	run := 0
	for i, p := range s.Points {
		v, ok := finite(p.Value)
		if !ok {
			run = 0
			continue
		}
		v = math.Max(0, math.Min(100, v))
		x := float64(sparkPad) + step*float64(i)
		if n == 1 {
			x = sparkWidth / 2
		}
		y := sparkPad + float64(sparkHeight-2*sparkPad)*(100-v)/100
		if run == 0 {
			b.WriteByte('M')
		} else {
			b.WriteByte('L')
		}
		b.WriteString(num(x) + " " + num(y))
		run++
		light := strings.ToLower(p.Light)
		d, ok := shapes[light]
		if !ok || light == "none" {
			light, d = "none", shapes["none"]
		}
		switch light {
		case "green":
			d.WriteString("M" + num(x-2.8) + " " + num(y) + "a2.8 2.8 0 1 0 5.6 0a2.8 2.8 0 1 0-5.6 0z")
		case "amber":
			d.WriteString("M" + num(x) + " " + num(y-3.6) + "l3.6 3.6-3.6 3.6-3.6-3.6z")
		case "red":
			d.WriteString("M" + num(x-3.6) + " " + num(y-3) + "h7.2l-3.6 6.2z")
		default:
			d.WriteString("M" + num(x-2) + " " + num(y) + "a2 2 0 1 0 4 0a2 2 0 1 0-4 0z")
		}
	}
	for _, l := range sparkLights {
		if d := shapes[l].String(); d != "" {
			marks = append(marks, sparkMarks{Light: l, D: d})
		}
	}
	return b.String(), marks
}
