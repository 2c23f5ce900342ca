package training

import (
	"cmp"
	"math"
)

// Attention ranks why an athlete needs the coach, most urgent first. The
// order is the product's: a red check-in before red flags over the last
// weeks (an overreaching pattern), before an amber check-in, before
// silence, before a too-hard recovery day, a fast load rise and missed
// workouts.
type Attention int

const (
	RedCheckIn Attention = iota
	Overreaching
	AmberCheckIn
	MissedCheckIns
	RecoveryTooHard
	LoadRising
	LowCompliance
	NoAttention
)

// The triage's limits.
const (
	// ACWRHigh is the acute:chronic ratio above which load rises too fast,
	// the upper edge of the range popularised by Gabbett (2016).
	ACWRHigh = 1.5
	// LowWeekDone is the share of the week's planned time done so far
	// below which the week is going badly (the compliance's red band).
	LowWeekDone = 0.5
)

// Signs are what the dashboard knows of an athlete today: what Triage
// judges.
type Signs struct {
	Light           string  // today's check-in's light: green, amber or red; "" before one
	Overreaching    bool    // the check-in's first reason is the pattern of red flags over weeks
	Missed          bool    // check-ins missed (package readiness: Missed)
	RecoveryTooHard bool    // a recovery workout of the last seven days done too hard (package load)
	ACWR            float64 // 0: not enough history
	WeekDone        float64 // this week's done / planned time so far; NaN: nothing due yet
}

// Triage lists why an athlete needs the coach, most urgent first; none
// when nothing does.
func Triage(s Signs) []Attention {
	var out []Attention
	switch {
	case s.Light == "red":
		out = append(out, RedCheckIn)
	case s.Light == "amber" && s.Overreaching:
		out = append(out, Overreaching)
	case s.Light == "amber":
		out = append(out, AmberCheckIn)
	}
	if s.Missed {
		out = append(out, MissedCheckIns)
	}
	if s.RecoveryTooHard {
		out = append(out, RecoveryTooHard)
	}
	if LoadRisingFast(s.ACWR) {
		out = append(out, LoadRising)
	}
	if !math.IsNaN(s.WeekDone) && s.WeekDone < LowWeekDone {
		out = append(out, LowCompliance)
	}
	return out
}

// LoadRisingFast reports whether an acute:chronic ratio is above ACWRHigh,
// judged at the two decimals shown. An unknown ratio (0, NaN, negative or
// infinite) is not judged. The words for it describe how fast load has
// risen, never an injury risk: the ratio does not predict injury well
// (Impellizzeri et al. 2020).
func LoadRisingFast(acwr float64) bool {
	r := math.Round(acwr*100) / 100
	return r > ACWRHigh && !math.IsInf(r, 1)
}

// Urgency is where an athlete stands in the coach's order.
type Urgency struct {
	Rank      Attention // the most urgent; NoAttention when none
	CheckedIn bool      // a check-in today
	Score     int       // its readiness score, 0–100
}

// CompareUrgency orders athletes for the coach: by their most urgent
// attention, then by today's readiness score, lowest first, those who have
// not checked in today after those who have.
func CompareUrgency(a, b Urgency) int {
	return cmp.Or(cmp.Compare(a.Rank, b.Rank), cmp.Compare(a.score(), b.score()))
}

func (u Urgency) score() int {
	if !u.CheckedIn {
		return 101
	}
	return u.Score
}
