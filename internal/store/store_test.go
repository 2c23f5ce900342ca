package store_test

import (
	"context"
	"errors"
	"strconv"
	"sync"
	"testing"

	"rebound/internal/apperr"
	"rebound/internal/auth"
	"rebound/internal/pgtest"
	"rebound/internal/store"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

var hash = func() string {
	h, err := auth.HashPassword("kettle orbit walnut")
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
	list, _ := st.Athletes(ctx, cb)
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
