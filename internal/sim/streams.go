package sim

import (
	"math/rand/v2"
	"time"
)

// Streams are one athlete's random numbers. Each day's draws come from a
// stream of their own, keyed by the day and the purpose, so that what a
// day holds does not depend on how many numbers the days before drew:
// the demo stays the same whenever it is made or topped up, and a rule
// changed for one kind of day leaves the others as they were.
type Streams uint64

// Purposes of a day's streams.
const (
	purposeCheckIn   = 1   // whether the athlete checks in
	purposeMorning   = 2   // the answers; a redrawn morning adds its try
	purposeEvening   = 100 // a workout's log; adds the workout's place in the day
	purposeUnplanned = 200 // a workout logged without a plan
)

// Day is the stream of day d (its calendar day at 00:00 UTC) for purpose.
func (s Streams) Day(d time.Time, purpose uint64) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(s), uint64(d.Unix()/86400)<<16|purpose))
}

// Life is the stream of what is drawn once for the athlete's whole
// history (who they are, their plans, their episodes): apart from every
// day's.
func (s Streams) Life() *rand.Rand { return rand.New(rand.NewPCG(uint64(s), 1<<63)) }

// chance says yes with probability p, drawing only when p leaves it open:
// an athlete who always or never does a thing draws nothing for it, so
// their other draws stay as they were.
func chance(r *rand.Rand, p float64) bool {
	switch {
	case p >= 1:
		return true
	case p <= 0:
		return false
	}
	return r.Float64() < p
}

func pick(r *rand.Rand, options ...string) string { return options[r.IntN(len(options))] }
