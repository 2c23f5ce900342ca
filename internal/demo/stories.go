package demo

import (
	"time"

	"rebound/internal/plan"
	"rebound/internal/sim"
	"rebound/internal/training"
)

// Story keys: what each demo athlete shows.
const (
	Steady          = "steady"            // consistent, compliant, green
	Overreaching    = "overreaching"      // resting HR up and HRV down over ten days, fatigue worsening
	Ill             = "ill"               // ill since yesterday: red
	Taper           = "taper"             // ten days from a marathon, in the taper
	RecoveryTooHard = "recovery_too_hard" // runs the recovery days too hard
	SkippedCheckIns = "skipped_checkins"  // stopped checking in four days ago, logs sporadically
	Cyclist         = "cyclist"           // a road cyclist with an FTP
	Triathlete      = "triathlete"        // run, bike and swim, eight weeks from a 70.3
	StrengthAthlete = "strength"          // strength sessions
	Beginner10K     = "beginner_10k"      // a beginner in miles, in the US, six weeks from a 10K
	MastersCutback  = "masters_cutback"   // a masters runner in a cutback week
	TrailUltra      = "trail_ultra"       // a trail ultra runner, amber today after a short night, the long run today
	RedFlags        = "red_flags"         // three weeks of red flags: tired after rest, sleep all over the place, runs harder than planned, mood sliding
)

// story is one demo athlete: who they are, how they train, how their body
// answers, and what their last weeks show.
type story struct {
	key   string
	about string // the story in a few words, for the command's output
	seed  uint64 // their random numbers: fixed, so the story is the same every run
	name  string
	email string
	tz    string
	prof  training.Profile // Name, Email and Timezone come from above
	login bool             // the demo prints their password, to see the athlete's side
	plan  planSpec
	goals []goal
	body  body
	// done is the chance a planned workout is done (else skipped).
	done float64
}

// planSpec is what the coach chose on the new-plan form.
type planSpec struct {
	sport   plan.Sport
	minutes int // weekly minutes when the plan began, four months ago
	longDay time.Weekday
	off     []time.Weekday // days the athlete cannot train
	every   int            // a cutback week every this many weeks; 0: the default
	goal    int            // index into goals of the plan's event; -1: a rolling base block
	// cutbackNow starts the plan a week or two earlier if that makes this
	// week a cutback week.
	cutbackNow bool
	// longToday puts the long workout on today's weekday instead of
	// longDay, so that today's check-in meets it.
	longToday bool
}

// goal is a goal event, days from today.
type goal struct {
	name      string
	in        int
	sport     string // the store's: run, bike, triathlon
	kind      string // the store's: 10k, half, marathon, ultra, half_tri, custom
	distanceM int    // custom events
	priority  string
	planKind  plan.EventKind
}

// tale is what a story adds to an ordinary athlete's days, for the
// simulation (package sim) to act out: its episodes, the athlete's own
// words on some mornings (by days before today), and habits that are not
// the usual.
type tale struct {
	episodes  []episode
	notes     map[int]string
	longNotes []string // what they write of a long workout
	checkIns  float64  // the share of days with a check-in; 0: the usual
	tooHard   float64  // the share of recovery workouts done too hard
}

// episode is a sim.Episode in days before today: from `from` to `to`.
type episode struct {
	kind     sim.Kind
	from, to int
	flagged  int
	hours    float64
}

var tales = map[string]tale{
	Overreaching: {episodes: []episode{{kind: sim.Overreaching, from: 21}}, notes: map[int]string{
		0: "Resting HR way up this morning. Legs heavy, no motivation to run.",
		2: "Easy run felt hard; heart rate high for the pace.",
		5: "Legs heavy on the stairs.",
		9: "A bit tired, but training is going well."}},
	Ill: {episodes: []episode{{kind: sim.Illness, from: 2, flagged: 2}}, notes: map[int]string{
		2: "Throat a bit scratchy.",
		1: "Sore throat and a temperature. Staying home.",
		0: "Still feverish: aching, blocked nose, no energy."}},
	Taper: {episodes: []episode{{kind: sim.Taper, from: 14}}, notes: map[int]string{
		0: "Legs feel springy. Ready to race.",
		4: "Taper nerves, but sleeping well."}},
	RecoveryTooHard: {tooHard: 1},
	SkippedCheckIns: {episodes: []episode{{kind: sim.Quiet, from: 18, flagged: 4}}, checkIns: 0.85},
	Beginner10K:     {checkIns: 0.88},
	MastersCutback: {episodes: []episode{{kind: sim.ShortNight, from: 30, to: 30, hours: 4.5}}, notes: map[int]string{
		30: "Up half the night with the dog: four and a half hours.",
		1:  "Cutback week: the legs are enjoying it."}},
	// Three weeks of shift work on top of a build: tired most mornings,
	// rest days included; two weeks of nights all over the place, and her
	// mood and motivation sliding.
	RedFlags: {episodes: []episode{{kind: sim.ShiftWork, from: 20}}, notes: map[int]string{
		0: "Tired again, even after yesterday's rest. Nights are all over the place with the shifts.",
		3: "Easy run felt like a tempo.",
		8: "Slept 10 hours and still tired."}},
	// A new baby at home, and today a night of three wake-ups before his
	// long run.
	TrailUltra: {episodes: []episode{{kind: sim.Nights, from: 2 * HistoryDays, to: 1}, {kind: sim.ShortNight, hours: 5}},
		notes:     map[int]string{0: "The baby was up three times: about 5 hours of sleep."},
		longNotes: []string{"Trail loop with 900 m of climbing.", "Practised eating every 40 minutes.", "Muddy, slow descents."}},
}

// body is how the athlete's mornings usually read.
type body struct {
	restingHR int
	hrv       float64 // usual rMSSD, ms; 0: they do not measure it
	sleep     float64 // usual hours
	hrMonitor bool    // workouts are logged with an average heart rate
}

var stories = []story{
	{key: Steady, about: "steady runner: consistent, compliant, green", seed: 101,
		name: "Maya Okafor", email: "maya.okafor@demo.rebound.example", tz: "Europe/London", login: true,
		prof: training.Profile{Sports: []string{"run"}, Units: "km", BirthYear: 1992, Experience: "intermediate",
			WeeklyMinutes: 330, WeeklyRunM: 52000, ThresholdHR: 170, MaxHR: 189, ThresholdPace: 285,
			Notes: "Runs with the Tuesday club. Wants a sub-45 10K.", Tags: []string{"Club runners"}},
		plan:  planSpec{sport: plan.Run, minutes: 280, longDay: time.Sunday, off: []time.Weekday{time.Friday}, goal: 0},
		goals: []goal{{name: "Riverside 10K", in: 49, sport: "run", kind: "10k", priority: "A", planKind: plan.TenK}},
		body:  body{restingHR: 50, hrv: 68, sleep: 7.75, hrMonitor: true}, done: 0.96},

	{key: Overreaching, about: "overreaching: resting HR up and HRV down for ten days", seed: 202,
		name: "Lukas Brenner", email: "lukas.brenner@demo.rebound.example", tz: "Europe/Berlin", login: true,
		prof: training.Profile{Sports: []string{"run"}, Units: "km", BirthYear: 1988, Experience: "advanced",
			WeeklyMinutes: 420, WeeklyRunM: 75000, ThresholdHR: 168, MaxHR: 186, ThresholdPace: 262,
			Notes: "Aims at 2:55 in the marathon. Tends to add extra miles when he feels good.", Tags: []string{"Marathon squad"}},
		plan:  planSpec{sport: plan.Run, minutes: 330, longDay: time.Sunday, goal: 0},
		goals: []goal{{name: "Lakeside Marathon", in: 63, sport: "run", kind: "marathon", priority: "A", planKind: plan.Marathon}},
		body:  body{restingHR: 46, hrv: 82, sleep: 7.25, hrMonitor: true}, done: 0.97},

	{key: Ill, about: "ill since yesterday: red", seed: 303,
		name: "Sofia Marín", email: "sofia.marin@demo.rebound.example", tz: "Europe/Madrid",
		prof: training.Profile{Sports: []string{"run"}, Units: "km", BirthYear: 1995, Experience: "intermediate",
			WeeklyMinutes: 290, WeeklyRunM: 45000, ThresholdHR: 174, MaxHR: 194, ThresholdPace: 300,
			Notes: "Teacher: the school term brings colds.", Tags: []string{"Club runners"}},
		plan:  planSpec{sport: plan.Run, minutes: 250, longDay: time.Sunday, goal: 0},
		goals: []goal{{name: "Turia Half Marathon", in: 35, sport: "run", kind: "half", priority: "A", planKind: plan.Half}},
		body:  body{restingHR: 54, hrv: 55, sleep: 7.5, hrMonitor: true}, done: 0.93},

	{key: Taper, about: "tapering: marathon in ten days", seed: 404,
		name: "Hannah Lindqvist", email: "hannah.lindqvist@demo.rebound.example", tz: "Europe/Stockholm",
		prof: training.Profile{Sports: []string{"run"}, Units: "km", BirthYear: 1986, Experience: "advanced",
			WeeklyMinutes: 300, WeeklyRunM: 58000, ThresholdHR: 165, MaxHR: 183, ThresholdPace: 255,
			Notes: "Third marathon; goal 3:05.", Tags: []string{"Marathon squad"}},
		plan:  planSpec{sport: plan.Run, minutes: 360, longDay: time.Sunday, goal: 0},
		goals: []goal{{name: "Archipelago Marathon", in: 10, sport: "run", kind: "marathon", priority: "A", planKind: plan.Marathon}},
		body:  body{restingHR: 44, hrv: 90, sleep: 8, hrMonitor: true}, done: 0.97},

	{key: RecoveryTooHard, about: "runs the recovery days too hard", seed: 505,
		name: "Tom Gallagher", email: "tom.gallagher@demo.rebound.example", tz: "Europe/Dublin",
		prof: training.Profile{Sports: []string{"run"}, Units: "km", BirthYear: 1990, Experience: "intermediate",
			WeeklyMinutes: 300, WeeklyRunM: 50000, ThresholdHR: 172, MaxHR: 191, ThresholdPace: 290,
			Notes: "Competitive; finds easy running boring."},
		plan:  planSpec{sport: plan.Run, minutes: 270, longDay: time.Saturday, goal: 0},
		goals: []goal{{name: "Harbour Half Marathon", in: 42, sport: "run", kind: "half", priority: "A", planKind: plan.Half}},
		body:  body{restingHR: 52, hrv: 60, sleep: 7.25, hrMonitor: true}, done: 0.95},

	{key: SkippedCheckIns, about: "no check-in for four days, sporadic logs", seed: 606,
		name: "Priya Raman", email: "priya.raman@demo.rebound.example", tz: "Asia/Kolkata",
		prof: training.Profile{Sports: []string{"run"}, Units: "km", BirthYear: 1998, Experience: "beginner",
			WeeklyMinutes: 180, WeeklyRunM: 25000, MaxHR: 192, ThresholdPace: 345,
			Notes: "New job since last month."},
		plan: planSpec{sport: plan.Run, minutes: 180, longDay: time.Sunday, off: []time.Weekday{time.Monday, time.Thursday}, goal: -1},
		body: body{restingHR: 58, hrv: 48, sleep: 7, hrMonitor: true}, done: 0.85},

	{key: Cyclist, about: "road cyclist with an FTP", seed: 707,
		name: "Matteo Rossi", email: "matteo.rossi@demo.rebound.example", tz: "Europe/Rome",
		prof: training.Profile{Sports: []string{"bike"}, Units: "km", BirthYear: 1985, Experience: "advanced",
			WeeklyMinutes: 480, WeeklyBikeM: 230000, ThresholdHR: 162, MaxHR: 182, FTP: 285,
			Notes: "Gran fondo in the summer; indoor trainer on weekdays."},
		plan:  planSpec{sport: plan.Bike, minutes: 420, longDay: time.Saturday, goal: -1},
		goals: []goal{{name: "Dolomites Gran Fondo", in: 70, sport: "bike", kind: "custom", distanceM: 140000, priority: "B"}},
		body:  body{restingHR: 45, hrv: 78, sleep: 7.5, hrMonitor: true}, done: 0.94},

	{key: Triathlete, about: "triathlete: 70.3 in eight weeks", seed: 808,
		name: "Chloé Dubois", email: "chloe.dubois@demo.rebound.example", tz: "Europe/Paris",
		prof: training.Profile{Sports: []string{"run", "bike", "swim"}, Units: "km", BirthYear: 1991, Experience: "intermediate",
			WeeklyMinutes: 520, WeeklyRunM: 30000, WeeklyBikeM: 120000, ThresholdHR: 168, MaxHR: 187, ThresholdPace: 280, FTP: 220,
			Notes: "First 70.3. Masters swim squad on Tuesdays and Thursdays.", Tags: []string{"Triathlon"}},
		plan:  planSpec{sport: plan.Triathlon, minutes: 400, longDay: time.Saturday, goal: 0},
		goals: []goal{{name: "Lac Bleu 70.3", in: 56, sport: "triathlon", kind: "half_tri", priority: "A", planKind: plan.Half703}},
		body:  body{restingHR: 48, hrv: 72, sleep: 7.5, hrMonitor: true}, done: 0.94},

	{key: StrengthAthlete, about: "strength athlete", seed: 909,
		name: "Aroha Ngata", email: "aroha.ngata@demo.rebound.example", tz: "Pacific/Auckland",
		prof: training.Profile{Sports: []string{"strength"}, Units: "km", BirthYear: 1994, Experience: "intermediate",
			WeeklyMinutes: 200, MaxHR: 186,
			Notes: "Powerlifting meet in the autumn; mobility work for the hips."},
		plan: planSpec{sport: plan.Strength, minutes: 180, longDay: time.Saturday, off: []time.Weekday{time.Sunday}, goal: -1},
		body: body{restingHR: 56, sleep: 7.75}, done: 0.95},

	{key: Beginner10K, about: "beginner in miles: first 10K in six weeks", seed: 1010,
		name: "Emily Carter", email: "emily.carter@demo.rebound.example", tz: "America/Chicago",
		prof: training.Profile{Sports: []string{"run"}, Units: "mi", WeekStartsSunday: true, BirthYear: 2000, Experience: "beginner",
			WeeklyMinutes: 150, WeeklyRunM: 21000, MaxHR: 196, ThresholdPace: 390,
			Notes: "Started running last year with a couch-to-5K app.", Tags: []string{"Club runners"}},
		plan: planSpec{sport: plan.Run, minutes: 120, longDay: time.Saturday,
			off: []time.Weekday{time.Monday, time.Wednesday, time.Friday}, goal: 0},
		goals: []goal{{name: "Lakefront 10K", in: 42, sport: "run", kind: "10k", priority: "A", planKind: plan.TenK}},
		body:  body{restingHR: 62, sleep: 7.25, hrMonitor: true}, done: 0.88},

	{key: MastersCutback, about: "masters runner in a cutback week", seed: 1111,
		name: "Ingrid Halvorsen", email: "ingrid.halvorsen@demo.rebound.example", tz: "Europe/Oslo",
		prof: training.Profile{Sports: []string{"run"}, Units: "km", BirthYear: 1964, Experience: "advanced",
			WeeklyMinutes: 280, WeeklyRunM: 45000, ThresholdHR: 155, MaxHR: 170, ThresholdPace: 300,
			Notes: "Masters runner: recovers better with a cutback every third week."},
		plan:  planSpec{sport: plan.Run, minutes: 260, longDay: time.Sunday, off: []time.Weekday{time.Monday}, every: 3, goal: -1, cutbackNow: true},
		goals: []goal{{name: "Masters Cross-Country Championships", in: 31, sport: "run", kind: "custom", distanceM: 8000, priority: "B"}},
		body:  body{restingHR: 50, hrv: 40, sleep: 7, hrMonitor: true}, done: 0.96},

	{key: TrailUltra, about: "trail ultra runner: amber after a short night, on his long-run day", seed: 1212,
		name: "Kenji Watanabe", email: "kenji.watanabe@demo.rebound.example", tz: "Asia/Tokyo",
		prof: training.Profile{Sports: []string{"run"}, Units: "km", BirthYear: 1983, Experience: "advanced",
			WeeklyMinutes: 480, WeeklyRunM: 70000, ThresholdHR: 160, MaxHR: 180, ThresholdPace: 290,
			Notes: "Trail 50K in the mountains; new baby at home.", Tags: []string{"Trail"}},
		plan:  planSpec{sport: plan.Run, minutes: 420, longDay: time.Saturday, longToday: true, goal: 0},
		goals: []goal{{name: "Kaikō Trail 50K", in: 84, sport: "run", kind: "ultra", priority: "A", planKind: plan.Ultra}},
		body:  body{restingHR: 47, hrv: 70, sleep: 7.25, hrMonitor: true}, done: 0.95},

	{key: RedFlags, about: "three weeks of red flags: always tired, sleep all over the place, runs harder than planned, mood sliding", seed: 1313,
		name: "Amara Osei", email: "amara.osei@demo.rebound.example", tz: "America/Toronto",
		prof: training.Profile{Sports: []string{"run"}, Units: "km", BirthYear: 1993, Experience: "intermediate",
			WeeklyMinutes: 320, WeeklyRunM: 50000, ThresholdHR: 171, MaxHR: 190, ThresholdPace: 285,
			Notes: "Nurse on rotating shifts; half marathon PB attempt in the spring.", Tags: []string{"Club runners"}},
		plan:  planSpec{sport: plan.Run, minutes: 300, longDay: time.Sunday, goal: 0},
		goals: []goal{{name: "Harbourfront Half Marathon", in: 56, sport: "run", kind: "half", priority: "A", planKind: plan.Half}},
		body:  body{restingHR: 52, sleep: 7.5, hrMonitor: true}, done: 0.95},
}
