package store

import (
	"context"
	"time"

	"rebound/internal/training"

	"github.com/jackc/pgx/v5"
)

// The queries below find what is due to be notified and not yet queued
// (no notification with its dedup key for its person). Package notify
// words the messages and queues them; queuing twice is harmless.

// DueAlert is an athlete red today, or with a proposal waiting, whose
// coach wants alerts and has had none about them today.
type DueAlert struct {
	CoachID     int64
	Athlete     int64
	Name        string
	Day         time.Time // the athlete's today
	Light       string    // today's check-in's, if any
	FirstReason string
	Proposal    bool
}

// DueAlerts lists the alerts due at the store's now.
func (s *Store) DueAlerts(ctx context.Context) ([]DueAlert, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT a.coach_id, a.id, a.name, t.today, coalesce(c.light, ''), coalesce(c.reasons -> 0 ->> 'text', ''), p.id IS NOT NULL
		FROM athletes a
		CROSS JOIN LATERAL (SELECT ($1::timestamptz AT TIME ZONE a.timezone)::date AS today) t
		LEFT JOIN notification_settings ns ON ns.user_id = a.coach_id
		LEFT JOIN checkins c ON c.athlete_id = a.id AND c.day = t.today AND c.answered
		LEFT JOIN proposals p ON p.athlete_id = a.id AND p.checkin_day = t.today AND p.status = 'pending'
		WHERE a.archived_at IS NULL AND coalesce(ns.alerts, true) AND (c.light = 'red' OR p.id IS NOT NULL)
		  AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = a.coach_id AND n.dedup = 'alert:' || a.id || ':' || t.today)
		ORDER BY a.id`, s.Now())
	if err != nil {
		return nil, wrap(err, "notification")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (DueAlert, error) {
		var d DueAlert
		err := row.Scan(&d.CoachID, &d.Athlete, &d.Name, &d.Day, &d.Light, &d.FirstReason, &d.Proposal)
		return d, err
	})
	return list, wrap(err, "notification")
}

// DueComment is a thread with comments its reader has not read, quiet for
// a while (a burst of comments makes one notification), not yet notified
// since the reader last read it.
type DueComment struct {
	UserID    int64 // the reader
	Coach     bool  // the reader is the coach
	ThreadID  int64
	Athlete   int64
	Name      string // the athlete's
	Subject   training.Subject
	Title     string // a workout's
	Unread    int
	Marker    int64 // the reader's read marker
	LastBy    string
	Last      string
	WeekStart time.Time // a week subject's first day, by the athlete's first weekday
}

// DueComments lists the threads whose newest comment is at least quiet
// old, with comments their readers want to hear of.
func (s *Store) DueComments(ctx context.Context, quiet time.Duration) ([]DueComment, error) {
	side := func(coach bool) string {
		reader, unread, read := "a.user_id", "t.athlete_unread", "t.athlete_read"
		if coach {
			reader, unread, read = "a.coach_id", "t.coach_unread", "t.coach_read"
		}
		return `
		SELECT ` + reader + `, ` + boolSQL(coach) + `, t.id, a.id, a.name, t.subject, coalesce(t.workout_id, 0), coalesce(t.day, w.day),
			coalesce(w.title, ''), ` + unread + `, ` + read + `,
			coalesce(u.name, CASE WHEN l.by_coach THEN 'Coach' ELSE a.name END), l.body,
			athlete_week_start(coalesce(t.day, w.day, '2000-01-01'), a.week_starts_sunday)
		FROM comment_threads t
		JOIN athletes a ON a.id = t.athlete_id
		LEFT JOIN workouts w ON w.id = t.workout_id
		LEFT JOIN notification_settings ns ON ns.user_id = ` + reader + `
		JOIN LATERAL (SELECT * FROM comments c WHERE c.thread_id = t.id ORDER BY c.id DESC LIMIT 1) l ON true
		LEFT JOIN users u ON u.id = l.author_id
		WHERE ` + unread + ` > 0 AND ` + reader + ` IS NOT NULL AND coalesce(ns.comments, true) AND t.last_at <= $1
		  AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = ` + reader + `
		                  AND n.dedup = 'comment:' || t.id || ':' || ` + read + `)`
	}
	rows, err := s.pool.Query(ctx, side(true)+` UNION ALL `+side(false)+` ORDER BY 3, 2`, s.Now().Add(-quiet))
	if err != nil {
		return nil, wrap(err, "notification")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (DueComment, error) {
		var d DueComment
		err := row.Scan(&d.UserID, &d.Coach, &d.ThreadID, &d.Athlete, &d.Name, &d.Subject.Kind, &d.Subject.WorkoutID, &d.Subject.Day,
			&d.Title, &d.Unread, &d.Marker, &d.LastBy, &d.Last, &d.WeekStart)
		return d, err
	})
	return list, wrap(err, "notification")
}

func boolSQL(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// DueReminder is an athlete whose check-in reminder time has come today,
// in their zone, who has not checked in.
type DueReminder struct {
	UserID  int64
	Athlete int64
	Name    string
	Day     time.Time // their today
}

// reminderWindow is how long after its time a reminder still goes out
// (a server that was down at the time sends it late, not hours late).
const reminderWindow = "2 hours"

// DueReminders lists the reminders due at the store's now. The reminder
// time is a wall-clock time in the athlete's zone: on the day the clocks
// go forward past it, it goes when they show a later time; on the day a
// time comes twice, the first time.
func (s *Store) DueReminders(ctx context.Context) ([]DueReminder, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT a.user_id, a.id, a.name, l.today
		FROM athletes a
		CROSS JOIN LATERAL (SELECT $1::timestamptz AT TIME ZONE a.timezone AS local) n
		CROSS JOIN LATERAL (SELECT n.local::date AS today) l
		WHERE a.reminder_at IS NOT NULL AND a.user_id IS NOT NULL AND a.archived_at IS NULL
		  AND n.local >= l.today + a.reminder_at AND n.local < l.today + a.reminder_at + interval '`+reminderWindow+`'
		  AND NOT EXISTS (SELECT 1 FROM checkins c WHERE c.athlete_id = a.id AND c.day = l.today AND c.answered)
		  AND NOT EXISTS (SELECT 1 FROM notifications x WHERE x.user_id = a.user_id AND x.dedup = 'reminder:' || l.today)
		ORDER BY a.id`, s.Now())
	if err != nil {
		return nil, wrap(err, "notification")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (DueReminder, error) {
		var d DueReminder
		err := row.Scan(&d.UserID, &d.Athlete, &d.Name, &d.Day)
		return d, err
	})
	return list, wrap(err, "notification")
}

// DueDigest is a coach whose morning has come, in the zone of their
// newest athlete (a coach has no zone of their own), without a digest.
type DueDigest struct {
	Coach User
	Zone  string
	Day   time.Time
}

// digestWindow is how long after its hour a morning digest still goes.
const digestWindow = "3 hours"

// DueDigests lists the coaches due a digest at the store's now: from
// hour (0–23) o'clock their time.
func (s *Store) DueDigests(ctx context.Context, hour int) ([]DueDigest, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT u.id, u.name, u.email, z.tz, l.today
		FROM users u
		LEFT JOIN notification_settings ns ON ns.user_id = u.id
		CROSS JOIN LATERAL (SELECT timezone AS tz FROM athletes WHERE coach_id = u.id AND archived_at IS NULL
			ORDER BY created_at DESC, id DESC LIMIT 1) z
		CROSS JOIN LATERAL (SELECT $1::timestamptz AT TIME ZONE z.tz AS local) n
		CROSS JOIN LATERAL (SELECT n.local::date AS today) l
		WHERE u.role = 'coach' AND coalesce(ns.digest, true)
		  AND n.local >= l.today + make_interval(hours => $2) AND n.local < l.today + make_interval(hours => $2) + interval '`+digestWindow+`'
		  AND NOT EXISTS (SELECT 1 FROM notifications x WHERE x.user_id = u.id AND x.dedup = 'digest:' || l.today)
		ORDER BY u.id`, s.Now(), hour)
	if err != nil {
		return nil, wrap(err, "notification")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (DueDigest, error) {
		d := DueDigest{Coach: User{Role: RoleCoach}}
		err := row.Scan(&d.Coach.ID, &d.Coach.Name, &d.Coach.Email, &d.Zone, &d.Day)
		return d, err
	})
	return list, wrap(err, "notification")
}

// DuePlan is an athlete whose coach changed their plan since the last
// such notification, and then left it alone for a while.
type DuePlan struct {
	UserID    int64
	Athlete   int64
	Summaries []string // the changes, oldest first
	WeekStart time.Time
	LastID    int64 // the newest change: the next notification starts after it
}

// DuePlanChanges lists the athletes with changes by their coach in the
// last week, the newest at least quiet old.
func (s *Store) DuePlanChanges(ctx context.Context, quiet time.Duration) ([]DuePlan, error) {
	now := s.Now()
	rows, err := s.pool.Query(ctx, `
		SELECT a.user_id, a.id, array_agg(pc.summary ORDER BY pc.id), max(pc.id),
			athlete_week_start(min(coalesce((pc.after ->> 'Day')::timestamptz, (pc.before ->> 'Day')::timestamptz, pc.changed_at) AT TIME ZONE 'UTC')::date,
				bool_or(a.week_starts_sunday))
		FROM athletes a
		LEFT JOIN notification_settings ns ON ns.user_id = a.user_id
		JOIN plan_changes pc ON pc.athlete_id = a.id AND pc.changed_by = a.coach_id AND pc.changed_at > $1::timestamptz - interval '7 days'
		WHERE a.user_id IS NOT NULL AND a.archived_at IS NULL AND coalesce(ns.plan_changes, true)
		  AND pc.id > coalesce((SELECT max(x.marker) FROM notifications x WHERE x.user_id = a.user_id AND x.kind = 'plan'), 0)
		GROUP BY a.id
		HAVING max(pc.changed_at) <= $2
		ORDER BY a.id`, now, now.Add(-quiet))
	if err != nil {
		return nil, wrap(err, "notification")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (DuePlan, error) {
		var d DuePlan
		err := row.Scan(&d.UserID, &d.Athlete, &d.Summaries, &d.LastID, &d.WeekStart)
		return d, err
	})
	return list, wrap(err, "notification")
}
