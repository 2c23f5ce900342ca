package web

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"rebound/internal/coaching"
	"rebound/internal/load"
	"rebound/internal/readiness"
	"rebound/internal/store"
	"rebound/internal/training"
	"rebound/internal/units"
	"rebound/web/components"
	"rebound/web/pages/athletes"
)

// The athlete page's spans.
const (
	overviewDays  = 90 // the charts
	hrvNormalDays = 60 // the HRV normal range looks this far back
	pastWeeks     = 12 // weekly volume before this week
	aheadWeeks    = 4  // weeks shown after this one
	recentDays    = 14 // of check-ins listed
)

// overview reads what the athlete page charts and lists, in a fixed
// number of queries whatever the length of the history.
func (s *Server) overview(r context.Context, u store.User, a training.Athlete, today time.Time) (athletes.Overview, []training.CheckIn, error) {
	var o athletes.Overview
	from := today.AddDate(0, 0, -(overviewDays - 1))
	// The check-ins the red flags read (coaching.BaselineDays) in full;
	// the last two weeks of them are listed.
	checkIns, full, err := s.store.CheckInDays(r, u, a.ID, from.AddDate(0, 0, -hrvNormalDays), today.AddDate(0, 0, -coaching.BaselineDays), today)
	if err != nil {
		return o, nil, err
	}
	listFrom := today.AddDate(0, 0, 1-recentDays)
	i := 0
	for i < len(full) && full[i].Day.Before(listFrom) {
		i++
	}
	o.CheckIns = full[i:]
	thisWeek := weekStart(a, today)
	lastDay := thisWeek.AddDate(0, 0, 7*aheadWeeks+6)
	first := from // the charts' first day, or the volume's if earlier
	if volumeFrom := thisWeek.AddDate(0, 0, -7*pastWeeks); volumeFrom.Before(first) {
		first = volumeFrom
	}
	days, err := s.store.Days(r, u, a.ID, first, lastDay)
	if err != nil {
		return o, nil, err
	}
	weeks, err := s.store.PlanWeeks(r, u, a.ID, thisWeek.AddDate(0, 0, -7*pastWeeks), lastDay)
	if err != nil {
		return o, nil, err
	}
	if o.Changes, err = s.store.Changes(r, u, a.ID, 5); err != nil {
		return o, nil, err
	}
	o.Readiness, o.RestingHR, o.HRV = readinessCharts(checkIns, from, today)
	o.Load = loadChart(days, weeks, from, today)
	o.Volume, o.Weeks = volume(a, days.Days, weeks, thisWeek)
	return o, full, nil
}

// dayIndex is day's place in a chart starting on from.
func dayIndex(from, day time.Time) int { return int(math.Round(day.Sub(from).Hours() / 24)) }

func nanSlice(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	return out
}

// readinessCharts draws 90 days of scores, resting HR against its
// baseline, and HRV against its normal range.
func readinessCharts(list []store.CheckInDay, from, today time.Time) (score, rhr, hrv components.TimeChart) {
	scores, resting, rmssd := nanSlice(overviewDays), nanSlice(overviewDays), nanSlice(overviewDays)
	all := make([]readiness.Answers, 0, len(list))
	lights := map[string]int{}
	var latest *store.CheckInDay
	for i, c := range list {
		all = append(all, readiness.Answers{Day: c.Day, RestingHR: c.RestingHR, HRV: c.HRV})
		k := dayIndex(from, c.Day)
		if k < 0 || k >= overviewDays {
			continue
		}
		if c.Answered {
			scores[k] = float64(c.Score)
			lights[c.Light]++
			latest = &list[i]
		}
		if c.RestingHR > 0 {
			resting[k] = float64(c.RestingHR)
		}
		if c.HRV > 0 {
			rmssd[k] = c.HRV
		}
	}
	trends := readiness.Trends(all, from, overviewDays)
	baseline, rolling, lo, hi := nanSlice(overviewDays), nanSlice(overviewDays), nanSlice(overviewDays), nanSlice(overviewDays)
	for i, t := range trends {
		baseline[i], rolling[i], lo[i], hi[i] = t.RestingBaseline, t.HRVRolling, t.HRVLow, t.HRVHigh
	}

	desc := "No check-ins in the last 90 days."
	if latest != nil {
		desc = fmt.Sprintf("Readiness score 0–100 over the last 90 days: %d green, %d amber and %d red days; the latest, %s, is %d (%s).",
			lights["green"], lights["amber"], lights["red"], latest.Day.Format("2 Jan"), latest.Score, latest.Light)
	}
	score = components.TimeChart{ID: "chart-score", Title: "Readiness score", Desc: desc, Unit: "score", Start: from, Days: overviewDays,
		YMin: 0, YMax: 100, Series: []components.Series{{Name: "Score", Class: "series-score", Values: scores, Dots: true}}}

	rhr = components.TimeChart{ID: "chart-rhr", Title: "Resting heart rate", Unit: "bpm", Start: from, Days: overviewDays,
		Desc: lastAgainst("Resting heart rate", "bpm", resting, baseline, "its 28-day baseline"),
		Series: []components.Series{
			{Name: "Morning resting HR", Class: "series-rhr", Values: resting, Dots: true},
			{Name: "28-day baseline", Class: "series-baseline", Values: baseline},
		}}
	hrv = components.TimeChart{ID: "chart-hrv", Title: "Heart-rate variability (rMSSD)", Unit: "ms", Start: from, Days: overviewDays,
		Desc:  hrvDesc(rolling, lo, hi),
		Bands: []components.Band{{Name: "Normal range (60 days)", Class: "band-normal", Lo: lo, Hi: hi}},
		Series: []components.Series{
			{Name: "Morning rMSSD", Class: "series-hrv-daily", Values: rmssd, Dots: true},
			{Name: "7-day average", Class: "series-hrv", Values: rolling},
		}}
	return score, rhr, hrv
}

// last is the latest value of xs and its index; -1 if none.
func last(xs []float64) (float64, int) {
	for i := len(xs) - 1; i >= 0; i-- {
		if !math.IsNaN(xs[i]) {
			return xs[i], i
		}
	}
	return 0, -1
}

func lastAgainst(what, unit string, xs, base []float64, baseName string) string {
	v, i := last(xs)
	if i < 0 {
		return "No " + strings.ToLower(what) + " readings in the last 90 days."
	}
	out := fmt.Sprintf("%s over the last 90 days; the latest reading is %.0f %s", what, v, unit)
	if !math.IsNaN(base[i]) {
		out += fmt.Sprintf(" against %s of %.0f %s", baseName, base[i], unit)
	}
	return out + "."
}

func hrvDesc(rolling, lo, hi []float64) string {
	v, i := last(rolling)
	if i < 0 {
		return "Not enough HRV readings in the last 90 days for a 7-day average."
	}
	out := fmt.Sprintf("HRV (rMSSD) over the last 90 days; the latest 7-day average is %.0f ms", v)
	if !math.IsNaN(lo[i]) {
		where := "inside"
		switch {
		case math.Round(v) < math.Round(lo[i]):
			where = "below"
		case math.Round(v) > math.Round(hi[i]):
			where = "above"
		}
		out += fmt.Sprintf(", %s the normal range of %.0f–%.0f ms", where, lo[i], hi[i])
	}
	return out + "."
}

// loadChart draws fitness, fatigue and form over the 90 days from the
// stored load states (a day without workouts: the day before's decayed),
// with the plan's lighter weeks shaded.
func loadChart(days store.DayHistory, weeks []training.PlanWeek, from, today time.Time) components.TimeChart {
	ctl, atl, tsb := make([]float64, overviewDays), make([]float64, overviewDays), make([]float64, overviewDays)
	var f load.Form
	for i := range overviewDays {
		f = days.State(from.AddDate(0, 0, i)).Form()
		ctl[i], atl[i], tsb[i] = f.CTL, f.ATL, f.CTL-f.ATL
	}
	c := components.TimeChart{ID: "chart-load", Title: "Fitness, fatigue and form", Unit: "load", Start: from, Days: overviewDays, Zero: true,
		Series: []components.Series{
			{Name: "Fitness (CTL, 42 days)", Class: "series-ctl", Values: ctl},
			{Name: "Fatigue (ATL, 7 days)", Class: "series-atl", Values: atl},
			{Name: "Form (fitness − fatigue)", Class: "series-tsb", Values: tsb},
		}}
	for _, w := range weeks {
		if w.Kind == "build" {
			continue
		}
		a, b := dayIndex(from, w.Start), dayIndex(from, w.Start)+6
		if b < 0 || a >= overviewDays {
			continue
		}
		c.Spans = append(c.Spans, components.Span{From: max(a, 0), To: min(b, overviewDays-1), Label: components.Words(w.Kind), Class: "span-" + w.Kind})
	}
	if !slices.ContainsFunc(atl, func(v float64) bool { return v != 0 }) {
		// Nothing logged yet: flat zero lines would read as a measurement.
		c.Series = nil
		c.Desc = "No training logged yet: fitness, fatigue and form start with the first logged workout."
		return c
	}
	ctlNow, atlNow := math.Round(f.CTL), math.Round(f.ATL)
	c.Desc = fmt.Sprintf("Session-RPE training load over the last 90 days. Today fitness (CTL) is %.0f, fatigue (ATL) %.0f and form (fitness − fatigue) %+.0f.", ctlNow, atlNow, ctlNow-atlNow)
	if !today.Equal(from.AddDate(0, 0, overviewDays-1)) {
		c.Desc = strings.Replace(c.Desc, "Today", "On the last day", 1)
	}
	return c
}

// volume is the weekly time planned and done, from pastWeeks before this
// week to aheadWeeks after, and the coming weeks of the plan.
func volume(a training.Athlete, days []store.DaySummary, weeks []training.PlanWeek, thisWeek time.Time) (components.BarChart, []athletes.WeekAhead) {
	first := thisWeek.AddDate(0, 0, -7*pastWeeks)
	n := pastWeeks + 1 + aheadWeeks
	planned, done := make([]int, n), make([]int, n)
	for _, d := range days {
		if k := dayIndex(first, d.Day) / 7; !d.Day.Before(first) && k < n {
			planned[k] += d.PlannedS
			done[k] += d.AllDoneS
		}
	}
	kinds := map[time.Time]training.PlanWeek{}
	for _, w := range weeks {
		kinds[w.Start] = w
	}
	c := components.BarChart{ID: "chart-volume", Title: "Weekly volume, planned and done", Unit: "hours"}
	var ahead []athletes.WeekAhead
	var sumDone, sumPlanned int
	for k := range n {
		start := first.AddDate(0, 0, 7*k)
		w, inPlan := kinds[start]
		b := components.Bar{Label: start.Format("2 Jan"), Value: float64(done[k]) / 3600, Planned: float64(planned[k]) / 3600}
		title := "Week of " + start.Format("2 Jan")
		if inPlan {
			b.Class = "kind-" + w.Kind
			title += " (" + components.Words(w.Phase) + ", " + strings.ToLower(components.Words(w.Kind)) + " week)"
		}
		b.Title = fmt.Sprintf("%s: planned %s, done %s", title, units.Duration(planned[k]), units.Duration(done[k]))
		c.Bars = append(c.Bars, b)
		if k < pastWeeks {
			sumDone += done[k]
			sumPlanned += planned[k]
		}
		if !start.Before(thisWeek) {
			ahead = append(ahead, athletes.WeekAhead{Start: start, Path: weekPath(a, start), PlannedS: planned[k], DoneS: done[k],
				Week: w, InPlan: inPlan, Current: start.Equal(thisWeek)})
		}
	}
	c.Desc = fmt.Sprintf("Hours per week from %s: over the last %d weeks %s done of %s planned. Bars are the time done, dashed outlines the time planned; lighter weeks of the plan are marked.",
		first.Format("2 Jan"), pastWeeks, units.Duration(sumDone), units.Duration(sumPlanned))
	return c, ahead
}
