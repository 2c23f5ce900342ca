// Package training is Rebound's domain: the words coaches and athletes use,
// and the rules that hold whichever page, query or command touches them.
// It imports no database, HTTP or template code; the store maps its rows to
// these words, the pages show them, and where PostgreSQL must compute a rule
// too, a test holds the SQL to the function here.
//
// # Glossary
//
// Coach: plans and adjusts the training of their athletes and reads their
// check-ins; the dashboard orders the athletes by who needs attention.
//
// Athlete: trains to a coach's plan, checks in each morning and logs what
// was done. Days are the athlete's calendar days, in their time zone.
//
// Workout: one training session, planned and/or done (the word "session"
// is kept for the login). It has a sport ([Sports]) and a kind ([Kinds]);
// done, it has a duration and an RPE (Borg CR-10, 0–10).
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
// Check-in: the athlete's daily readiness report, one per local day; its
// score (0–100) gives the readiness light, green, amber or red, always
// with the reasons in words (package readiness).
//
// Load: a workout's RPE × minutes (Foster 2001); the daily sums, the
// acute:chronic ratio, fitness, fatigue and form over days (package load).
//
// Week: seven days from the athlete's first weekday, Monday or Sunday
// ([WeekStart]); plans, the week view, the printed page and the dashboard's
// week figures all count in these weeks.
//
// Plan: weeks of a phase and a kind (build, cutback, taper, race, recovery)
// and their workouts, made by package plan from the athlete and their goal
// event; a cutback week is a planned lighter one, the taper the reduced
// weeks before the event.
package training
