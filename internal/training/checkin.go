package training

import "time"

// SorenessAreas are the body areas a check-in can name, sore or injured.
var SorenessAreas = []string{"neck", "shoulders", "arms", "upper_back", "lower_back", "hips", "glutes",
	"quads", "hamstrings", "knees", "calves", "shins", "ankles", "feet"}

// CheckIn is an athlete's check-in of one day, with its verdict. A row
// made by a wearable import and not yet answered has Answered false.
type CheckIn struct {
	AthleteID     int64
	Day           time.Time
	Answered      bool
	SleepHours    float64
	SleepQuality  int
	Fatigue       int
	Soreness      int
	Stress        int
	Mood          int
	Motivation    int
	SorenessAreas []string
	RestingHR     int     // 0: not given
	HRV           float64 // rMSSD, ms; 0: not given
	Illness       bool
	IllnessSite   string // with Illness: "above_neck" or "below_neck"; "": not asked (read as below the neck)
	Injury        bool
	InjuryAreas   []string // with Injury: the injured areas, of SorenessAreas
	Notes         string
	Score         int
	Light         string
	Reasons       []Reason
	UpdatedAt     time.Time
}

// Reason is one reason for a check-in's light, in words and as a code
// (package readiness's; verdicts stored before illness had a site say
// "illness", which reads as below the neck: readiness.CanonicalCode).
type Reason struct {
	Light string   `json:"light"`
	Code  string   `json:"code"`
	Text  string   `json:"text"`
	Areas []string `json:"areas,omitempty"` // injury: the injured areas
	Flags []string `json:"flags,omitempty"` // an overreaching pattern: its red flags' codes
}
