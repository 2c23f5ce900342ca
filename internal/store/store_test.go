package store_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/auth"
	"rebound/internal/pgtest"
	"rebound/internal/plan"
	"rebound/internal/store"
	"rebound/internal/training"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var hash = func() string {
	h, err := auth.HashPassword(context.Background(), "kettle orbit walnut")
	if err != nil {
		panic(err)
	}
	return h
}()

func open(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), pgtest.DSN(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

// coachWithMaya makes coach Carla and her athlete Maya (UTC), who has
// accepted her invite.
func coachWithMaya(t *testing.T, st *store.Store) (store.User, training.Athlete, store.User) {
	t.Helper()
	ctx := context.Background()
	ca, err := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	if err != nil {
		t.Fatal(err)
	}
	maya, _, err := st.CreateInvitedAthlete(ctx, ca, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: "UTC"}, auth.HashToken("m"))
	if err != nil {
		t.Fatal(err)
	}
	mayaUser, err := st.AcceptAthleteInvite(ctx, auth.HashToken("m"), hash)
	if err != nil {
		t.Fatal(err)
	}
	return ca, maya, mayaUser
}

func TestExactlyOneFirstCoach(t *testing.T) {
	st := open(t)
	var wg sync.WaitGroup
	errs := make([]error, 8)
	for i := range errs {
		wg.Go(func() {
			_, errs[i] = st.CreateCoach(context.Background(), "Coach", "coach"+string(rune('a'+i))+"@example.com", hash, false)
		})
	}
	wg.Wait()
	var ok, closed int
	for _, err := range errs {
		switch {
		case err == nil:
			ok++
		case errors.Is(err, store.ErrSignupClosed):
			closed++
		default:
			t.Fatal(err)
		}
	}
	if ok != 1 || closed != 7 {
		t.Fatalf("%d sign-ups succeeded, %d were closed; want 1 and 7", ok, closed)
	}
}

func TestAthleteQueriesAreScopedToTheActor(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	cb, _ := st.CreateCoach(ctx, "Ben", "ben@example.com", hash, true)
	maya, err := st.CreateAthlete(ctx, ca, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: "UTC"})
	if err != nil {
		t.Fatal(err)
	}
	tom, _ := st.CreateAthlete(ctx, cb, store.NewAthlete{Name: "Tom", Email: "tom@example.com", Timezone: "UTC"})
	_, h := auth.NewToken()
	if _, err := st.IssueAthleteInvite(ctx, ca, maya.ID, h); err != nil {
		t.Fatal(err)
	}
	mayaUser, err := st.AcceptAthleteInvite(ctx, h, hash)
	if err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		who   string
		actor store.User
		id    int64
		found bool
	}{
		{"her coach", ca, maya.ID, true},
		{"herself", mayaUser, maya.ID, true},
		{"another coach", cb, maya.ID, false},
		{"another coach's athlete, as Maya", mayaUser, tom.ID, false},
		{"no such id", ca, 999999, false},
	} {
		_, err := st.Athlete(ctx, tc.actor, tc.id)
		if tc.found != (err == nil) || (!tc.found && apperr.CodeOf(err) != apperr.NotFound) {
			t.Errorf("%s: err = %v", tc.who, err)
		}
	}
	list, _ := st.Athletes(ctx, cb, false)
	if len(list) != 1 || list[0].ID != tom.ID {
		t.Errorf("coach B's roster: %+v", list)
	}
	if _, err := st.IssueAthleteInvite(ctx, cb, maya.ID, auth.HashToken("x")); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("coach B invited coach A's athlete: %v", err)
	}
	if _, err := st.IssueAthletePasswordReset(ctx, cb, maya.ID, auth.HashToken("y")); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("coach B reset coach A's athlete: %v", err)
	}
	if err := st.RevokeAthleteInvite(ctx, cb, maya.ID); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("coach B revoked coach A's invite: %v", err)
	}
	if _, err := st.CreateAthlete(ctx, mayaUser, store.NewAthlete{Name: "X", Email: "x@example.com", Timezone: "UTC"}); err == nil {
		t.Error("an athlete account created an athlete")
	}
	if _, err := st.IssueCoachInvite(ctx, cb, "", auth.HashToken("z")); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("a non-admin coach invited a coach: %v", err)
	}
}

// The database refuses what the handlers refuse, for whoever bypasses them.
func TestConstraints(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	maya, _ := st.CreateAthlete(ctx, ca, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: "UTC"})
	_, h := auth.NewToken()
	st.IssueAthleteInvite(ctx, ca, maya.ID, h)
	mayaUser, _ := st.AcceptAthleteInvite(ctx, h, hash)

	for _, tc := range []struct{ name, sql string }{
		{"an athlete account as coach", `INSERT INTO athletes (coach_id, name, email, timezone) VALUES (` + itoa(mayaUser.ID) + `, 'X', 'x@example.com', 'UTC')`},
		{"a coach account as athlete user", `UPDATE athletes SET user_id = ` + itoa(ca.ID) + ` WHERE id = ` + itoa(maya.ID)},
		{"an e-mail differing only in case", `INSERT INTO users (name, email, password_hash, role) VALUES ('C', 'CARLA@example.com', '$argon2id$x', 'coach')`},
		{"an e-mail without @", `INSERT INTO users (name, email, password_hash, role) VALUES ('C', 'carla.example.com', '$argon2id$x', 'coach')`},
		{"an empty name", `INSERT INTO users (name, email, password_hash, role) VALUES ('  ', 'e@example.com', '$argon2id$x', 'coach')`},
		{"a plain-text password", `INSERT INTO users (name, email, password_hash, role) VALUES ('E', 'e@example.com', 'hunter2', 'coach')`},
		{"an admin athlete", `UPDATE users SET is_admin = true WHERE id = ` + itoa(mayaUser.ID)},
		{"an unknown role", `INSERT INTO users (name, email, password_hash, role) VALUES ('E', 'e@example.com', '$argon2id$x', 'owner')`},
		{"a short token hash", `INSERT INTO invites (token_hash, kind, athlete_id, expires_at) VALUES ('\x01', 'athlete', ` + itoa(maya.ID) + `, now() + interval '1 day')`},
		{"an invite expiring before it is made", `INSERT INTO invites (token_hash, kind, email, expires_at) VALUES (decode(repeat('ab', 32), 'hex'), 'coach', NULL, now() - interval '1 day')`},
		{"an athlete invite without athlete", `INSERT INTO invites (token_hash, kind, expires_at) VALUES (decode(repeat('cd', 32), 'hex'), 'athlete', now() + interval '1 day')`},
		{"a link both used and revoked", `UPDATE invites SET revoked_at = now() WHERE athlete_id = ` + itoa(maya.ID)},
		{"two open invites for one athlete", `INSERT INTO invites (token_hash, kind, athlete_id, expires_at) SELECT decode(repeat(x, 32), 'hex'), 'athlete', ` + itoa(maya.ID) + `, now() + interval '1 day' FROM (VALUES ('e1'), ('e2')) v(x)`},
		{"deleting a coach who has athletes", `DELETE FROM users WHERE id = ` + itoa(ca.ID)},
	} {
		if _, err := st.Pool().Exec(ctx, tc.sql); err == nil {
			t.Errorf("the database accepted %s", tc.name)
		}
	}
}

func TestLinksAreSingleUse(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	maya, _ := st.CreateAthlete(ctx, ca, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: "UTC"})
	_, h := auth.NewToken()
	if _, err := st.IssueAthleteInvite(ctx, ca, maya.ID, h); err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	errs := make([]error, 5)
	for i := range errs {
		wg.Go(func() { _, errs[i] = st.AcceptAthleteInvite(ctx, h, hash) })
	}
	wg.Wait()
	var ok int
	for _, err := range errs {
		if err == nil {
			ok++
		} else if !errors.Is(err, store.ErrLinkUsed) {
			t.Errorf("unexpected: %v", err)
		}
	}
	if ok != 1 {
		t.Fatalf("%d concurrent uses of one link succeeded", ok)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

func TestExpiredSessionsAreDeleted(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	_, err := st.Pool().Exec(ctx, `INSERT INTO sessions (token, data, expiry) VALUES
		('old', '', now() - interval '1 minute'), ('live', '', now() + interval '1 hour')`)
	if err != nil {
		t.Fatal(err)
	}
	if n, err := st.DeleteExpiredSessions(ctx); err != nil || n != 1 {
		t.Fatalf("deleted %d, %v; want 1", n, err)
	}
	var left string
	if err := st.Pool().QueryRow(ctx, `SELECT string_agg(token, ',') FROM sessions`).Scan(&left); err != nil || left != "live" {
		t.Fatalf("sessions left: %q, %v", left, err)
	}
}

// A session lasts the idle timeout after it was written, or to its
// deadline if sooner; and a sign-out deletes it even when the request was
// cancelled (the browser closed at once).
func TestSessionsExpireAndDeleteWhateverTheRequest(t *testing.T) {
	st := open(t)
	ss := st.NewSessions(time.Hour)
	ctx, cancel := context.WithCancel(context.Background())
	expiry := func(token string) time.Duration {
		t.Helper()
		var e time.Time
		if err := st.Pool().QueryRow(context.Background(), `SELECT expiry FROM sessions WHERE token = $1`, token).Scan(&e); err != nil {
			t.Fatal(err)
		}
		return time.Until(e)
	}
	if err := ss.CommitCtx(ctx, "idle", []byte("x"), time.Now().Add(24*time.Hour)); err != nil {
		t.Fatal(err)
	}
	if err := ss.CommitCtx(ctx, "ending", []byte("y"), time.Now().Add(10*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if d := expiry("idle"); d < 59*time.Minute || d > time.Hour {
		t.Errorf("a session lasts %s, want the idle hour", d)
	}
	if d := expiry("ending"); d < 9*time.Minute || d > 10*time.Minute {
		t.Errorf("a session near its deadline lasts %s, want the 10 minutes left", d)
	}
	if b, ok, err := ss.FindCtx(ctx, "idle"); err != nil || !ok || string(b) != "x" {
		t.Fatalf("find: %q %v %v", b, ok, err)
	}
	cancel()
	if err := ss.DeleteCtx(ctx, "idle"); err != nil {
		t.Fatalf("delete with the request cancelled: %v", err)
	}
	if _, ok, err := ss.Find("idle"); ok || err != nil {
		t.Errorf("the signed-out session is still found (%v, %v)", ok, err)
	}
}

// A session is written with whose it is, whatever the account's id; a
// request that read a session a sign-out then deleted does not bring it
// back by writing it; and after a deletion the request's session is
// nobody's.
func TestSessionsAreWrittenWithTheirAccount(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	const big = 3_000_000_000 // past int32: ids are bigint
	if _, err := st.Pool().Exec(ctx, `INSERT INTO users (id, name, email, password_hash, role)
		OVERRIDING SYSTEM VALUE VALUES ($1, 'Bea', 'bea@example.com', $2, 'coach')`, big, hash); err != nil {
		t.Fatal(err)
	}
	ss := st.NewSessions(time.Hour)
	deadline := time.Now().Add(24 * time.Hour)
	signedIn, su := store.WithSessionUser(ctx)
	su.ID = big
	if err := ss.CommitCtx(signedIn, "bea", []byte("x"), deadline); err != nil {
		t.Fatal(err)
	}
	reading, read := store.WithSessionUser(ctx)
	if b, ok, err := ss.FindCtx(reading, "bea"); err != nil || !ok || string(b) != "x" || read.User.ID != big || read.User.Name != "Bea" {
		t.Fatalf("find: %q %v %v, account %+v", b, ok, err, read.User)
	}
	// Another request signs out while this one still holds the session.
	if err := ss.DeleteCtx(ctx, "bea"); err != nil {
		t.Fatal(err)
	}
	read.ID = big
	if err := ss.CommitCtx(reading, "bea", []byte("y"), deadline); err != nil {
		t.Fatal(err)
	}
	if _, ok, err := ss.Find("bea"); ok || err != nil {
		t.Errorf("a write after the sign-out brought the session back (%v, %v)", ok, err)
	}
	// This request's own sign-out: what it writes next is nobody's.
	if err := ss.DeleteCtx(signedIn, "bea"); err != nil {
		t.Fatal(err)
	}
	if err := ss.CommitCtx(signedIn, "visitor", []byte("z"), deadline); err != nil {
		t.Fatal(err)
	}
	var owner *int64
	if err := st.Pool().QueryRow(ctx, `SELECT user_id FROM sessions WHERE token = 'visitor'`).Scan(&owner); err != nil || owner != nil {
		t.Errorf("the session after a sign-out is written for %v (%v), want nobody", owner, err)
	}
}

// Workouts: the database refuses what the forms refuse, and a workout
// for another coach's athlete.
func TestWorkoutConstraints(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	cb, _ := st.CreateCoach(ctx, "Ben", "ben@example.com", hash, true)
	maya, _ := st.CreateAthlete(ctx, ca, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: "UTC"})
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	wo, err := st.AddWorkout(ctx, ca, maya.ID, day, training.Prescription{Sport: "run", Kind: "easy", Title: "Easy", PlannedDurationS: 2400})
	if err != nil {
		t.Fatal(err)
	}
	ins := `INSERT INTO workouts (athlete_id, coach_id, day, sport, kind, title`
	for _, tc := range []struct{ name, sql string }{
		{"an RPE of 11", `UPDATE workouts SET status = 'done', actual_duration_s = 60, rpe = 11, logged_at = now() WHERE id = ` + itoa(wo.ID)},
		{"a negative duration", `UPDATE workouts SET planned_duration_s = -60 WHERE id = ` + itoa(wo.ID)},
		{"a workout for another coach's athlete", ins + `) VALUES (` + itoa(maya.ID) + `, ` + itoa(cb.ID) + `, '2026-11-24', 'run', 'easy', 'Sneaky')`},
		{"an unknown kind", ins + `) VALUES (` + itoa(maya.ID) + `, ` + itoa(ca.ID) + `, '2026-11-24', 'run', 'junk miles', 'X')`},
		{"an unprotected recovery workout", ins + `, protected) VALUES (` + itoa(maya.ID) + `, ` + itoa(ca.ID) + `, '2026-11-24', 'run', 'recovery', 'Jog', false)`},
		{"done without duration or RPE", `UPDATE workouts SET status = 'done', logged_at = now() WHERE id = ` + itoa(wo.ID)},
		{"actuals on a skipped workout", `UPDATE workouts SET status = 'skipped', actual_duration_s = 600 WHERE id = ` + itoa(wo.ID)},
		{"an unplanned workout not done", ins + `, planned) VALUES (` + itoa(maya.ID) + `, ` + itoa(ca.ID) + `, '2026-11-24', 'run', 'easy', 'X', false)`},
		{"an average HR of 400", `UPDATE workouts SET status = 'done', actual_duration_s = 60, rpe = 3, avg_hr = 400, logged_at = now() WHERE id = ` + itoa(wo.ID)},
		{"an event for another coach's athlete", `INSERT INTO events (athlete_id, coach_id, name, day, sport, kind, priority) VALUES (` + itoa(maya.ID) + `, ` + itoa(cb.ID) + `, 'X', '2027-01-01', 'run', '10k', 'A')`},
		{"a custom event without distance", `INSERT INTO events (athlete_id, coach_id, name, day, sport, kind, priority) VALUES (` + itoa(maya.ID) + `, ` + itoa(ca.ID) + `, 'X', '2027-01-01', 'run', 'custom', 'A')`},
		{"a threshold HR above max HR", `UPDATE athletes SET threshold_hr = 190, max_hr = 180 WHERE id = ` + itoa(maya.ID)},
		{"an unknown sport", `UPDATE athletes SET sports = '{run,curling}' WHERE id = ` + itoa(maya.ID)},
	} {
		if _, err := st.Pool().Exec(ctx, tc.sql); err == nil {
			t.Errorf("the database accepted %s", tc.name)
		}
	}
	// The store refuses the same through its own methods.
	if _, err := st.AddWorkout(ctx, cb, maya.ID, day, training.Prescription{Sport: "run", Kind: "easy", Title: "Sneaky"}); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("coach B planned for coach A's athlete: %v", err)
	}
	if _, err := st.UpdatePlan(ctx, cb, wo.ID, wo.Version, day, training.Prescription{Sport: "run", Kind: "easy", Title: "Mine now"}, ""); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("coach B edited coach A's workout: %v", err)
	}
	if err := st.DeleteWorkout(ctx, cb, wo.ID, wo.Version, ""); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("coach B deleted coach A's workout: %v", err)
	}
	if _, err := st.LogWorkout(ctx, cb, wo.ID, training.Log{Status: "skipped"}); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("coach B logged coach A's workout: %v", err)
	}
	if _, err := st.UpdatePlan(ctx, ca, wo.ID, wo.Version+1, day, training.Prescription{Sport: "run", Kind: "easy", Title: "Stale"}, ""); !errors.Is(err, store.ErrStale) {
		t.Errorf("a stale version was saved: %v", err)
	}
}

// Accepting an invite while the coach issues a new one must not deadlock:
// one of them wins, the other gets a plain answer.
func TestAcceptAndReissueDoNotDeadlock(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	for i := range 15 {
		a, err := st.CreateAthlete(ctx, ca, store.NewAthlete{Name: "A", Email: "a" + strconv.Itoa(i) + "@example.com", Timezone: "UTC"})
		if err != nil {
			t.Fatal(err)
		}
		_, h := auth.NewToken()
		if _, err := st.IssueAthleteInvite(ctx, ca, a.ID, h); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		var acceptErr, issueErr error
		wg.Go(func() { _, acceptErr = st.AcceptAthleteInvite(ctx, h, hash) })
		wg.Go(func() { _, issueErr = st.IssueAthleteInvite(ctx, ca, a.ID, auth.HashToken("again"+strconv.Itoa(i))) })
		wg.Wait()
		for _, err := range []error{acceptErr, issueErr} {
			if err != nil && apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("round %d: %v", i, err)
			}
		}
	}
}

func TestCheckInConstraints(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	maya, _ := st.CreateAthlete(ctx, ca, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: "UTC"})
	id := itoa(maya.ID)
	ok := `INSERT INTO checkins (athlete_id, day, answered, sleep_hours, sleep_quality, fatigue, soreness, stress, mood, motivation, score, light)
		VALUES (` + id + `, '2026-11-20', true, 7.5, 4, 4, 4, 4, 4, 4, 80, 'green')`
	if _, err := st.Pool().Exec(ctx, ok); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, sql string }{
		{"a second row for the same day", ok},
		{"sleep of 25 hours", strings.Replace(ok, "'2026-11-20', true, 7.5", "'2026-11-21', true, 25", 1)},
		{"sleep not in quarter hours", strings.Replace(ok, "'2026-11-20', true, 7.5", "'2026-11-21', true, 7.3", 1)},
		{"a fatigue of 6", strings.Replace(ok, "'2026-11-20', true, 7.5, 4, 4", "'2026-11-21', true, 7.5, 4, 6", 1)},
		{"an answered check-in without a verdict", strings.Replace(strings.Replace(ok, ", 80, 'green')", ", NULL, NULL)", 1), "2026-11-20", "2026-11-21", 1)},
		{"an unanswered row with answers", strings.Replace(strings.Replace(ok, "true, 7.5", "false, 7.5", 1), "2026-11-20", "2026-11-21", 1)},
		{"a resting HR of 300", `INSERT INTO checkins (athlete_id, day, resting_hr) VALUES (` + id + `, '2026-11-22', 300)`},
		{"an HRV of 0", `INSERT INTO checkins (athlete_id, day, hrv_rmssd) VALUES (` + id + `, '2026-11-22', 0)`},
		{"an unknown sore spot", `INSERT INTO checkins (athlete_id, day, soreness_areas) VALUES (` + id + `, '2026-11-22', '{elbows}')`},
		{"reasons that are not a list", `INSERT INTO checkins (athlete_id, day, reasons) VALUES (` + id + `, '2026-11-22', '{}')`},
	} {
		if _, err := st.Pool().Exec(ctx, tc.sql); err == nil {
			t.Errorf("the database accepted %s", tc.name)
		}
	}
}

func TestRecoveryWorkoutsAreProtectedAndChangesAudited(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	maya, _ := st.CreateAthlete(ctx, ca, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: "UTC"})
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	rec, err := st.AddWorkout(ctx, ca, maya.ID, day, training.Prescription{Sport: "run", Kind: "recovery", Title: "Recovery jog", PlannedDurationS: 1800, TargetRPE: 2})
	if err != nil {
		t.Fatal(err)
	}
	var protected *store.ProtectedError
	if err := st.DeleteWorkout(ctx, ca, rec.ID, rec.Version, ""); !errors.As(err, &protected) {
		t.Fatalf("deleting a recovery workout without a reason: %v", err)
	}
	if err := st.DeleteWorkout(ctx, ca, rec.ID, rec.Version, "too busy"); !errors.As(err, &protected) {
		t.Fatalf("a 8-character reason overrode the rule: %v", err)
	}
	shorter := rec.Prescription
	shorter.PlannedDurationS = 900
	if _, err := st.UpdatePlan(ctx, ca, rec.ID, rec.Version, day, shorter, ""); !errors.As(err, &protected) {
		t.Fatalf("shortening a recovery workout: %v", err)
	}
	harder := rec.Prescription
	harder.TargetRPE = 6
	if _, err := st.UpdatePlan(ctx, ca, rec.ID, rec.Version, day, harder, ""); !errors.As(err, &protected) {
		t.Fatalf("intensifying a recovery workout: %v", err)
	}
	longer := rec.Prescription
	longer.PlannedDurationS = 2400
	rec, err = st.UpdatePlan(ctx, ca, rec.ID, rec.Version, day, longer, "")
	if err != nil {
		t.Fatalf("making recovery longer and easy is allowed: %v", err)
	}
	if err := st.DeleteWorkout(ctx, ca, rec.ID, rec.Version, "Travelling all day, no chance to run"); err != nil {
		t.Fatalf("delete with a reason: %v", err)
	}
	changes, err := st.Changes(ctx, ca, maya.ID, 10)
	if err != nil || len(changes) != 3 {
		t.Fatalf("history: %d changes, %v", len(changes), err)
	}
	if del := changes[0]; del.Action != "delete" || !del.Override || del.Reason != "Travelling all day, no chance to run" || del.Before == nil || del.Before.Title != "Recovery jog" {
		t.Errorf("the delete is not recorded as an override with its reason: %+v", del)
	}
	// Undo brings the recovery workout back.
	if _, err := st.UndoLast(ctx, ca, maya.ID); err != nil {
		t.Fatal(err)
	}
	list, _ := st.Workouts(ctx, ca, maya.ID, day, day)
	if len(list) != 1 || list[0].Kind != "recovery" || list[0].PlannedDurationS != 2400 || !list[0].Protected {
		t.Fatalf("after undo: %+v", list)
	}
}

func TestConcurrentEditsOfOneWorkoutYieldOneWinner(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	maya, _ := st.CreateAthlete(ctx, ca, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: "UTC"})
	day := time.Date(2026, 11, 26, 0, 0, 0, 0, time.UTC)
	wo, _ := st.AddWorkout(ctx, ca, maya.ID, day, training.Prescription{Sport: "run", Kind: "intervals", Title: "Intervals", PlannedDurationS: 3600})
	const editors = 20
	errs := make([]error, editors)
	var wg sync.WaitGroup
	for i := range editors {
		wg.Go(func() {
			p := wo.Prescription
			p.Title = "Intervals by editor " + strconv.Itoa(i)
			_, errs[i] = st.UpdatePlan(ctx, ca, wo.ID, wo.Version, day, p, "")
		})
	}
	wg.Wait()
	var wins, conflicts int
	for _, err := range errs {
		switch {
		case err == nil:
			wins++
		case errors.Is(err, store.ErrStale):
			conflicts++
		default:
			t.Fatal(err)
		}
	}
	changes, _ := st.Changes(ctx, ca, maya.ID, 100)
	edits := 0
	for _, c := range changes {
		if c.Action == "edit" {
			edits++
		}
	}
	if wins != 1 || conflicts != editors-1 || edits != 1 {
		t.Fatalf("%d wins, %d conflicts, %d edits in the history; want 1, %d, 1", wins, conflicts, edits, editors-1)
	}
}

func TestProposalsOnePendingPerAthlete(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, maya, mayaUser := coachWithMaya(t, st)
	adj := []plan.Adjustment{{WorkoutID: 1, Action: "shorten", Why: "Shorter"}}
	day := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	for i, light := range []string{"amber", "red", "red"} {
		p := store.Proposal{AthleteID: maya.ID, CheckInDay: day.AddDate(0, 0, i/2), Light: light, Reason: light + " check-in", Adjustments: adj}
		if err := st.SaveProposal(ctx, mayaUser, p); err != nil {
			t.Fatal(err)
		}
	}
	list, err := st.PendingProposals(ctx, ca)
	if err != nil || len(list) != 1 || list[0].Light != "red" || !list[0].CheckInDay.Equal(day.AddDate(0, 0, 1)) {
		t.Fatalf("pending: %+v, %v", list, err)
	}
	if err := st.DismissProposal(ctx, ca, maya.ID, list[0].ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.ApplyProposal(ctx, ca, maya.ID, list[0].ID); apperr.CodeOf(err) != apperr.NotFound {
		t.Errorf("a decided proposal was decided again: %v", err)
	}
	if err := st.SaveProposal(ctx, ca, store.Proposal{AthleteID: maya.ID, CheckInDay: day, Light: "red", Reason: "x", Adjustments: adj}); err == nil {
		t.Error("a coach saved a proposal as if they were the athlete")
	}
}

func TestReviewFixes(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, maya, mayaUser := coachWithMaya(t, st)
	day := time.Date(2026, 11, 25, 0, 0, 0, 0, time.UTC)
	var protected *store.ProtectedError

	t.Run("recovery cannot be laundered through rest, nor moved", func(t *testing.T) {
		rec, _ := st.AddWorkout(ctx, ca, maya.ID, day, training.Prescription{Sport: "run", Kind: "recovery", Title: "Jog", PlannedDurationS: 1800, TargetRPE: 2})
		rest, err := st.UpdatePlan(ctx, ca, rec.ID, rec.Version, day, training.Prescription{Sport: "run", Kind: "rest", Title: "Rest"}, "")
		if err != nil {
			t.Fatalf("recovery to rest is more recovery: %v", err)
		}
		if _, err := st.UpdatePlan(ctx, ca, rest.ID, rest.Version, day, training.Prescription{Sport: "run", Kind: "intervals", Title: "Hard", PlannedDurationS: 3600, TargetRPE: 9}, ""); !errors.As(err, &protected) {
			t.Errorf("the protected rest day became intervals: %v", err)
		}
		if _, err := st.UpdatePlan(ctx, ca, rest.ID, rest.Version, day.AddDate(0, 1, 0), rest.Prescription, ""); !errors.As(err, &protected) {
			t.Errorf("the protected day was moved a month away: %v", err)
		}
	})

	t.Run("a decided proposal stays decided", func(t *testing.T) {
		adj := []plan.Adjustment{{WorkoutID: 1, Action: "shorten", Why: "Shorter"}}
		p := store.Proposal{AthleteID: maya.ID, CheckInDay: day, Light: "red", Reason: "Red check-in", Adjustments: adj}
		if err := st.SaveProposal(ctx, mayaUser, p); err != nil {
			t.Fatal(err)
		}
		pending, _, _ := st.PendingProposal(ctx, ca, maya.ID)
		if res, err := st.ApplyProposal(ctx, ca, maya.ID, pending.ID); err != nil || res.Skipped != 1 {
			t.Fatal(err)
		}
		if err := st.SaveProposal(ctx, mayaUser, p); err != nil { // checking in red again the same day
			t.Fatal(err)
		}
		if _, ok, _ := st.PendingProposal(ctx, ca, maya.ID); ok {
			t.Error("an applied proposal came back as pending")
		}
	})

	t.Run("undo does not reach across a new plan", func(t *testing.T) {
		wo, _ := st.AddWorkout(ctx, ca, maya.ID, day.AddDate(0, 0, 10), training.Prescription{Sport: "run", Kind: "easy", Title: "Easy", PlannedDurationS: 1800})
		if err := st.DeleteWorkout(ctx, ca, wo.ID, wo.Version, ""); err != nil {
			t.Fatal(err)
		}
		if _, _, err := st.SavePlan(ctx, ca, maya.ID, store.NewPlan{Sport: "run", Start: day.AddDate(0, 0, 7), End: day.AddDate(0, 0, 13), Inputs: []byte(`{}`)}); err != nil {
			t.Fatal(err)
		}
		if _, err := st.UndoLast(ctx, ca, maya.ID); !errors.Is(err, store.ErrNothingToUndo) {
			t.Errorf("undo reached across a new plan: %v", err)
		}
	})
}

// A new plan never puts a key workout beside a kept one.
func TestNewPlanSoftensKeysBesideKeptOnes(t *testing.T) {
	st := open(t)
	ctx := context.Background()
	ca, _ := st.CreateCoach(ctx, "Carla", "carla@example.com", hash, true)
	maya, _ := st.CreateAthlete(ctx, ca, store.NewAthlete{Name: "Maya", Email: "maya@example.com", Timezone: "UTC"})
	mon := time.Date(2026, 11, 30, 0, 0, 0, 0, time.UTC)
	kept, _ := st.AddWorkout(ctx, ca, maya.ID, mon.AddDate(0, 0, 3), training.Prescription{Sport: "run", Kind: "intervals", Title: "Kept intervals", PlannedDurationS: 3600})
	np := store.NewPlan{Sport: "run", Start: mon, End: mon.AddDate(0, 0, 6), Inputs: []byte(`{}`), Workouts: []store.PlannedWorkout{
		{Day: mon.AddDate(0, 0, 2), Key: true, Prescription: training.Prescription{Sport: "run", Kind: "tempo", Title: "Tempo", PlannedDurationS: 3600, TargetRPE: 7}},
		{Day: mon.AddDate(0, 0, 5), Key: true, Prescription: training.Prescription{Sport: "run", Kind: "long", Title: "Long run", PlannedDurationS: 5400, TargetRPE: 4}},
	}}
	if _, _, err := st.SavePlan(ctx, ca, maya.ID, np); err != nil {
		t.Fatal(err)
	}
	list, _ := st.Workouts(ctx, ca, maya.ID, mon, mon.AddDate(0, 0, 6))
	for _, w := range list {
		switch {
		case w.ID == kept.ID:
		case w.Day.Equal(mon.AddDate(0, 0, 2)) && (w.Key || w.Kind != "easy" || w.PlannedDurationS > 45*60):
			t.Errorf("the tempo beside the kept intervals stayed hard: %+v", w.Prescription)
		case w.Day.Equal(mon.AddDate(0, 0, 5)) && w.Kind != "long":
			t.Errorf("the long run two days away was changed: %+v", w.Prescription)
		}
	}
}
