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

var sparkLights = [...]string{"none", "green", "amber", "red"} // red drawn last, on top

// layout is the line through the scores and the marks, by light. Written
// with appends: a dashboard draws a hundred of them per view.
func (s Spark) layout() (line string, marks []sparkMarks) {
	n := len(s.Points)
	step := 0.0
	if n > 1 {
		step = float64(sparkWidth-2*sparkPad) / float64(n-1)
	}
	var b []byte
	var shapes [len(sparkLights)][]byte
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
			b = append(b, 'M')
		} else {
			b = append(b, 'L')
		}
		b = appendPoint(b, x, y)
		run++
		switch strings.ToLower(p.Light) {
		case "green":
			shapes[1] = append(appendPoint(append(shapes[1], 'M'), x-2.8, y), "a2.8 2.8 0 1 0 5.6 0a2.8 2.8 0 1 0-5.6 0z"...)
		case "amber":
			shapes[2] = append(appendPoint(append(shapes[2], 'M'), x, y-3.6), "l3.6 3.6-3.6 3.6-3.6-3.6z"...)
		case "red":
			shapes[3] = append(appendPoint(append(shapes[3], 'M'), x-3.6, y-3), "h7.2l-3.6 6.2z"...)
		default:
			shapes[0] = append(appendPoint(append(shapes[0], 'M'), x-2, y), "a2 2 0 1 0 4 0a2 2 0 1 0-4 0z"...)
		}
	}
	for i, d := range shapes {
		if len(d) > 0 {
			marks = append(marks, sparkMarks{Light: sparkLights[i], D: string(d)})
		}
	}
	return string(b), marks
}

// appendPoint appends "x y" as num writes them.
func appendPoint(dst []byte, x, y float64) []byte {
	return appendNum(append(appendNum(dst, x), ' '), y)
}
