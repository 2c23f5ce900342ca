package store

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/load"
	"rebound/internal/training"
)

// RosterEntry is one athlete on the coach's dashboard: who they are and
// what the dashboard reads of their recent days. Days are the athlete's
// calendar days at 00:00 UTC.
type RosterEntry struct {
	training.Athlete
	Today       time.Time // the athlete's calendar day now
	LastCheckIn *time.Time
	LastDay     time.Time   // of the last answered check-in; zero: none yet
	CheckIn     *DayCheckIn // today's, answered; nil: none yet
	Readiness   Readiness   // the days before today and today
	// This week's time as the week view counts it (seconds): planned time
	// due so far and time done of planned workouts.
	WeekPlannedS, WeekDoneS int
	Recovery                []RecoveryDay // recent days with a done recovery workout, oldest first
	LoadState               load.State    // the latest stored on or before Today (zero: none), to decay to it
	NextKey                 *NextWorkout
	NextEvent               *NextEvent // the next A event
	UnreadComments          int        // the athlete's comments the coach has not read
	Version                 int64      // the row's version (RosterRows; 0 from Roster)
}

// DayCheckIn is the dashboard's view of today's check-in.
type DayCheckIn struct {
	Score       int
	Light       string
	FirstReason training.Reason
	Reasons     int
}

// Readiness is the score and light of each of an athlete's recent days,
// oldest first, as kept for the dashboard: a byte and a letter a day.
type Readiness struct {
	scores []byte
	lights string
}

// Days is how many days it covers.
func (r Readiness) Days() int { return len(r.scores) }

// Day is the i-th day's score and light; ok is false when the athlete did
// not check in that day.
func (r Readiness) Day(i int) (score int, light string, ok bool) {
	if r.scores[i] == 255 {
		return 0, "", false
	}
	return int(r.scores[i]), lightNames[r.lights[i]], true
}

var lightNames = map[byte]string{'g': "green", 'a': "amber", 'r': "red"}

// RecoveryDay is a day's hardest done recovery workout.
type RecoveryDay struct {
	Day   time.Time
	RPE   float64
	AvgHR int // 0: not recorded
}

// NextWorkout is an upcoming key workout.
type NextWorkout struct {
	ID    int64
	Day   time.Time
	Title string
	Kind  string
}

// NextEvent is an upcoming goal event.
type NextEvent struct {
	Day  time.Time
	Name string
}

// Roster reads the coach's active athletes with what the dashboard shows
// of them: their readiness of the `since` days before each one's today and
// on it, done recovery workouts of the `recovery` days before it, this
// week's time, the latest load state and what comes next. It reads the
// rows kept for it (migration 00013), recomputing in the same statement
// those that are stale (00014): one statement, whatever the number of
// athletes and the length of their history. Each athlete's unread
// comments come from the few threads the coach has not read (an index of
// those), in the same statement.
func (s *Store) Roster(ctx context.Context, coach User, since, recovery int) ([]RosterEntry, error) {
	return scanRoster(s.pool.Query(ctx, rosterRecomputing, coach.ID, time.Time{}, time.Time{}, s.Now(), since, recovery))
}

// RosterRows reads the kept rows of the coach's active athletes among ids
// as they are, each with its version (as RosterVersions gives it), for a
// dashboard whose RosterVersions has just recomputed the stale rows. A row
// changed in between is read as it is now, with its new version.
// It runs with a generic plan (queryGeneric): planning it for each list
// of ids took longer than the read, 0.7 ms of 0.9.
func (s *Store) RosterRows(ctx context.Context, coach User, ids []int64) ([]RosterEntry, error) {
	return scanRoster(s.queryGeneric(ctx, rosterKept, coach.ID, time.Time{}, time.Time{}, ids))
}

// rosterQuery is Roster's statement, reading the kept rows from $SOURCE,
// with their version from $VERSION, of the athletes $WHERE keeps; $1 is the
// coach, $2 and $3 the zero time as a date and as an instant.
//
// Missing values come as zeros (dates as 0001-01-01, Go's zero time), not
// NULLs: scanning 500 rows of nullable columns allocated a pointer per
// value. Each row also says how many rows there are, so the list is
// allocated once at its size (an entry is about 600 bytes).
const rosterQuery = `
	SELECT a.id, a.coach_id, a.name, a.timezone, a.user_id IS NOT NULL, a.units, a.week_starts_sunday,
		coalesce(a.threshold_hr, 0), coalesce(a.max_hr, 0), a.tags,
		coalesce(s.day, $2::date), coalesce(s.last_day, $2::date), coalesce(s.last_at, $3::timestamptz),
		coalesce(s.scores, ''), coalesce(s.lights, ''),
		coalesce(s.reason_light, ''), coalesce(s.reason_code, ''), coalesce(s.reason_text, ''), coalesce(s.reasons, 0),
		coalesce(s.key_id, 0), coalesce(s.key_day, $2), coalesce(s.key_title, ''), coalesce(s.key_kind, ''),
		coalesce(s.event_day, $2), coalesce(s.event_name, ''),
		coalesce(s.state_day, $2), coalesce(s.load_since, $2), coalesce(s.acute, 0), coalesce(s.chronic, 0),
		coalesce(s.atl, 0), coalesce(s.ctl, 0), coalesce(s.tsb, 0),
		coalesce(s.week_planned_s, 0), coalesce(s.week_done_s, 0), s.recovery_days, s.recovery_rpe, s.recovery_avg_hr,
		coalesce((SELECT sum(t.coach_unread) FROM comment_threads t WHERE t.athlete_id = a.id AND t.coach_unread > 0), 0)::integer,
		$VERSION, count(*) OVER ()
	FROM athletes a LEFT JOIN $SOURCE s ON s.athlete_id = a.id
	WHERE a.coach_id = $1 AND a.archived_at IS NULL $WHERE
	ORDER BY lower(a.name), a.id`

var (
	rosterRecomputing = strings.NewReplacer("$SOURCE", "athlete_status_of($1, $4, $5, $6)", "$VERSION", "0::bigint",
		"$WHERE", "").Replace(rosterQuery)
	rosterKept = strings.NewReplacer("$SOURCE", "athlete_status", "$VERSION", "athlete_status_row_version(a.xmin, s.xmin)",
		"$WHERE", "AND a.id = ANY ($4)").Replace(rosterQuery)
)

// scanRoster reads the rows of rosterQuery.
func scanRoster(rows pgx.Rows, err error) ([]RosterEntry, error) {
	if err != nil {
		return nil, wrap(err, "athlete")
	}
	defer rows.Close()
	var r rosterRow
	var n int64
	dest := append(r.dest(), &r.e.Version, &n)
	var list []RosterEntry
	for rows.Next() {
		r = rosterRow{}
		if err := rows.Scan(dest...); err != nil {
			return nil, wrap(err, "athlete")
		}
		if list == nil {
			list = make([]RosterEntry, 0, n)
		}
		list = append(list, r.entry())
	}
	return list, wrap(rows.Err(), "athlete")
}

// RosterVersions is what the dashboard shows of a coach's athletes, as
// versions: a row's version changes whenever what Roster reads of that
// athlete does (their unread comments apart, which come beside it).
type RosterVersions struct {
	IDs       []int64 // the active athletes, in Roster's order
	Versions  []int64 // of each one's row
	Unread    []int32 // each one's comments the coach has not read
	Proposals string  // a digest of their pending proposals
}

// RosterVersions recomputes the coach's stale kept rows and returns their
// versions. One statement.
func (s *Store) RosterVersions(ctx context.Context, coach User, since, recovery int) (RosterVersions, error) {
	var v RosterVersions
	err := s.pool.QueryRow(ctx, `SELECT ids, versions, unread, proposals FROM athlete_status_versions($1, $2, $3, $4)`,
		coach.ID, s.Now(), since, recovery).Scan(&v.IDs, &v.Versions, &v.Unread, &v.Proposals)
	return v, wrap(err, "athlete")
}

// Digest changes whenever anything of v does.
func (v RosterVersions) Digest() string {
	h := sha256.New()
	b := make([]byte, 0, 20*len(v.IDs)+len(v.Proposals))
	for i, id := range v.IDs {
		b = binary.LittleEndian.AppendUint64(b, uint64(id))
		b = binary.LittleEndian.AppendUint64(b, uint64(v.Versions[i]))
		b = binary.LittleEndian.AppendUint32(b, uint32(v.Unread[i]))
	}
	h.Write(append(b, v.Proposals...))
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// rosterRow is one row of Roster's query as scanned.
type rosterRow struct {
	e             RosterEntry
	lastAt        time.Time
	scores        []byte
	lights        string
	checkIn       DayCheckIn
	key           NextWorkout
	event         NextEvent
	recoveryDays  []time.Time
	recoveryRPE   []float64
	recoveryAvgHR []int32
}

func (r *rosterRow) dest() []any {
	// Only what the dashboard shows and judges by: the whole profile and
	// invite status of 500 athletes would be read for nothing.
	a, c, st := &r.e.Athlete, &r.checkIn, &r.e.LoadState
	return []any{&a.ID, &a.CoachID, &a.Name, &a.Timezone, &a.Joined, &a.Units, &a.WeekStartsSunday,
		&a.ThresholdHR, &a.MaxHR, &a.Tags,
		&r.e.Today, &r.e.LastDay, &r.lastAt, &r.scores, &r.lights,
		&c.FirstReason.Light, &c.FirstReason.Code, &c.FirstReason.Text, &c.Reasons,
		&r.key.ID, &r.key.Day, &r.key.Title, &r.key.Kind, &r.event.Day, &r.event.Name,
		&st.Day, &st.Since, &st.Acute, &st.Chronic, &st.ATL, &st.CTL, &st.TSB,
		&r.e.WeekPlannedS, &r.e.WeekDoneS, &r.recoveryDays, &r.recoveryRPE, &r.recoveryAvgHR, &r.e.UnreadComments}
}

func (r *rosterRow) entry() RosterEntry {
	e := r.e
	if !r.lastAt.IsZero() {
		at := r.lastAt
		e.LastCheckIn = &at
	}
	if r.key.ID != 0 {
		key := r.key
		e.NextKey = &key
	}
	if !r.event.Day.IsZero() {
		event := r.event
		e.NextEvent = &event
	}
	e.Readiness = Readiness{scores: r.scores, lights: r.lights}
	if n := e.Readiness.Days(); n > 0 {
		if score, light, ok := e.Readiness.Day(n - 1); ok {
			c := r.checkIn
			c.Score, c.Light = score, light
			e.CheckIn = &c
		}
	}
	for i, day := range r.recoveryDays {
		e.Recovery = append(e.Recovery, RecoveryDay{Day: day, RPE: r.recoveryRPE[i], AvgHR: int(r.recoveryAvgHR[i])})
	}
	return e
}
