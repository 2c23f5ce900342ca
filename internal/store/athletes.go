package store

import (
	"context"
	"errors"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/apperr"
	"rebound/internal/training"
)

// NewAthlete is what a coach enters to create an athlete.
type NewAthlete struct {
	Name     string
	Email    string
	Timezone string
}

// ErrAthleteEmailTaken: a coach keeps one record per athlete.
var ErrAthleteEmailTaken = apperr.New(apperr.Conflict, "You already have an athlete with this e-mail address.")

// athleteColumns reads an athlete and their latest invite; every query
// using it is scoped to the acting user in its WHERE clause.
const athleteColumns = `
	a.id, a.coach_id, c.name, a.name, a.email, a.timezone, a.user_id IS NOT NULL, a.created_at, a.archived_at,
	a.sports, a.units, a.week_starts_sunday, coalesce(a.birth_year, 0), a.experience, a.weekly_minutes,
	coalesce(a.weekly_run_m, 0), coalesce(a.weekly_bike_m, 0), coalesce(a.threshold_hr, 0), coalesce(a.max_hr, 0),
	coalesce(a.threshold_pace_s_per_km, 0), coalesce(a.ftp_w, 0), a.notes, a.tags,
	CASE WHEN i.id IS NULL THEN 'none'
	     WHEN i.used_at IS NOT NULL THEN 'used'
	     WHEN i.revoked_at IS NOT NULL THEN 'revoked'
	     WHEN i.expires_at <= $now THEN 'expired'
	     ELSE 'open' END,
	coalesce(i.expires_at, 'epoch')`

const athleteFrom = `
	FROM athletes a
	JOIN users c ON c.id = a.coach_id
	LEFT JOIN LATERAL (
		SELECT * FROM invites WHERE athlete_id = a.id AND kind = 'athlete' ORDER BY created_at DESC, id DESC LIMIT 1
	) i ON true`

func scanAthlete(row pgx.Row) (training.Athlete, error) {
	var a training.Athlete
	err := row.Scan(athleteDest(&a)...)
	return a, err
}

// athleteDest is where athleteColumns scan to.
func athleteDest(a *training.Athlete) []any {
	return []any{&a.ID, &a.CoachID, &a.CoachName, &a.Name, &a.Email, &a.Timezone, &a.Joined, &a.CreatedAt, &a.ArchivedAt,
		&a.Sports, &a.Units, &a.WeekStartsSunday, &a.BirthYear, &a.Experience, &a.WeeklyMinutes,
		&a.WeeklyRunM, &a.WeeklyBikeM, &a.ThresholdHR, &a.MaxHR, &a.ThresholdPace, &a.FTP, &a.Notes, &a.Tags,
		&a.Invite.Status, &a.Invite.ExpiresAt}
}

// athleteQuery substitutes the clock for $now, so tests can move it.
func athleteQuery(where string) string {
	return strings.ReplaceAll("SELECT "+athleteColumns+athleteFrom+" "+where, "$now", "$1")
}

// CreateAthlete adds an athlete to the coach's roster.
func (s *Store) CreateAthlete(ctx context.Context, coach User, in NewAthlete) (training.Athlete, error) {
	a, _, err := s.CreateInvitedAthlete(ctx, coach, in, nil)
	return a, err
}

// CreateInvitedAthlete adds an athlete and, with a token hash, their
// invite, in one transaction: no athlete without the invite the coach was
// promised.
func (s *Store) CreateInvitedAthlete(ctx context.Context, coach User, in NewAthlete, tokenHash []byte) (training.Athlete, time.Time, error) {
	if coach.Role != RoleCoach {
		return training.Athlete{}, time.Time{}, notFound("coach")
	}
	now := s.Now()
	expires := now.Add(InviteTTL)
	var id int64
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		err := tx.QueryRow(ctx, `
			INSERT INTO athletes (coach_id, name, email, timezone, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
			coach.ID, strings.TrimSpace(in.Name), NormalizeEmail(in.Email), in.Timezone, now).Scan(&id)
		if uniqueViolation(err, "athletes_coach_email_key") {
			return ErrAthleteEmailTaken
		}
		if err != nil || tokenHash == nil {
			return err
		}
		return insertAthleteInvite(ctx, tx, coach, id, tokenHash, now, expires)
	})
	if err != nil {
		return training.Athlete{}, time.Time{}, wrap(err, "athlete")
	}
	a, err := s.Athlete(ctx, coach, id)
	return a, expires, err
}

// Athletes lists a coach's athletes by name: the active ones, or the
// archived ones.
func (s *Store) Athletes(ctx context.Context, coach User, archived bool) ([]training.Athlete, error) {
	rows, err := s.pool.Query(ctx, athleteQuery(`WHERE a.coach_id = $2 AND (a.archived_at IS NOT NULL) = $3 ORDER BY lower(a.name), a.id`),
		s.Now(), coach.ID, archived)
	if err != nil {
		return nil, wrap(err, "athlete")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (training.Athlete, error) { return scanAthlete(row) })
	return list, wrap(err, "athlete")
}

// Athlete returns athlete id if the actor may see it: their coach, or the
// athlete themself. Anyone else gets NotFound, as if it did not exist.
func (s *Store) Athlete(ctx context.Context, actor User, id int64) (training.Athlete, error) {
	return athlete(ctx, s.pool, s.Now(), actor, id)
}

func athlete(ctx context.Context, q querier, now time.Time, actor User, id int64) (training.Athlete, error) {
	a, err := scanAthlete(q.QueryRow(ctx, athleteQuery(`WHERE a.id = $2 AND (a.coach_id = $3 OR a.user_id = $3)`), now, id, actor.ID))
	return a, wrap(err, "athlete")
}

// LastTimezone is the time zone of the coach's newest athlete, or "" (UTC
// to time.LoadLocation) without one: the new-athlete form then leaves the
// field to the browser's own zone.
func (s *Store) LastTimezone(ctx context.Context, coach User) (string, error) {
	var tz string
	err := s.pool.QueryRow(ctx, `SELECT timezone FROM athletes WHERE coach_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1`, coach.ID).Scan(&tz)
	if errors.Is(err, pgx.ErrNoRows) {
		return "", nil
	}
	return tz, wrap(err, "athlete")
}

// UpdateProfile saves the coach's athlete's profile.
func (s *Store) UpdateProfile(ctx context.Context, coach User, id int64, p training.Profile) error {
	tag, err := s.pool.Exec(ctx, `
		UPDATE athletes SET name = $3, email = $4, timezone = $5, sports = $6, units = $7, week_starts_sunday = $8,
			birth_year = nullif($9, 0), experience = $10, weekly_minutes = $11, weekly_run_m = nullif($12, 0),
			weekly_bike_m = nullif($13, 0), threshold_hr = nullif($14, 0), max_hr = nullif($15, 0),
			threshold_pace_s_per_km = nullif($16, 0), ftp_w = nullif($17, 0), notes = $18, tags = $19
		WHERE id = $1 AND coach_id = $2`,
		id, coach.ID, strings.TrimSpace(p.Name), NormalizeEmail(p.Email), p.Timezone, p.Sports, p.Units, p.WeekStartsSunday,
		p.BirthYear, p.Experience, p.WeeklyMinutes, p.WeeklyRunM, p.WeeklyBikeM, p.ThresholdHR, p.MaxHR,
		p.ThresholdPace, p.FTP, p.Notes, nonNil(p.Tags))
	if uniqueViolation(err, "athletes_coach_email_key") {
		return ErrAthleteEmailTaken
	}
	if err == nil && tag.RowsAffected() == 0 {
		return notFound("athlete")
	}
	return wrap(err, "athlete")
}

// SetArchived archives the coach's athlete (off the roster, nothing
// deleted) or restores them.
func (s *Store) SetArchived(ctx context.Context, coach User, id int64, archived bool) error {
	tag, err := s.pool.Exec(ctx, `
		UPDATE athletes SET archived_at = CASE WHEN $3 THEN coalesce(archived_at, $4) END
		WHERE id = $1 AND coach_id = $2`, id, coach.ID, archived, s.Now())
	if err == nil && tag.RowsAffected() == 0 {
		return notFound("athlete")
	}
	return wrap(err, "athlete")
}
