package components

import (
	"context"
	"io"
	"math"
	"strings"
	"sync"

	"github.com/a-h/templ"
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

// The day marks of one light are all in one path: a shape for each light so
// it reads without colour, a circle for green, a diamond for amber, a
// down-pointing triangle for red (and a small circle for a day with a score
// but no light).
var sparkLights = [...]string{"none", "green", "amber", "red"} // red drawn last, on top

// Sparkline draws s small enough for a table row: a faint line through the
// scores and a mark per day shaped and coloured by its light; days without a
// check-in are left out, a visible gap. It is written straight into the
// page, not through a template: a dashboard draws a hundred, and the
// template's conversion of each value and its class lists were most of
// their cost.
func Sparkline(s Spark) templ.Component {
	return templ.ComponentFunc(func(ctx context.Context, w io.Writer) error {
		if err := ctx.Err(); err != nil {
			return err
		}
		b := sparkBuffers.Get().(*[]byte)
		defer sparkBuffers.Put(b)
		*b = s.appendSVG((*b)[:0])
		_, err := w.Write(*b)
		return err
	})
}

var sparkBuffers = sync.Pool{New: func() any { b := make([]byte, 0, 2048); return &b }}

// appendSVG appends the sparkline's markup: the line, then the marks of
// each light in one path, red last, on top.
func (s Spark) appendSVG(b []byte) []byte {
	b = append(b, `<svg class="sparkline" viewBox="0 0 112 28" width="112" height="28" role="img" aria-label="`...)
	b = appendEscaped(b, s.Label)
	b = append(b, `"><title>`...)
	b = appendEscaped(b, s.Label)
	b = append(b, `</title><line class="spark-mid" x1="4" x2="108" y1="14" y2="14"></line> `...)
	b = s.appendPath(b, `<path class="spark-line" d="`, `"></path> `, -1)
	for light, name := range sparkLights {
		b = s.appendPath(b, `<path class="spark-dot `+name+`" d="`, `"></path>`, light)
	}
	return append(b, "</svg>"...)
}

// appendPath appends a path element of the line (light -1) or of one
// light's marks, or nothing when it has no point.
func (s Spark) appendPath(b []byte, open, close string, light int) []byte {
	start := len(b)
	b = append(b, open...)
	points := len(b)
	run := 0
	for i, p := range s.Points {
		x, y, ok := s.point(i)
		if !ok {
			run = 0
			continue
		}
		if light < 0 {
			if run == 0 {
				b = append(b, 'M')
			} else {
				b = append(b, 'L')
			}
			b = appendPoint(b, x, y)
			run++
			continue
		}
		if sparkLight(p.Light) != light {
			continue
		}
		switch light {
		case 1:
			b = append(appendPoint(append(b, 'M'), x-2.8, y), "a2.8 2.8 0 1 0 5.6 0a2.8 2.8 0 1 0-5.6 0z"...)
		case 2:
			b = append(appendPoint(append(b, 'M'), x, y-3.6), "l3.6 3.6-3.6 3.6-3.6-3.6z"...)
		case 3:
			b = append(appendPoint(append(b, 'M'), x-3.6, y-3), "h7.2l-3.6 6.2z"...)
		default:
			b = append(appendPoint(append(b, 'M'), x-2, y), "a2 2 0 1 0 4 0a2 2 0 1 0-4 0z"...)
		}
	}
	if len(b) == points {
		return b[:start]
	}
	return append(b, close...)
}

// point is where the i-th day is drawn; ok is false for a day without a
// score.
func (s Spark) point(i int) (x, y float64, ok bool) {
	v, ok := finite(s.Points[i].Value)
	if !ok {
		return 0, 0, false
	}
	v = math.Max(0, math.Min(100, v))
	n := len(s.Points)
	step := 0.0
	if n > 1 {
		step = float64(sparkWidth-2*sparkPad) / float64(n-1)
	}
	x = float64(sparkPad) + step*float64(i)
	if n == 1 {
		x = sparkWidth / 2
	}
	return x, sparkPad + float64(sparkHeight-2*sparkPad)*(100-v)/100, true
}

// sparkLight is the index of light in sparkLights, 0 for none or another.
func sparkLight(light string) int {
	switch {
	case strings.EqualFold(light, "green"):
		return 1
	case strings.EqualFold(light, "amber"):
		return 2
	case strings.EqualFold(light, "red"):
		return 3
	}
	return 0
}

// appendEscaped appends s escaped as html.EscapeString escapes it.
func appendEscaped(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '<':
			b = append(b, "&lt;"...)
		case '>':
			b = append(b, "&gt;"...)
		case '&':
			b = append(b, "&amp;"...)
		case '\'':
			b = append(b, "&#39;"...)
		case '"':
			b = append(b, "&#34;"...)
		default:
			b = append(b, c)
		}
	}
	return b
}

// appendPoint appends "x y" as num writes them.
func appendPoint(dst []byte, x, y float64) []byte {
	return appendNum(append(appendNum(dst, x), ' '), y)
}
