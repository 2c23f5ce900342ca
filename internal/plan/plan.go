// Package plan owns the training plan: from an athlete, an optional goal
// event and a start day it builds the macrocycle (phases base → build → peak
// → taper → race → recovery, or a rolling base block without an event), each
// week's kind, target minutes and the reason for them in plain words, and
// every day's workout. Recovery is where the gains are made, so the plan is
// built around it: every key workout is followed by a recovery workout or a
// rest day, every week has a rest day (or, for advanced athletes, a very
// light one), every few weeks is a cutback week, and the race is followed
// by recovery.
//
// The engine is sport-agnostic: it plans minutes. A week's volume follows
// the ramp and cutback rules (trainingTarget); its days get roles — long,
// key, recovery, easy, rest — on the same weekdays every week (keyDays,
// trainingRoles), and the minutes are shared out within each workout's
// limits (bounds, limit, fill). Templates then turn each role into a run,
// ride, swim or strength workout, with targets from the athlete's threshold
// pace, FTP or heart rate where known (through package zones, so they agree
// with the zones the athlete sees) and from perceived exertion (CR-10)
// where not. The rules and their numbers are documented where they are
// applied; the event table (events) holds the per-event ones: taper length
// and depth, minimum and usual build lengths, peak volumes and long-session
// caps.
//
// Generate is pure and deterministic: no clock, no randomness, no map order;
// the same Input gives the same Plan. It refuses, with a *Refusal naming the
// field at fault, an input that cannot be planned safely, and says in
// Plan.Notes why a plan is shorter or lighter than usual. Check states the
// plan's safety rules as code; Generate's plans always pass it, and callers
// can use it to double-check any plan, an edited one included.
package plan

import (
	"fmt"
	"time"

	"rebound/internal/training"
)

// Sport is what the athlete trains for.
type Sport string

const (
	Run       Sport = "run"
	Bike      Sport = "bike"
	Triathlon Sport = "tri"
	Strength  Sport = "strength"
)

// Experience is how long the athlete has trained in a structured way.
type Experience string

const (
	Beginner     Experience = "beginner"
	Intermediate Experience = "intermediate"
	Advanced     Experience = "advanced"
)

// DayAvailability is when an athlete can train on one weekday.
type DayAvailability struct {
	Available  bool
	MaxMinutes int // longest workout that fits; 0 = no limit
}

// Athlete is what the plan is built from. Zero values of Sport, Experience
// and Units mean the database defaults: "run", "intermediate" and "km".
type Athlete struct {
	Sport         Sport
	WeeklyMinutes int // current weekly training time
	Experience    Experience
	// Indexed by time.Weekday (Sunday = 0). The zero value means every day
	// available, no limit. A day whose MaxMinutes is under 15 holds no
	// workout (the shortest this package plans) and counts as a rest day.
	Availability  [7]DayAvailability
	LongDay       time.Weekday // preferred long-workout day
	ThresholdPace int          // run threshold pace, seconds per km; 0 unknown
	FTP           int          // bike, watts; 0 unknown
	ThresholdHR   int          // bpm; 0 unknown
	MaxHR         int          // bpm; 0 unknown
	Units         string       // "km" or "mi": how paces and distances read in descriptions
}

// EventKind is the kind of goal event. Triathlons also accept the
// database's names (sprint_tri, olympic_tri, half_tri, full_tri).
type EventKind string

const (
	FiveK     EventKind = "5k"
	TenK      EventKind = "10k"
	Half      EventKind = "half"
	Marathon  EventKind = "marathon"
	Ultra     EventKind = "ultra" // planned as a 50 km trail or road race
	Sprint    EventKind = "sprint"
	Olympic   EventKind = "olympic"
	Half703   EventKind = "70.3"
	Ironman   EventKind = "ironman"
	TimeTrial EventKind = "time_trial" // bike: a 40 km time trial
	GranFondo EventKind = "gran_fondo" // bike: a long mass-start ride
)

// Event is the goal event. Priority is "A" (the goal: full taper, recovery
// week after), "B" (a short taper, easy days after) or "C" (trained through);
// empty means "A". The race goes on its date whatever Availability says:
// the organiser chose the day.
type Event struct {
	Name     string
	Date     time.Time // its calendar day counts (year, month, day in Date's own location)
	Kind     EventKind
	Priority string
}

// Options change the plan's defaults. Zero values mean the default.
type Options struct {
	CutbackEvery int     // 3 or 4; 0 means 4
	CutbackDepth float64 // cutback week volume as a fraction of the week before; 0 means 0.75; allowed 0.6–0.9
	MaxRamp      float64 // largest week-on-week volume growth; 0 means 0.10; allowed up to 0.15
	KeyWorkouts  int     // key workouts a week; 0 means by experience and phase; allowed 1–3
	TaperDays    int     // 0 means by event; else 5–28
	Weeks        int     // plan length without an event (a rolling base block); 0 means 12; allowed 1–52
}

// Input is everything Generate needs. Start is the first day of week 1: a
// calendar day at 00:00 UTC (another time counts as its own calendar day,
// read in its own location).
type Input struct {
	Athlete Athlete
	Event   *Event
	Start   time.Time
	Options Options
}

// Phase is a week's place in the macrocycle.
type Phase string

const (
	PhaseBase     Phase = "base"
	PhaseBuild    Phase = "build"
	PhasePeak     Phase = "peak"
	PhaseTaper    Phase = "taper"
	PhaseRace     Phase = "race"
	PhaseRecovery Phase = "recovery"
)

// WeekKind is what a week is for.
type WeekKind string

const (
	KindBuild    WeekKind = "build"
	KindCutback  WeekKind = "cutback"
	KindTaper    WeekKind = "taper"
	KindRace     WeekKind = "race"
	KindRecovery WeekKind = "recovery"
)

// Plan is a generated plan.
type Plan struct {
	Weeks []Week
	Notes []string // why the plan was shortened or adjusted, in plain words
	// What makes the plan fall short of preparing the athlete safely for
	// the event (a long run too short for the race): shown above the plan,
	// never hidden in it.
	Warnings []string
	Units    string // "km" or "mi", from Athlete.Units: how Text shows distances
}

// Week is seven consecutive days from Start.
type Week struct {
	Start         time.Time
	Phase         Phase
	Kind          WeekKind
	TargetMinutes int // the sum of the week's workouts, the race included
	// Share of the week's minutes planned easy (RPE ≤ 4 / zone ≤ 2), 0–1:
	// 1 − HardMinutes / Minutes over the week's workouts. The race itself is
	// left out: it is the point of the week, not training. A week with no
	// training minutes is 1.
	EasyShare float64
	Rationale string    // plain words: why this week looks the way it does
	Workouts  []Workout // one per day (rest days included), ordered by date
}

// Workout is one planned training session.
type Workout struct {
	Date      time.Time
	Sport     string  // "run", "bike", "swim", "strength", "other"
	Kind      string  // rest, recovery, easy, long, tempo, intervals, race, strength, mobility, cross_training
	Minutes   int     // planned duration
	DistanceM int     // runs with a known threshold pace, and run races; else 0
	RPE       float64 // target of the main set, 0–10 (CR-10)
	// Target zone of the main set on Coggan's seven-level scale, which this
	// package uses for every sport: 1 recovery, 2 endurance, 3 tempo,
	// 4 threshold, 5 VO2max, 6 anaerobic, 7 neuromuscular; 0 none. The
	// description gives it in the athlete's own zones.
	Zone int
	// Minutes of the main set above easy intensity. The rest of the workout
	// (warm-up, recoveries between repetitions, cool-down, rests between
	// sets) is easy. Week.EasyShare counts these, so intensity is judged by
	// time in zone (Seiler 2010), not by whole sessions.
	HardMinutes int
	Key         bool // a hard session: intervals, tempo, long, race, heavy strength
	Protected   bool // recovery and rest: never what an adjustment cuts
	// Title and Description are written from the numbers above and
	// Structure (see Retext), so they cannot disagree.
	Title       string
	Description string
	Structure   *training.Structure // never nil in a generated plan
}

// Refusal is Generate's answer to an input it cannot plan safely. Field is
// the input at fault, in the form's words ("event_date", "weekly_minutes",
// "key_workouts", "availability", "start", …); Message says why, and what
// would work, in plain words.
type Refusal struct {
	Field, Message string
}

func (r *Refusal) Error() string { return r.Field + ": " + r.Message }

// refuse builds a *Refusal with a formatted message.
func refuse(field, format string, args ...any) *Refusal {
	return &Refusal{Field: field, Message: fmt.Sprintf(format, args...)}
}

// Generate builds the plan for in, or refuses with a *Refusal when it
// cannot be honoured safely. Where a shorter or lighter plan is still safe
// (the event is nearer than the usual plan length, the available days hold
// less than the athlete trains now), it builds that one and says why in
// Plan.Notes.
func Generate(in Input) (Plan, error) {
	p, err := newPlanner(in)
	if err != nil {
		return Plan{}, err
	}
	return p.build(), nil
}

// WeekdayKeys are the short day names inputs use (mon … sun), indexed by
// time.Weekday.
var WeekdayKeys = [7]string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

// ParseWeekday reads a short day name (mon … sun).
func ParseWeekday(key string) (time.Weekday, bool) {
	for i, k := range WeekdayKeys {
		if k == key {
			return time.Weekday(i), true
		}
	}
	return 0, false
}
