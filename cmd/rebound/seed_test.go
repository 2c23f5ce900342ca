package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"rebound/internal/auth"
	"rebound/internal/demo"
	"rebound/internal/pgtest"
	"rebound/internal/store"
)

var (
	coachLogin   = regexp.MustCompile(`(?m)^\s+coach\s+(\S+)\s+(\S+)`)
	athleteLogin = regexp.MustCompile(`(?m)^\s+athlete\s+(\S+)\s+(\S+)`)
)

// logins reads the printed sign-ins: e-mail → password.
func logins(t *testing.T, out string) map[string]string {
	t.Helper()
	m := map[string]string{}
	for _, re := range []*regexp.Regexp{coachLogin, athleteLogin} {
		for _, sub := range re.FindAllStringSubmatch(out, -1) {
			m[sub[1]] = sub[2]
		}
	}
	if m[demo.CoachEmail] == "" || len(m) < 2 {
		t.Fatalf("no coach and athlete sign-ins in:\n%s", out)
	}
	return m
}

// checkLogins checks each printed password against the stored hash.
func checkLogins(t *testing.T, st *store.Store, printed map[string]string) {
	t.Helper()
	ctx := context.Background()
	for email, password := range printed {
		u, hash, err := st.Credentials(ctx, email)
		if err != nil {
			t.Fatalf("%s: %v", email, err)
		}
		if !auth.CheckPassword(ctx, hash, password) {
			t.Errorf("the printed password of %s does not sign in", email)
		}
		if email == demo.CoachEmail && u.Role != store.RoleCoach || email != demo.CoachEmail && u.AthleteID == 0 {
			t.Errorf("%s is a %s (athlete %d)", email, u.Role, u.AthleteID)
		}
	}
}

func TestSeedDemoPrintsWorkingCredentialsAndRunsAgain(t *testing.T) {
	dsn := pgtest.DSN(t)
	env := func(k string) string { return map[string]string{"DATABASE_URL": dsn}[k] }
	ctx := context.Background()
	var out bytes.Buffer
	if err := run(ctx, []string{"seed", "--demo"}, env, &out, io.Discard); err != nil {
		t.Fatalf("seed --demo: %v\n%s", err, out.String())
	}
	t.Logf("\n%s", out.String())
	first := logins(t, out.String())
	for _, want := range []string{"The demo is ready", "http://127.0.0.1:8080/login", "Maya Okafor", "Kenji Watanabe", "Asia/Tokyo"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output lacks %q", want)
		}
	}
	st, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	checkLogins(t, st, first)

	out.Reset()
	if err := run(ctx, []string{"seed", "-demo"}, env, &out, io.Discard); err != nil {
		t.Fatalf("seed --demo again: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), "already there; nothing is duplicated") {
		t.Errorf("the second run does not say it found the demo:\n%s", out.String())
	}
	second := logins(t, out.String())
	checkLogins(t, st, second)
	for email, password := range first {
		if second[email] == password {
			t.Errorf("%s kept its password", email)
		}
		_, hash, _ := st.Credentials(ctx, email)
		if auth.CheckPassword(ctx, hash, password) {
			t.Errorf("the first password of %s still signs in", email)
		}
	}
}

func TestSeedWithoutDemoExplainsItself(t *testing.T) {
	var errOut bytes.Buffer
	err := run(context.Background(), []string{"seed"}, func(string) string { return "" }, io.Discard, &errOut)
	if err == nil || !strings.Contains(err.Error(), "--demo") {
		t.Fatalf("seed without --demo: %v", err)
	}
	if !strings.Contains(errOut.String(), "Usage: rebound seed") {
		t.Errorf("no usage shown:\n%s", errOut.String())
	}
	errOut.Reset()
	err = run(context.Background(), []string{"seed", "-h"}, func(string) string { return "" }, io.Discard, &errOut)
	if !errors.Is(err, flag.ErrHelp) || !strings.Contains(errOut.String(), "Usage: rebound seed") ||
		!strings.Contains(errOut.String(), "-demo") || !strings.Contains(errOut.String(), "DATABASE_URL") {
		t.Errorf("seed -h: %v\n%s", err, errOut.String())
	}
	var out bytes.Buffer
	if err := run(context.Background(), []string{"help"}, func(string) string { return "" }, &out, io.Discard); err != nil ||
		!strings.Contains(out.String(), "rebound seed --demo") {
		t.Errorf("the usage does not list seed: %v\n%s", err, out.String())
	}
}

// signsIn posts the login form to the app and reports whether it let the
// user in (a redirect home).
func signsIn(t *testing.T, base, email, password string) bool {
	t.Helper()
	client := http.Client{Timeout: 10 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(base+"/login", url.Values{"email": {email}, "password": {password}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode == http.StatusSeeOther
}

func TestSeedBesideARunningServe(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a private PostgreSQL")
	}
	dir := dataDir(t)
	a := serveApp(t, map[string]string{"REBOUND_DATA_DIR": dir})
	var out bytes.Buffer
	env := func(k string) string { return map[string]string{"REBOUND_DATA_DIR": dir, "REBOUND_BASE_URL": a.URL}[k] }
	if err := run(context.Background(), []string{"seed", "--demo"}, env, &out, io.Discard); err != nil {
		t.Fatalf("seed beside serve: %v\n%s", err, out.String())
	}
	if !strings.Contains(out.String(), a.URL+"/login") {
		t.Errorf("the output does not point at the app:\n%s", out.String())
	}
	for email, password := range logins(t, out.String()) {
		if !signsIn(t, a.URL, email, password) {
			t.Errorf("%s cannot sign in to the running app", email)
		}
	}
}

func TestServeDemo(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	stdout, stderr := &syncBuffer{}, &syncBuffer{}
	done := make(chan error, 1)
	env := map[string]string{"DATABASE_URL": pgtest.DSN(t)}
	go func() {
		done <- run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-log-format", "text", "-demo"},
			func(k string) string { return env[k] }, stdout, stderr)
	}()
	defer func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve: %v", err)
		}
	}()
	// serve logs "serving" once it has printed all it prints: the demo's
	// sign-ins, the athletes and any sign-up hint.
	eventually(t, time.Minute, func() bool { return strings.Contains(stderr.String(), "msg=serving") },
		"serve -demo did not start serving within a minute:\n%s\n%s", stdout, stderr)
	base := listening.FindStringSubmatch(stdout.String())
	if base == nil {
		t.Fatalf("not listening:\n%s", stdout)
	}
	if !strings.Contains(stdout.String(), base[1]+"/login") {
		t.Errorf("the sign-in address is not the app's:\n%s", stdout)
	}
	if strings.Contains(stdout.String(), "/signup") {
		t.Errorf("with the demo there are accounts, yet serve offers the first sign-up:\n%s", stdout)
	}
	for email, password := range logins(t, stdout.String()) {
		if !signsIn(t, base[1], email, password) {
			t.Errorf("%s cannot sign in", email)
		}
	}
}
