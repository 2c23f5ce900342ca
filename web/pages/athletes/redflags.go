package athletes

import (
	"fmt"
	"math"
	"strings"

	"rebound/internal/readiness"
	"rebound/web/components"
)

// RedFlags is the athlete page's panel of the red flags of overtraining
// over the last three weeks.
type RedFlags struct {
	Flags        []RedFlag
	Overreaching bool // two or more at once
}

// RedFlag is one flag raised, with its evidence and its signal's chart.
type RedFlag struct {
	Title, Evidence string
	Signal          string // what the chart shows: "energy (5 = fresh)"
	Spark           components.Spark
}

// RedFlagsOf lays out a pattern for the panel. Each flag's signal is drawn
// on its own scale (its lowest value at the bottom, its highest at the
// top), since fatigue, hours slept and RPE above target share no unit;
// the chart's text alternative gives the values themselves.
func RedFlagsOf(p readiness.Pattern) RedFlags {
	out := RedFlags{Overreaching: p.Overreaching()}
	for _, f := range p.Flags {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, v := range f.Series {
			if !math.IsNaN(v) {
				lo, hi = min(lo, v), max(hi, v)
			}
		}
		spark := components.Spark{Points: make([]components.SparkPoint, len(f.Series))}
		var values []string
		for i, v := range f.Series {
			// Amber marks: the flag's days read at a glance, not as grey dots.
			spark.Points[i] = components.SparkPoint{Value: math.NaN(), Light: "amber"}
			if math.IsNaN(v) {
				values = append(values, "none")
				continue
			}
			values = append(values, fmt.Sprintf("%g", math.Round(v*10)/10))
			y := 50.0
			if hi > lo {
				y = 10 + 80*(v-lo)/(hi-lo)
			}
			spark.Points[i].Value = y
		}
		spark.Label = fmt.Sprintf("%s, last %d days, oldest first: %s", f.Signal, len(f.Series), strings.Join(values, ", "))
		out.Flags = append(out.Flags, RedFlag{Title: f.Title, Evidence: f.Evidence, Signal: f.Signal, Spark: spark})
	}
	return out
}
