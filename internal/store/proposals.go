package store

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"time"

	"github.com/jackc/pgx/v5"

	"rebound/internal/plan"
	"rebound/internal/training"
)

// Proposal is a lightened plan for the next days, proposed after an
// amber or red check-in.
type Proposal struct {
	ID          int64
	AthleteID   int64
	AthleteName string
	CheckInDay  time.Time
	Light       string
	Reason      string
	Rules       []string // the rule each reason calls for, in words
	// Pattern is the red flags (package readiness's codes) of the
	// overreaching pattern the proposal answers; empty when it answers
	// none.
	Pattern     []string
	Adjustments []plan.Adjustment
	Note        string
	Status      string
	CreatedAt   time.Time
}

// SaveProposal stores the proposal of an athlete's check-in day, replacing
// the one made by an earlier check-in that day, and retires older pending
// ones: only the newest reading of the athlete counts.
func (s *Store) SaveProposal(ctx context.Context, athlete User, p Proposal) error {
	args, err := proposalArgs(athlete, p, s.Now())
	if err != nil {
		return wrap(err, "proposal")
	}
	var mine bool
	err = s.pool.QueryRow(ctx, saveProposal, args...).Scan(&mine)
	return proposalSaved(mine, err)
}

// saveProposal is SaveProposal in one statement, so that a check-in can
// send it with its own: it answers whether the athlete is the user's
// (nothing is written otherwise). A proposal the coach already applied
// or dismissed that day stays decided: a second check-in must not
// lighten the same days twice.
const saveProposal = `
	WITH a AS (SELECT id FROM athletes WHERE id = $2 AND user_id = $1),
	older AS (
		UPDATE proposals p SET status = 'superseded' FROM a
		WHERE p.athlete_id = a.id AND p.status = 'pending' AND p.checkin_day < $3
	),
	saved AS (
		INSERT INTO proposals (athlete_id, checkin_day, light, reason, adjustments, note, created_at, rules, pattern)
		SELECT a.id, $3, $4, $5, $6, $7, $8, $9, $10 FROM a
		ON CONFLICT (athlete_id, checkin_day) DO UPDATE SET light = EXCLUDED.light, reason = EXCLUDED.reason,
			adjustments = EXCLUDED.adjustments, note = EXCLUDED.note, created_at = EXCLUDED.created_at, rules = EXCLUDED.rules,
			pattern = EXCLUDED.pattern
		WHERE proposals.status IN ('pending', 'superseded')
	)
	SELECT EXISTS (SELECT 1 FROM a)`

// proposalArgs are saveProposal's parameters.
func proposalArgs(athlete User, p Proposal, now time.Time) ([]any, error) {
	adj, err := json.Marshal(p.Adjustments)
	// The rules fit the column's limits (12 rules, 4000 characters),
	// whole rules first.
	rules, size := make([]string, 0, len(p.Rules)), 0
	for _, r := range p.Rules[:min(len(p.Rules), 12)] {
		r = truncate(r, 1000)
		if size += len(r); size > 4000 {
			break
		}
		rules = append(rules, r)
	}
	return []any{athlete.ID, p.AthleteID, p.CheckInDay, p.Light, truncate(p.Reason, 500), adj, truncate(p.Note, 1000), now, rules,
		nonNil(p.Pattern)}, err
}

// proposalSaved is saveProposal's outcome: not mine, no such proposal.
func proposalSaved(mine bool, err error) error {
	if err == nil && !mine {
		return notFound("proposal")
	}
	return wrap(err, "proposal")
}

// RetireProposals withdraws the athlete's pending proposals: a later
// check-in came back green.
func (s *Store) RetireProposals(ctx context.Context, athlete User, athleteID int64) error {
	_, err := s.pool.Exec(ctx, retireProposals, athlete.ID, athleteID)
	return wrap(err, "proposal")
}

const retireProposals = `
	UPDATE proposals p SET status = 'superseded' FROM athletes a
	WHERE p.athlete_id = a.id AND a.id = $2 AND a.user_id = $1 AND p.status = 'pending'`

const proposalColumns = `p.id, p.athlete_id, a.name, p.checkin_day, p.light, p.reason, p.rules, p.pattern, p.adjustments, p.note, p.status, p.created_at`

func scanProposal(row pgx.Row) (Proposal, error) {
	var p Proposal
	var adj []byte
	err := row.Scan(&p.ID, &p.AthleteID, &p.AthleteName, &p.CheckInDay, &p.Light, &p.Reason, &p.Rules, &p.Pattern, &adj, &p.Note, &p.Status, &p.CreatedAt)
	if err == nil {
		err = json.Unmarshal(adj, &p.Adjustments)
	}
	return p, err
}

// PendingProposal returns the athlete's pending proposal; ok is false
// when there is none.
func (s *Store) PendingProposal(ctx context.Context, actor User, athleteID int64) (p Proposal, ok bool, err error) {
	rows, err := s.pool.Query(ctx, `SELECT `+proposalColumns+` FROM proposals p
		JOIN athletes a ON a.id = p.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		WHERE p.athlete_id = $2 AND p.status = 'pending' ORDER BY p.checkin_day DESC LIMIT 1`, actor.ID, athleteID)
	if err != nil {
		return p, false, wrap(err, "proposal")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Proposal, error) { return scanProposal(row) })
	if err != nil || len(list) == 0 {
		return p, false, wrap(err, "proposal")
	}
	return list[0], true, nil
}

// PendingProposals lists the pending proposals of the coach's athletes,
// red first, for the coach's home page. One query, however many athletes.
func (s *Store) PendingProposals(ctx context.Context, coach User) ([]Proposal, error) {
	rows, err := s.pool.Query(ctx, `SELECT `+proposalColumns+` FROM proposals p
		JOIN athletes a ON a.id = p.athlete_id AND a.coach_id = $1 AND a.archived_at IS NULL
		WHERE p.status = 'pending' ORDER BY p.light = 'red' DESC, p.created_at, p.id`, coach.ID)
	if err != nil {
		return nil, wrap(err, "proposal")
	}
	list, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (Proposal, error) { return scanProposal(row) })
	return list, wrap(err, "proposal")
}

// DismissProposal marks a pending proposal of the coach's athlete dismissed.
func (s *Store) DismissProposal(ctx context.Context, coach User, athleteID, id int64) error {
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		_, err := s.decide(ctx, tx, coach, athleteID, id, "dismissed")
		return err
	})
	return wrap(err, "proposal")
}

// Applied is what applying a proposal did.
type Applied struct {
	Changed int       // workouts changed
	Skipped int       // left alone: changed since the proposal, or gone
	First   time.Time // the earliest day changed; zero when none
}

// ApplyProposal makes a pending proposal's changes in one transaction,
// each a recorded edit with the proposal's reason, and marks it applied. A
// workout changed since the proposal (or gone) is left as it is. Each
// takes the adjustment's numbers with its title, description, distance
// and structure, which its engine wrote from them (plan.Retext): what the
// coach was shown. A proposal made before text followed the numbers
// carries none; its text is written here the same way, with the
// adjustment's reason.
func (s *Store) ApplyProposal(ctx context.Context, coach User, athleteID, id int64) (Applied, error) {
	var res Applied
	err := pgx.BeginFunc(ctx, s.pool, func(tx pgx.Tx) error {
		res = Applied{}
		p, err := s.decide(ctx, tx, coach, athleteID, id, "applied")
		if err != nil {
			return err
		}
		for _, adj := range p.Adjustments {
			wo, err := lockWorkout(ctx, tx, coach, adj.WorkoutID)
			if errors.Is(err, pgx.ErrNoRows) || (err == nil && (wo.AthleteID != athleteID || !unchanged(wo, adj.Before))) {
				res.Skipped++
				continue
			}
			if err != nil {
				return err
			}
			after := adj.After
			if after.Description == "" && after.Structure == nil {
				why := adj.Reason
				if why == "" {
					why = p.Reason
				}
				after.DistanceM = wo.PlannedDistanceM // such a proposal set no distance: Retext works it out
				after = plan.Retext(plan.FromWorkout(wo), after, why)
			}
			next := plan.ToPrescription(after)
			if _, err := s.updatePlan(ctx, tx, coach, wo, adj.After.Date, next, "Proposal after "+p.Reason); err != nil {
				return err
			}
			res.Changed++
			if res.First.IsZero() || adj.After.Date.Before(res.First) {
				res.First = adj.After.Date
			}
		}
		return nil
	})
	return res, wrap(err, "proposal")
}

// unchanged reports whether the workout is still as the proposal saw it:
// its numbers, and its text and structure where the proposal kept them
// (those made before text followed the numbers did not).
func unchanged(wo training.Workout, before plan.Upcoming) bool {
	return wo.Status == "planned" && wo.Day.Equal(before.Date) && wo.Kind == before.Kind && wo.Title == before.Title &&
		wo.Sport == before.Sport && wo.PlannedDurationS/60 == before.Minutes && wo.TargetRPE == before.RPE && wo.TargetZone == before.Zone &&
		(before.Description == "" && before.Structure == nil ||
			wo.Description == before.Description && wo.PlannedDistanceM == before.DistanceM && reflect.DeepEqual(wo.Structure, before.Structure))
}

// decide locks a pending proposal of the coach's athlete and marks it.
func (s *Store) decide(ctx context.Context, tx pgx.Tx, coach User, athleteID, id int64, status string) (Proposal, error) {
	p, err := scanProposal(tx.QueryRow(ctx, `SELECT `+proposalColumns+` FROM proposals p
		JOIN athletes a ON a.id = p.athlete_id AND a.coach_id = $1
		WHERE p.id = $2 AND p.athlete_id = $3 AND p.status = 'pending' FOR UPDATE OF p`, coach.ID, id, athleteID))
	if err != nil {
		return p, err
	}
	_, err = tx.Exec(ctx, `UPDATE proposals SET status = $2, decided_at = $3, decided_by = $4 WHERE id = $1`,
		id, status, s.Now(), coach.ID)
	return p, err
}

// DecidedPattern is the latest proposal answering an overreaching
// pattern that the coach applied or dismissed on or after since: its red
// flags, whether it was applied, and when it was decided; no flags when
// there is none. An applied cutback runs its week before another is
// proposed; a dismissed one is not proposed again for the same flags.
func (s *Store) DecidedPattern(ctx context.Context, actor User, athleteID int64, since time.Time) (flags []string, applied bool, at time.Time, err error) {
	err = s.pool.QueryRow(ctx, `SELECT p.pattern, p.status = 'applied', p.decided_at FROM proposals p
		JOIN athletes a ON a.id = p.athlete_id AND (a.coach_id = $1 OR a.user_id = $1)
		WHERE p.athlete_id = $2 AND p.status IN ('applied', 'dismissed') AND cardinality(p.pattern) > 0 AND p.decided_at >= $3
		ORDER BY p.decided_at DESC, p.id DESC LIMIT 1`, actor.ID, athleteID, since).Scan(&flags, &applied, &at)
	if errors.Is(err, pgx.ErrNoRows) {
		return nil, false, time.Time{}, nil
	}
	return flags, applied, at, wrap(err, "proposal")
}
