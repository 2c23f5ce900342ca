package store

import (
	"context"
	"errors"
	"time"

	"github.com/jackc/pgx/v5"
)

// Notification kinds.
const (
	NotifyAlert    = "alert"    // to a coach: an athlete red, or a proposal waiting
	NotifyDigest   = "digest"   // to a coach: the morning's who-needs-you
	NotifyComment  = "comment"  // to either side: new comments
	NotifyReminder = "reminder" // to an athlete: time to check in
	NotifyPlan     = "plan"     // to an athlete: the coach changed the plan
)

// NotificationSettings are what a person wants to hear about.
type NotificationSettings struct {
	Alerts, Digest, Comments, PlanChanges bool
	Reminder                              string // an athlete's check-in reminder, "15:04" in their zone; "": none
}

// NotificationSettings reads the account's settings (everything on, and no
// reminder, until they are saved).
func (s *Store) NotificationSettings(ctx context.Context, u User) (NotificationSettings, error) {
	n := NotificationSettings{Alerts: true, Digest: true, Comments: true, PlanChanges: true}
	var reminder *time.Time
	err := s.pool.QueryRow(ctx, `
		SELECT coalesce(ns.alerts, true), coalesce(ns.digest, true), coalesce(ns.comments, true), coalesce(ns.plan_changes, true),
			'2000-01-01'::date + a.reminder_at
		FROM users u LEFT JOIN notification_settings ns ON ns.user_id = u.id LEFT JOIN athletes a ON a.user_id = u.id
		WHERE u.id = $1`, u.ID).Scan(&n.Alerts, &n.Digest, &n.Comments, &n.PlanChanges, &reminder)
	if reminder != nil {
		n.Reminder = reminder.Format("15:04")
	}
	return n, wrap(err, "account")
}

// SaveNotificationSettings saves the account's settings; an athlete's
// reminder time goes with their record, whose zone it is in.
func (s *Store) SaveNotificationSettings(ctx context.Context, u User, n NotificationSettings) error {
	var reminder *string
	if n.Reminder != "" {
		reminder = &n.Reminder
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		_, err := tx.Exec(ctx, `
			INSERT INTO notification_settings (user_id, alerts, digest, comments, plan_changes) VALUES ($1, $2, $3, $4, $5)
			ON CONFLICT (user_id) DO UPDATE SET alerts = $2, digest = $3, comments = $4, plan_changes = $5`,
			u.ID, n.Alerts, n.Digest, n.Comments, n.PlanChanges)
		if err != nil || u.Role != RoleAthlete {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE athletes SET reminder_at = $2::time WHERE user_id = $1`, u.ID, reminder)
		return err
	})
	return wrap(err, "account")
}

// Notification is one message to one person.
type Notification struct {
	ID      int64
	UserID  int64
	Kind    string
	Dedup   string // once per person: a second with the same key is not queued
	Subject string
	Body    string
	Link    string // a path on the site
	// What decides, before sending, whether it still applies.
	AthleteID int64
	ThreadID  int64
	Day       time.Time
	Marker    int64

	CreatedAt time.Time
	State     string // pending, sending, sent, failed, skipped or in_app
	Attempts  int
	Email     string // the recipient's address, when claimed for sending
	Read      bool   // seen in the app
}

// Enqueue queues n for its person, to be e-mailed when email is set, else
// only shown in the app. It reports whether it was queued: one with the
// same person and dedup key is there already.
func (s *Store) Enqueue(ctx context.Context, n Notification, email bool) (bool, error) {
	state := "in_app"
	if email {
		state = "pending"
	}
	var day *time.Time
	if !n.Day.IsZero() {
		day = &n.Day
	}
	tag, err := s.pool.Exec(ctx, `
		INSERT INTO notifications (user_id, kind, dedup, subject, body, link, athlete_id, thread_id, day, marker, created_at, state, next_at)
		VALUES ($1, $2, $3, $4, $5, $6, nullif($7, 0), nullif($8, 0), $9, $10, $11, $12, $11)
		ON CONFLICT (user_id, dedup) DO NOTHING`,
		n.UserID, n.Kind, truncate(n.Dedup, 200), truncate(n.Subject, 200), truncate(n.Body, 20000), n.Link,
		n.AthleteID, n.ThreadID, day, n.Marker, s.Now(), state)
	return err == nil && tag.RowsAffected() == 1, wrap(err, "notification")
}

const notificationColumns = `n.id, n.user_id, n.kind, n.dedup, n.subject, n.body, n.link, coalesce(n.athlete_id, 0),
	coalesce(n.thread_id, 0), coalesce(n.day, '0001-01-01'), coalesce(n.marker, 0), n.created_at, n.state, n.attempts, n.read_at IS NOT NULL`

func (n *Notification) dest() []any {
	return []any{&n.ID, &n.UserID, &n.Kind, &n.Dedup, &n.Subject, &n.Body, &n.Link, &n.AthleteID, &n.ThreadID, &n.Day,
		&n.Marker, &n.CreatedAt, &n.State, &n.Attempts, &n.Read}
}

// ClaimNotification takes the next due notification for sending, if any:
// it is 'sending' for lease, committed before the caller sends, so no
// other process takes it (SKIP LOCKED passes over one being claimed).
func (s *Store) ClaimNotification(ctx context.Context, lease time.Duration) (Notification, bool, error) {
	var n Notification
	now := s.Now()
	err := s.pool.QueryRow(ctx, `
		UPDATE notifications n SET state = 'sending', attempts = n.attempts + 1, lease_until = $2
		FROM users u
		WHERE n.id = (SELECT id FROM notifications WHERE state = 'pending' AND next_at <= $1
			ORDER BY next_at, id LIMIT 1 FOR UPDATE SKIP LOCKED) AND u.id = n.user_id
		RETURNING `+notificationColumns+`, u.email`, now, now.Add(lease)).Scan(append(n.dest(), &n.Email)...)
	if errors.Is(err, pgx.ErrNoRows) {
		return n, false, nil
	}
	return n, err == nil, wrap(err, "notification")
}

// NotificationSent records that the claimed notification was sent.
func (s *Store) NotificationSent(ctx context.Context, id int64) error {
	_, err := s.pool.Exec(ctx, `UPDATE notifications SET state = 'sent', sent_at = $2, lease_until = NULL, last_error = NULL
		WHERE id = $1 AND state = 'sending'`, id, s.Now())
	return wrap(err, "notification")
}

// NotificationRefused records a refused send: tried again at retry, or,
// when retry is zero, given up.
func (s *Store) NotificationRefused(ctx context.Context, id int64, why string, retry time.Time) error {
	_, err := s.pool.Exec(ctx, `
		UPDATE notifications SET state = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
			next_at = coalesce($3, next_at), lease_until = NULL, last_error = $2
		WHERE id = $1 AND state = 'sending'`, id, truncate(why, 1000), nullTime(retry))
	return wrap(err, "notification")
}

// NotificationSkipped records that a claimed notification no longer
// applies (read in the app already, checked in already) and is not sent.
func (s *Store) NotificationSkipped(ctx context.Context, id int64, why string) error {
	_, err := s.pool.Exec(ctx, `UPDATE notifications SET state = 'skipped', lease_until = NULL, last_error = $2
		WHERE id = $1 AND state = 'sending'`, id, why)
	return wrap(err, "notification")
}

// AbandonInterrupted fails the notifications a process claimed and never
// finished (it stopped or died while sending): the mail may have gone
// out, so it is not sent again. It returns how many.
func (s *Store) AbandonInterrupted(ctx context.Context) (int64, error) {
	tag, err := s.pool.Exec(ctx, `
		UPDATE notifications SET state = 'failed', lease_until = NULL,
			last_error = 'interrupted while sending; not sent again, so that it is never sent twice'
		WHERE state = 'sending' AND lease_until < $1`, s.Now())
	return tag.RowsAffected(), wrap(err, "notification")
}

// StillDue reports whether a claimed notification still applies: new
// comments still unread, a reminder's day still without a check-in.
func (s *Store) StillDue(ctx context.Context, n Notification) (bool, error) {
	var due bool
	var err error
	switch n.Kind {
	case NotifyComment:
		err = s.pool.QueryRow(ctx, `
			SELECT CASE WHEN a.coach_id = $2 THEN t.coach_read = $3 AND t.coach_unread > 0
			            ELSE t.athlete_read = $3 AND t.athlete_unread > 0 END
			FROM comment_threads t JOIN athletes a ON a.id = t.athlete_id WHERE t.id = $1`, n.ThreadID, n.UserID, n.Marker).Scan(&due)
	case NotifyReminder:
		err = s.pool.QueryRow(ctx, `SELECT NOT EXISTS (SELECT 1 FROM checkins WHERE athlete_id = $1 AND day = $2 AND answered)`,
			n.AthleteID, n.Day).Scan(&due)
	default:
		return true, nil
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return false, nil
	}
	return due, wrap(err, "notification")
}

// Notifications lists the person's latest notifications, newest first,
// and marks them read.
func (s *Store) Notifications(ctx context.Context, u User, limit int) ([]Notification, error) {
	var list []Notification
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		rows, err := tx.Query(ctx, `SELECT `+notificationColumns+` FROM notifications n
			WHERE n.user_id = $1 AND n.state <> 'skipped' ORDER BY n.created_at DESC, n.id DESC LIMIT $2`, u.ID, limit)
		if err != nil {
			return err
		}
		list, err = pgx.CollectRows(rows, func(row pgx.CollectableRow) (Notification, error) {
			var n Notification
			err := row.Scan(n.dest()...)
			return n, err
		})
		if err != nil || len(list) == 0 {
			return err
		}
		_, err = tx.Exec(ctx, `UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL AND id <= $3`,
			u.ID, s.Now(), list[0].ID)
		return err
	})
	return list, wrap(err, "notification")
}

func nullTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// PruneNotifications deletes the notifications made before before, sent or
// not, and returns how many. Those still queued are kept.
func (s *Store) PruneNotifications(ctx context.Context, before time.Time) (int64, error) {
	tag, err := s.pool.Exec(ctx, `DELETE FROM notifications WHERE created_at < $1 AND state NOT IN ('pending', 'sending')`, before)
	return tag.RowsAffected(), wrap(err, "notification")
}
