// Package training is Rebound's domain: the words coaches and athletes use,
// the entities they name, and the rules that hold whichever page, query or
// command touches them. It imports no database, HTTP or template code, and
// none of the other domain packages: they import it. The store maps its
// rows to these types, the pages show them, and where PostgreSQL must
// compute a rule too, a test holds the SQL to the Go function.
//
// # Glossary
//
// Coach: plans and adjusts the training of their athletes and reads their
// check-ins; the dashboard orders the athletes by who needs attention
// ([Triage], [CompareUrgency]).
//
// Athlete: trains to a coach's plan, checks in each morning and logs what
// was done. The coach keeps each as an [Athlete]: what they know and plan
// from is the [Profile]; the athlete joins with an invite ([InviteState]).
// Days are the athlete's calendar days, in their time zone.
//
// Workout: one training session ([Workout]), planned and/or done (the word
// "session" is kept for the login). Its planned part is its [Prescription]:
// a sport ([Sports]) and a kind ([Kinds]), minutes, distance, target RPE and
// zone, and the text written from its [Structure] (warm-up, main set,
// cool-down). Done, its [Log] holds the duration and an RPE (Borg CR-10,
// 0–10), or a file's estimate until the athlete rates it.
//
// Key workout: a hard one, after which a recovery workout or rest follows
// and which stands at least 48 hours from the next: long, tempo, intervals,
// race ([KeyKind]); heavy strength may be key too ([MayBeKey]).
//
// Recovery workout: short and very easy ([RecoveryEasy]: RPE ≤ 3, zone ≤ 2,
// no hard minutes). Recovery is where the gains are made, so recovery
// workouts and rest days are protected ([Protected]): an adjustment
// lightens a week by changing key workouts, never by cutting these. One
// done harder is "recovery too hard" (package load).
//
// Check-in: the athlete's daily readiness report ([CheckIn]), one per local
// day; its score (0–100) gives the readiness light, green, amber or red,
// always with the reasons in words ([Reason]). Package readiness scores the
// answers (readiness.Answers); an amber or red day leads to a proposal, a
// lightened plan for the coming days the coach applies or dismisses.
//
// Load: a workout's RPE × minutes (Foster 2001); the daily sums, the
// acute:chronic ratio, fitness, fatigue and form over days, and a week's
// compliance, monotony and strain (package load).
//
// Week: seven days from the athlete's first weekday, Monday or Sunday
// ([WeekStart]); plans, the week view, the printed page and the dashboard's
// week figures all count in these weeks.
//
// Event: a goal race or event of the athlete ([Event]), of a kind
// ([EventKinds]) and a priority; an A event is the one a plan builds to.
//
// Plan: the weeks to a goal event, each of a phase and a kind (build,
// cutback, taper, race, recovery; [PlanWeek]), and their workouts, made by
// package plan (plan.Plan) from the athlete and their event; a cutback week
// is a planned lighter one, the taper the reduced weeks before the event.
// Each change to an athlete's workouts, by hand, by a new plan or by an
// applied proposal, is recorded as a [Change] the coach can undo.
//
// Comment: a message between coach and athlete ([Comment]) in the [Thread]
// about one [Subject]: a workout, a check-in's day or a week.
package training
