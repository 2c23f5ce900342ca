package store

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/apperr"
	"rebound/internal/training"
)

// ErrEditWindow refuses to edit a comment older than EditWindow.
var ErrEditWindow = apperr.New(apperr.Invalid, "A comment can be edited for 15 minutes after it was posted. You can still delete it and write a new one.")

// subjectMatch finds a subject's thread: of the athlete in parameter
// $first, the kind, workout and day in the three after it. A week's
// thread is found by any day of the week, so a change of the athlete's
// first weekday does not lose it.
func subjectMatch(first int) string {
	p := func(i int) string { return "$" + strconv.Itoa(first+i) }
	return `t.athlete_id = ` + p(0) + ` AND t.subject = ` + p(1) + ` AND CASE ` + p(1) + `::text
	WHEN 'workout' THEN t.workout_id = ` + p(2) + `
	WHEN 'week' THEN t.day BETWEEN ` + p(3) + `::date AND ` + p(3) + `::date + 6
	ELSE t.day = ` + p(3) + ` END`
}

func subjectArgs(s training.Subject) []any {
	var day *time.Time
	if s.Kind != training.SubjectWorkout {
		day = &s.Day
	}
	return []any{s.Kind, s.WorkoutID, day}
}

// Thread reads the subject's thread as actor sees it: the athlete's coach
// or the athlete themself; anyone else gets NotFound. A subject nobody
// has written about is an empty thread. The caller checks that the
// subject itself exists.
func (s *Store) Thread(ctx context.Context, actor User, athleteID int64, subj training.Subject) (training.Thread, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT a.coach_id = $1, coalesce(t.id, 0),
			CASE WHEN a.coach_id = $1 THEN coalesce(t.coach_read, 0) ELSE coalesce(t.athlete_read, 0) END,
			CASE WHEN a.coach_id = $1 THEN coalesce(t.coach_unread, 0) ELSE coalesce(t.athlete_unread, 0) END,
			coalesce(c.id, 0), coalesce(c.author_id, 0),
			coalesce(u.name, CASE WHEN c.by_coach THEN 'Coach' ELSE a.name END, ''), coalesce(c.by_coach, false),
			coalesce(c.body, ''), coalesce(c.created_at, 'epoch'), c.edited_at
		FROM athletes a
		LEFT JOIN LATERAL (SELECT * FROM comment_threads t WHERE `+subjectMatch(2)+` ORDER BY t.day NULLS FIRST LIMIT 1) t ON true
		LEFT JOIN comments c ON c.thread_id = t.id
		LEFT JOIN users u ON u.id = c.author_id
		WHERE a.id = $2 AND (a.coach_id = $1 OR a.user_id = $1)
		ORDER BY c.id`, append([]any{actor.ID, athleteID}, subjectArgs(subj)...)...)
	if err != nil {
		return training.Thread{}, wrap(err, "athlete")
	}
	th := training.Thread{AthleteID: athleteID, Subject: subj}
	var read int64
	found := false
	for rows.Next() {
		var c training.Comment
		if err := rows.Scan(&th.Coach, &th.ID, &read, &th.Unread, &c.ID, &c.AuthorID, &c.AuthorName, &c.ByCoach,
			&c.Body, &c.CreatedAt, &c.EditedAt); err != nil {
			rows.Close()
			return training.Thread{}, wrap(err, "comment")
		}
		found = true
		if c.ID != 0 {
			c.AthleteID, c.Subject = athleteID, subj
			c.Unread = c.ByCoach != th.Coach && c.ID > read
			th.Comments = append(th.Comments, c)
		}
	}
	if err := rows.Err(); err != nil {
		return training.Thread{}, wrap(err, "comment")
	}
	if !found {
		return training.Thread{}, notFound("athlete")
	}
	return th, nil
}

// MarkRead records that the reader of th has read it up to its newest
// comment. It writes only when there was something unread.
func (s *Store) MarkRead(ctx context.Context, actor User, th training.Thread) error {
	if th.ID == 0 || th.Unread == 0 {
		return nil
	}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var coach bool
		err := tx.QueryRow(ctx, `
			SELECT a.coach_id = $1 FROM comment_threads t JOIN athletes a ON a.id = t.athlete_id
			WHERE t.id = $2 AND (a.coach_id = $1 OR a.user_id = $1) FOR UPDATE OF t`, actor.ID, th.ID).Scan(&coach)
		if err != nil {
			return err
		}
		column := "athlete_read"
		if coach {
			column = "coach_read"
		}
		if _, err := tx.Exec(ctx, `UPDATE comment_threads SET `+column+` = greatest(`+column+`, $2) WHERE id = $1`, th.ID, th.LastID()); err != nil {
			return err
		}
		return recount(ctx, tx, th.ID)
	})
	return wrap(err, "comment")
}

// recount works out a locked thread's counts from its comments and read
// markers.
func recount(ctx context.Context, tx pgx.Tx, threadID int64) error {
	_, err := tx.Exec(ctx, `
		UPDATE comment_threads t SET (comments, last_at, coach_unread, athlete_unread) = (
			SELECT count(*), max(c.created_at),
				count(*) FILTER (WHERE NOT c.by_coach AND c.id > t.coach_read),
				count(*) FILTER (WHERE c.by_coach AND c.id > t.athlete_read)
			FROM comments c WHERE c.thread_id = t.id)
		WHERE t.id = $1`, threadID)
	return err
}

// side returns whether actor is the athlete's coach (else the athlete
// themself); NotFound for anyone else.
func side(ctx context.Context, tx pgx.Tx, actor User, athleteID int64) (coach bool, err error) {
	err = tx.QueryRow(ctx, `SELECT coach_id = $1 FROM athletes WHERE id = $2 AND (coach_id = $1 OR user_id = $1) FOR SHARE`,
		actor.ID, athleteID).Scan(&coach)
	return coach, err
}

// AddComment adds actor's comment to the subject's thread (starting it),
// counting the thread read by its author up to it. The subject must be
// the athlete's: their workout, a day they checked in, or any week.
func (s *Store) AddComment(ctx context.Context, actor User, athleteID int64, subj training.Subject, body string) (training.Comment, error) {
	c := training.Comment{AthleteID: athleteID, AuthorID: actor.ID, AuthorName: actor.Name, Body: body, CreatedAt: s.Now(), Subject: subj}
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		if c.ByCoach, err = side(ctx, tx, actor, athleteID); err != nil {
			return err
		}
		var exists bool
		switch subj.Kind {
		case training.SubjectWorkout:
			err = tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM workouts WHERE id = $1 AND athlete_id = $2)`, subj.WorkoutID, athleteID).Scan(&exists)
		case training.SubjectCheckIn:
			err = tx.QueryRow(ctx, `SELECT EXISTS (SELECT 1 FROM checkins WHERE athlete_id = $1 AND day = $2)`, athleteID, subj.Day).Scan(&exists)
		case training.SubjectWeek:
			exists = true
		}
		if err != nil {
			return err
		}
		if !exists {
			return notFound(subj.Kind)
		}
		threadID, err := lockThread(ctx, tx, athleteID, subj)
		if err != nil {
			return err
		}
		err = tx.QueryRow(ctx, `INSERT INTO comments (thread_id, author_id, by_coach, body, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			threadID, actor.ID, c.ByCoach, body, c.CreatedAt).Scan(&c.ID)
		if err != nil {
			return err
		}
		column := "athlete_read"
		if c.ByCoach {
			column = "coach_read"
		}
		if _, err := tx.Exec(ctx, `UPDATE comment_threads SET `+column+` = $2 WHERE id = $1`, threadID, c.ID); err != nil {
			return err
		}
		return recount(ctx, tx, threadID)
	})
	return c, wrap(err, "comment")
}

// lockThread returns the subject's thread, made if there is none yet,
// locked for the rest of the transaction.
func lockThread(ctx context.Context, tx pgx.Tx, athleteID int64, subj training.Subject) (int64, error) {
	args := append([]any{athleteID}, subjectArgs(subj)...)
	find := `SELECT t.id FROM comment_threads t WHERE ` + subjectMatch(1) + ` ORDER BY t.day NULLS FIRST LIMIT 1 FOR UPDATE`
	var id int64
	err := tx.QueryRow(ctx, find, args...).Scan(&id)
	if !errors.Is(err, pgx.ErrNoRows) {
		return id, err
	}
	var workout *int64
	var day *time.Time
	if subj.Kind == training.SubjectWorkout {
		workout = &subj.WorkoutID
	} else {
		day = &subj.Day
	}
	// Two first comments at once: one insert wins, the other finds its row.
	_, err = tx.Exec(ctx, `INSERT INTO comment_threads (athlete_id, subject, workout_id, day) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
		athleteID, subj.Kind, workout, day)
	if err != nil {
		return 0, err
	}
	err = tx.QueryRow(ctx, find, args...).Scan(&id)
	return id, err
}

// ownComment locks actor's own comment id of athlete athleteID (and its
// thread first, as AddComment locks them) and returns it; NotFound if it
// is not there or not theirs.
func (s *Store) ownComment(ctx context.Context, tx pgx.Tx, actor User, athleteID, id int64) (training.Comment, int64, error) {
	var threadID int64
	err := tx.QueryRow(ctx, `
		SELECT t.id FROM comments c JOIN comment_threads t ON t.id = c.thread_id JOIN athletes a ON a.id = t.athlete_id
		WHERE c.id = $1 AND t.athlete_id = $2 AND c.author_id = $3 AND (a.coach_id = $3 OR a.user_id = $3)
		FOR UPDATE OF t`, id, athleteID, actor.ID).Scan(&threadID)
	if err != nil {
		return training.Comment{}, 0, err
	}
	c := training.Comment{ID: id, AthleteID: athleteID, AuthorID: actor.ID, AuthorName: actor.Name}
	var workout *int64
	var day *time.Time
	err = tx.QueryRow(ctx, `
		SELECT c.by_coach, c.body, c.created_at, c.edited_at, t.subject, t.workout_id, t.day
		FROM comments c JOIN comment_threads t ON t.id = c.thread_id WHERE c.id = $1 FOR UPDATE OF c`, id).
		Scan(&c.ByCoach, &c.Body, &c.CreatedAt, &c.EditedAt, &c.Subject.Kind, &workout, &day)
	if workout != nil {
		c.Subject.WorkoutID = *workout
	}
	if day != nil {
		c.Subject.Day = *day
	}
	return c, threadID, err
}

// OwnComment returns actor's own comment id of the athlete, for editing.
func (s *Store) OwnComment(ctx context.Context, actor User, athleteID, id int64) (training.Comment, error) {
	var c training.Comment
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		c, _, err = s.ownComment(ctx, tx, actor, athleteID, id)
		return err
	})
	return c, wrap(err, "comment")
}

// EditComment changes the text of actor's own comment, within EditWindow
// of posting it. It returns the comment as it now is.
func (s *Store) EditComment(ctx context.Context, actor User, athleteID, id int64, body string) (training.Comment, error) {
	var c training.Comment
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var err error
		if c, _, err = s.ownComment(ctx, tx, actor, athleteID, id); err != nil {
			return err
		}
		now := s.Now()
		if !c.Editable(now) {
			return ErrEditWindow
		}
		c.Body, c.EditedAt = body, &now
		_, err = tx.Exec(ctx, `UPDATE comments SET body = $2, edited_at = $3 WHERE id = $1`, id, body, now)
		return err
	})
	return c, wrap(err, "comment")
}

// DeleteComment deletes actor's own comment and returns what it was.
func (s *Store) DeleteComment(ctx context.Context, actor User, athleteID, id int64) (training.Comment, error) {
	var c training.Comment
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		var threadID int64
		var err error
		if c, threadID, err = s.ownComment(ctx, tx, actor, athleteID, id); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `DELETE FROM comments WHERE id = $1`, id); err != nil {
			return err
		}
		return recount(ctx, tx, threadID)
	})
	return c, wrap(err, "comment")
}

// Threads lists the athlete's threads as actor sees them, the most recent
// first, at most limit; with unread set only those with comments the
// actor has not read.
func (s *Store) Threads(ctx context.Context, actor User, athleteID int64, unread bool, limit int) ([]training.ThreadSummary, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT t.subject, coalesce(t.workout_id, 0), coalesce(t.day, w.day), coalesce(w.title, ''), t.comments,
			CASE WHEN a.coach_id = $1 THEN t.coach_unread ELSE t.athlete_unread END, t.last_at,
			coalesce(u.name, CASE WHEN l.by_coach THEN 'Coach' ELSE a.name END), l.body
		FROM comment_threads t
		JOIN athletes a ON a.id = t.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		LEFT JOIN workouts w ON w.id = t.workout_id
		JOIN LATERAL (SELECT * FROM comments c WHERE c.thread_id = t.id ORDER BY c.id DESC LIMIT 1) l ON true
		LEFT JOIN users u ON u.id = l.author_id
		WHERE t.athlete_id = $2 AND t.comments > 0
			AND (NOT $3 OR CASE WHEN a.coach_id = $1 THEN t.coach_unread ELSE t.athlete_unread END > 0)
		ORDER BY t.last_at DESC, t.id DESC LIMIT $4`, actor.ID, athleteID, unread, limit)
	if err != nil {
		return nil, wrap(err, "comment")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (training.ThreadSummary, error) {
		var t training.ThreadSummary
		err := row.Scan(&t.Kind, &t.WorkoutID, &t.Day, &t.Title, &t.Comments, &t.Unread, &t.LastAt, &t.LastBy, &t.Last)
		return t, err
	})
	return list, wrap(err, "comment")
}

// CommentCounts returns the counts of the athlete's subjects on days
// from..to as actor sees them, by Subject.Key: workouts on those days,
// check-ins and weeks. A week's count is under the key of the week that
// starts on from.
func (s *Store) CommentCounts(ctx context.Context, actor User, athleteID int64, from, to time.Time) (map[string]training.CommentCount, error) {
	rows, err := s.pool.Query(ctx, `
		SELECT t.subject, coalesce(t.workout_id, 0), coalesce(t.day, '0001-01-01'), t.comments,
			CASE WHEN a.coach_id = $1 THEN t.coach_unread ELSE t.athlete_unread END
		FROM comment_threads t
		JOIN athletes a ON a.id = t.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		LEFT JOIN workouts w ON w.id = t.workout_id
		WHERE t.athlete_id = $2 AND t.comments > 0 AND coalesce(t.day, w.day) BETWEEN $3 AND $4`, actor.ID, athleteID, from, to)
	if err != nil {
		return nil, wrap(err, "comment")
	}
	counts := map[string]training.CommentCount{}
	for rows.Next() {
		var subj training.Subject
		var n training.CommentCount
		if err := rows.Scan(&subj.Kind, &subj.WorkoutID, &subj.Day, &n.Comments, &n.Unread); err != nil {
			rows.Close()
			return nil, wrap(err, "comment")
		}
		if subj.Kind == training.SubjectWeek {
			subj.Day = from
		}
		counts[subj.Key()] = n
	}
	return counts, wrap(rows.Err(), "comment")
}

// NormalizeComment is a comment's text as stored: line breaks as "\n",
// without blank lines around it.
func NormalizeComment(body string) string {
	body = strings.ReplaceAll(body, "\r\n", "\n")
	body = strings.ReplaceAll(body, "\r", "\n")
	return strings.Trim(body, " \t\n")
}
