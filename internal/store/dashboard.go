package store

import (
	"context"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/load"
)

// RosterEntry is one athlete on the coach's dashboard: who they are and
// what the dashboard reads of their recent days. Days are the athlete's
// calendar days at 00:00 UTC.
type RosterEntry struct {
	Athlete
	Today       time.Time // the athlete's calendar day now
	LastCheckIn *time.Time
	LastDay     time.Time // of the last answered check-in; zero: none yet
	CheckIns    []DayCheckIn
	Days        []DaySummary // days with workouts, oldest first
	LoadState   load.State   // the latest stored on or before Today (zero: none), to decay to it
	NextKey     *NextWorkout
	NextEvent   *NextEvent // the next A event
}

// DayCheckIn is the dashboard's view of one check-in.
type DayCheckIn struct {
	Day         time.Time
	Answered    bool
	Score       int
	Light       string
	FirstReason Reason
	Reasons     int
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

// Roster reads the coach's active athletes with their recent check-ins
// (days since `since`, by each athlete's calendar), workout days (from
// `history` days before each one's today to a week after it) and latest
// load state. Three queries whatever the number of athletes and the
// length of their history: the dashboard's budget depends on it.
func (s *Store) Roster(ctx context.Context, coach User, since, history int) ([]RosterEntry, error) {
	now := s.Now()
	rows, err := s.pool.Query(ctx, strings.ReplaceAll(`
		SELECT a.id, a.coach_id, a.name, a.timezone, a.user_id IS NOT NULL, a.units, a.week_starts_sunday,
			coalesce(a.threshold_hr, 0), coalesce(a.max_hr, 0), a.tags,
			(`+localToday+`), lc.day, lc.updated_at,
			k.id, k.day, k.title, k.kind, e.day, e.name, `+stateColumns+`
		FROM athletes a
		LEFT JOIN LATERAL (
			SELECT day, updated_at FROM checkins WHERE athlete_id = a.id AND answered ORDER BY day DESC LIMIT 1
		) lc ON true
		LEFT JOIN LATERAL (
			SELECT id, day, title, kind FROM workouts
			WHERE athlete_id = a.id AND key AND status = 'planned' AND day >= (`+localToday+`)
			ORDER BY day, id LIMIT 1
		) k ON true
		LEFT JOIN LATERAL (
			SELECT day, name FROM events
			WHERE athlete_id = a.id AND priority = 'A' AND day >= (`+localToday+`)
			ORDER BY day, id LIMIT 1
		) e ON true
		LEFT JOIN LATERAL (
			SELECT * FROM workout_days d WHERE d.athlete_id = a.id AND d.day <= (`+localToday+`)
			ORDER BY d.day DESC LIMIT 1
		) d ON true
		WHERE a.coach_id = $2 AND a.archived_at IS NULL
		ORDER BY lower(a.name), a.id`, "$now", "$1"), now, coach.ID)
	if err != nil {
		return nil, wrap(err, "athlete")
	}
	index := map[int64]int{}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (RosterEntry, error) {
		var e RosterEntry
		var lastDay *time.Time
		var keyID *int64
		var keyDay, eventDay *time.Time
		var keyTitle, keyKind, eventName *string
		var state stateRow
		// Only what the dashboard shows and judges by: the whole profile
		// and invite status of 500 athletes would be read for nothing.
		a := &e.Athlete
		err := row.Scan(append(append([]any{&a.ID, &a.CoachID, &a.Name, &a.Timezone, &a.Joined, &a.Units, &a.WeekStartsSunday,
			&a.ThresholdHR, &a.MaxHR, &a.Tags}, &e.Today, &lastDay, &e.LastCheckIn,
			&keyID, &keyDay, &keyTitle, &keyKind, &eventDay, &eventName), state.dest()...)...)
		if err != nil {
			return e, err
		}
		e.LoadState = state.state()
		if lastDay != nil {
			e.LastDay = *lastDay
		}
		if keyID != nil {
			e.NextKey = &NextWorkout{ID: *keyID, Day: *keyDay, Title: *keyTitle, Kind: *keyKind}
		}
		if eventDay != nil {
			e.NextEvent = &NextEvent{Day: *eventDay, Name: *eventName}
		}
		return e, nil
	})
	if err != nil {
		return nil, wrap(err, "athlete")
	}
	for i, e := range list {
		index[e.ID] = i
	}

	// Each athlete's own window starts from their today; one range read
	// covers every time zone and each row is kept if it is in its window.
	utc := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC)
	rows, err = s.pool.Query(ctx, `
		SELECT c.athlete_id, c.day, c.answered, coalesce(c.score, 0), coalesce(c.light, ''),
			coalesce(c.reasons -> 0 ->> 'light', ''), coalesce(c.reasons -> 0 ->> 'code', ''), coalesce(c.reasons -> 0 ->> 'text', ''),
			jsonb_array_length(c.reasons)
		FROM checkins c JOIN athletes a ON a.id = c.athlete_id
		WHERE a.coach_id = $1 AND a.archived_at IS NULL AND c.day >= $2
		ORDER BY c.athlete_id, c.day`, coach.ID, utc.AddDate(0, 0, -since-1))
	if err != nil {
		return nil, wrap(err, "check-in")
	}
	var id int64
	var c DayCheckIn
	r := &c.FirstReason
	_, err = pgx.ForEachRow(rows, []any{&id, &c.Day, &c.Answered, &c.Score, &c.Light, &r.Light, &r.Code, &r.Text, &c.Reasons}, func() error {
		e := &list[index[id]]
		if c.Day.Before(e.Today.AddDate(0, 0, -since)) || c.Day.After(e.Today) {
			return nil
		}
		e.CheckIns = append(e.CheckIns, c)
		return nil
	})
	if err != nil {
		return nil, wrap(err, "check-in")
	}

	// Each athlete's days around their own today, read by index: the
	// LIMIT (the window's length) keeps the planner from scanning the
	// whole table for them.
	rows, err = s.pool.Query(ctx, strings.ReplaceAll(`
		SELECT a.id, `+dayColumns+`
		FROM athletes a JOIN LATERAL (
			SELECT * FROM workout_days d
			WHERE d.athlete_id = a.id AND d.day BETWEEN (`+localToday+`) - $3::int AND (`+localToday+`) + 7
			ORDER BY d.day LIMIT $3::int + 8
		) d ON true
		WHERE a.coach_id = $2 AND a.archived_at IS NULL
		ORDER BY a.id, d.day`, "$now", "$1"), now, coach.ID, history)
	if err != nil {
		return nil, wrap(err, "workout")
	}
	var d dayRow
	_, err = pgx.ForEachRow(rows, append([]any{&id}, d.dest()...), func() error {
		e := &list[index[id]]
		e.Days = append(e.Days, d.summary())
		return nil
	})
	return list, wrap(err, "workout")
}

// localToday is the athlete's calendar day at $1 (the store's clock).
const localToday = `($1::timestamptz AT TIME ZONE a.timezone)::date`
