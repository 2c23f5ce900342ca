package training

// Structure is how a workout is built beyond its kind, sport and targets:
// its main set (warm-up, repetitions with recoveries, cool-down; or a
// block that ends a long session), and the athlete's own targets for its
// parts as they were when it was planned. A workout's title and
// description are written from it and the workout's numbers (package
// plan's Retext),
// so the text can never state other numbers than the workout holds.
//
// A workout whose text is the coach's own has no Structure: nothing
// rewrites it.
type Structure struct {
	// The session's name where its title leads with one ("Hills",
	// "Fartlek", "Sharpener", "Shakeout", "Conditioning"), or the
	// race's name.
	Name string `json:"name,omitempty"`
	Warm int    `json:"warm,omitempty"` // minutes easy before the main set
	Reps int    `json:"reps,omitempty"` // repetitions in the main set; 0: no main set
	Work int    `json:"work,omitempty"` // seconds each repetition; with Reps 1, one continuous block
	Rest int    `json:"rest,omitempty"` // seconds easy between repetitions
	Cool int    `json:"cool,omitempty"` // minutes easy after the main set, at least
	// A swim's repetitions go by distance: metres each, Work their time at
	// the pace the plan assumes.
	Metres int `json:"metres,omitempty"`
	// The main set ends a long session (the last minutes of a long run,
	// blocks in a long ride's second half) instead of sitting between a
	// warm-up and a cool-down: the rest of the session is easy.
	Finish bool `json:"finish,omitempty"`
	// The work in words, as it follows "3 × 15 min": "at marathon pace",
	// "at 5K effort", "uphill", "sweet spot". True only at Zone.
	Effort string `json:"effort,omitempty"`
	// The level of the main set (of the whole session without one), on
	// the workout's TargetZone scale: Effort and Cue hold there.
	Zone int    `json:"zone,omitempty"`
	Cue  string `json:"cue,omitempty"`  // the athlete's target at Zone: a pace, power or heart-rate range
	Easy string `json:"easy,omitempty"` // the athlete's target for the easy parts, at zone 2
	// Relaxed strides (20 s running, 30 s on the bike) at the end of an
	// easy session; they add no hard minutes.
	Strides int `json:"strides,omitempty"`
	Brick   int `json:"brick,omitempty"` // minutes run straight off the bike, the last of the session
	// The first minutes of the brick run at race effort, and the target
	// there: the race's last leg, rehearsed on tired legs.
	BrickRace int    `json:"brick_race,omitempty"`
	BrickCue  string `json:"brick_cue,omitempty"`
	// A heavy strength session: sets and repetitions of each main lift,
	// upper or lower body, or the whole body (Full, session A or B:
	// Session 1 or 2). Block and Step place it in the load progression:
	// the block (from 1) and the week within it (from 1; 0 is the deload
	// week that ends a block).
	Sets    int  `json:"sets,omitempty"`
	Lifts   int  `json:"lifts,omitempty"`
	Upper   bool `json:"upper,omitempty"`
	Full    bool `json:"full,omitempty"`
	Session int  `json:"session,omitempty"`
	Block   int  `json:"block,omitempty"`
	Step    int  `json:"step,omitempty"`
	// Sets a full-body session leaves out of those planned, to fit its
	// minutes (see liftSets).
	Cut int `json:"cut,omitempty"`
	// The sport this workout stands in for and spares: "run" for
	// cross-training while running is out (an injury, the days after a
	// race).
	Instead string `json:"instead,omitempty"`
}
