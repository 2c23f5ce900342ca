package components

import (
	"fmt"
	"math"
	"strconv"
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

// Bar is one bar; Class colours it (e.g. kind-cutback).
type Bar struct {
	Label string // under the bar (short)
	Value float64
	Class string
	Title string // on hover and for screen readers
}

// The chart's geometry, in viewBox units.
const (
	chartHeight = 220
	chartTop    = 12
	chartBottom = 28 // room for the labels
	chartLeft   = 44 // room for the axis
	barSlot     = 28
)

func (c BarChart) width() int { return chartLeft + barSlot*max(len(c.Bars), 8) + 8 }

func (c BarChart) viewBox() string { return fmt.Sprintf("0 0 %d %d", c.width(), chartHeight) }

// scale is the axis maximum: the largest value rounded up to a round step.
func (c BarChart) scale() float64 {
	top := 0.0
	for _, b := range c.Bars {
		top = math.Max(top, b.Value)
	}
	if top <= 0 {
		return 1
	}
	step := math.Pow(10, math.Floor(math.Log10(top)))
	for _, m := range []float64{1, 2, 2.5, 5, 10} {
		if top <= m*step {
			return m * step
		}
	}
	return 10 * step
}

func (c BarChart) plotHeight() float64 { return chartHeight - chartTop - chartBottom }

func (c BarChart) y(v float64) float64 { return chartTop + c.plotHeight()*(1-v/c.scale()) }

func (c BarChart) barX(i int) string { return num(float64(chartLeft + barSlot*i + 4)) }

func (c BarChart) barY(b Bar) string { return num(c.y(b.Value)) }

func (c BarChart) barH(b Bar) string { return num(chartHeight - chartBottom - c.y(b.Value)) }

func (c BarChart) labelX(i int) string { return num(float64(chartLeft+barSlot*i) + barSlot/2) }

// ticks are the axis values: 0, half and the top.
func (c BarChart) ticks() []float64 { return []float64{0, c.scale() / 2, c.scale()} }

func (c BarChart) tickY(v float64) string { return num(c.y(v)) }

func (c BarChart) axisRight() string { return strconv.Itoa(c.width() - 4) }

func num(v float64) string { return strconv.FormatFloat(math.Round(v*10)/10, 'f', -1, 64) }

func tickLabel(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
