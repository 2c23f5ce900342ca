package notify_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"rebound/internal/auth"
	"rebound/internal/mail"
	"rebound/internal/mail/mailtest"
	"rebound/internal/notify"
	"rebound/internal/pgtest"
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

func open(t *testing.T, dsn string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(st.Close)
	return st
}

// team makes coach Carla and her athlete Maya (zone tz, with an account).
func team(t *testing.T, st *store.Store, tz string) (store.User, training.Athlete, store.User) {
	t.Helper()
	ctx := context.Background()
	coach, err := st.CreateCoach(ctx, "Carla Coach", "carla@example.com", hash, true)
	if err != nil {
		t.Fatal(err)
	}
	_, tok := auth.NewToken()
	ath, _, err := st.CreateInvitedAthlete(ctx, coach, store.NewAthlete{Name: "Maya Runner", Email: "maya@example.com", Timezone: tz}, tok)
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.AcceptAthleteInvite(ctx, tok, hash)
	if err != nil {
		t.Fatal(err)
	}
	return coach, ath, u
}

func worker(st *store.Store, m notify.Sender) (*notify.Worker, *bytes.Buffer) {
	var logs bytes.Buffer
	w := notify.New(st, m, "https://rebound.example", slog.New(slog.NewTextHandler(&logs, nil)))
	return w, &logs
}

// smtp returns a mail sender to the fake server.
func smtp(srv *mailtest.Server) *mail.Sender {
	return mail.New(mail.Config{Host: srv.Host(), Port: srv.Port(), From: "Rebound <rebound@example.com>"})
}

// refusing is an SMTP server that answers every session "421 busy".
func refusing(t *testing.T) *mail.Sender {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			fmt.Fprint(c, "421 fake.test busy, try later\r\n")
			c.Close()
		}
	}()
	return mail.New(mail.Config{Host: "127.0.0.1", Port: ln.Addr().(*net.TCPAddr).Port, From: "Rebound <rebound@example.com>"})
}

func state(t *testing.T, st *store.Store, id int64) (string, int) {
	t.Helper()
	var s string
	var attempts int
	if err := st.Pool().QueryRow(context.Background(), `SELECT state, attempts FROM notifications WHERE id = $1`, id).Scan(&s, &attempts); err != nil {
		t.Fatal(err)
	}
	return s, attempts
}

func queue(t *testing.T, st *store.Store, u store.User, key string) int64 {
	t.Helper()
	ctx := context.Background()
	ok, err := st.Enqueue(ctx, store.Notification{UserID: u.ID, Kind: store.NotifyReminder, Dedup: key, Subject: "Subject " + key, Body: "Body", Link: "/checkin"}, true)
	if err != nil || !ok {
		t.Fatalf("enqueue %s: %v %v", key, ok, err)
	}
	var id int64
	if err := st.Pool().QueryRow(ctx, `SELECT id FROM notifications WHERE user_id = $1 AND dedup = $2`, u.ID, key).Scan(&id); err != nil {
		t.Fatal(err)
	}
	return id
}

// A refused send is tried again after a backoff, until the server takes it.
func TestRefusedSendsAreRetried(t *testing.T) {
	dsn := pgtest.DSN(t)
	st := open(t, dsn)
	_, _, maya := team(t, st, "Europe/Berlin")
	ctx := context.Background()
	id := queue(t, st, maya, "once")
	if ok, _ := st.Enqueue(ctx, store.Notification{UserID: maya.ID, Kind: store.NotifyReminder, Dedup: "once", Subject: "again", Link: "/"}, true); ok {
		t.Fatal("the same dedup key was queued twice")
	}

	now := time.Now()
	st.Now = func() time.Time { return now }
	w, logs := worker(st, refusing(t))
	if _, err := w.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	if s, n := state(t, st, id); s != "pending" || n != 1 {
		t.Fatalf("after a refusal: %s, %d attempts", s, n)
	}
	if sent, _ := w.Deliver(ctx); sent != 0 {
		t.Error("tried again before the backoff")
	}
	now = now.Add(notify.Backoff(1) + time.Second)
	if _, err := w.Deliver(ctx); err != nil {
		t.Fatal(err)
	}
	if s, n := state(t, st, id); s != "pending" || n != 2 {
		t.Fatalf("after a second refusal: %s, %d attempts", s, n)
	}
	if !strings.Contains(logs.String(), "421") {
		t.Errorf("the refusal is not logged:\n%s", logs)
	}

	srv := mailtest.Start(t)
	w.Mail = smtp(srv)
	now = now.Add(notify.Backoff(2) + time.Second)
	if sent, err := w.Deliver(ctx); err != nil || sent != 1 {
		t.Fatalf("deliver: %d, %v", sent, err)
	}
	m := srv.Next(t)
	if len(m.To) != 1 || m.To[0] != "maya@example.com" || !strings.Contains(m.Body(t), "https://rebound.example/checkin") {
		t.Errorf("the mail: %v\n%s", m.To, m.Body(t))
	}
	if s, n := state(t, st, id); s != "sent" || n != 3 {
		t.Errorf("after the send: %s, %d attempts", s, n)
	}
	if sent, _ := w.Deliver(ctx); sent != 0 {
		t.Error("sent again")
	}

	// A server that never takes it: given up after the last attempt.
	id = queue(t, st, maya, "never")
	w.Mail = refusing(t)
	for i := 1; i <= 6; i++ {
		if _, err := w.Deliver(ctx); err != nil {
			t.Fatal(err)
		}
		now = now.Add(notify.Backoff(i) + time.Second)
	}
	if s, n := state(t, st, id); s != "failed" || n != 6 {
		t.Errorf("after six refusals: %s, %d attempts", s, n)
	}
}

// hanging takes a message and never answers: a send that may have gone
// when its process stops.
type hanging struct {
	mu   sync.Mutex
	got  []string
	took chan struct{}
}

func (h *hanging) Send(ctx context.Context, to, subject, body string) error {
	h.mu.Lock()
	h.got = append(h.got, subject)
	h.mu.Unlock()
	h.took <- struct{}{}
	<-ctx.Done()
	return ctx.Err()
}

// A process that stops mid-send leaves its claim; the next process does
// not send it again, but sends the rest.
func TestRestartMidSendSendsNothingTwice(t *testing.T) {
	dsn := pgtest.DSN(t)
	first := open(t, dsn)
	_, _, maya := team(t, first, "Europe/Berlin")
	a := queue(t, first, maya, "a")
	b := queue(t, first, maya, "b")

	h := &hanging{took: make(chan struct{}, 1)}
	w1, _ := worker(first, h)
	ctx, stop := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { _, err := w1.Deliver(ctx); done <- err }()
	<-h.took
	stop() // the process stops while the mail server has the message
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Fatalf("the stopped worker: %v", err)
	}
	if s, _ := state(t, first, a); s != "sending" {
		t.Fatalf("the interrupted claim: %s", s)
	}

	second := open(t, dsn) // another process, after the lease
	second.Now = func() time.Time { return time.Now().Add(3 * time.Minute) }
	srv := mailtest.Start(t)
	w2, logs := worker(second, smtp(srv))
	if sent, err := w2.Deliver(context.Background()); err != nil || sent != 1 {
		t.Fatalf("the next process sent %d, %v", sent, err)
	}
	if m := srv.Next(t); !strings.Contains(m.Data, "Subject b") {
		t.Errorf("the next process sent %q", m.Data)
	}
	if s, _ := state(t, second, a); s != "failed" {
		t.Errorf("the interrupted one: %s, want failed (never twice)", s)
	}
	if s, _ := state(t, second, b); s != "sent" {
		t.Errorf("the other one: %s", s)
	}
	if !strings.Contains(logs.String(), "interrupted while sending") {
		t.Errorf("the abandoned claim is not logged:\n%s", logs)
	}
	if len(h.got) != 1 {
		t.Errorf("the hanging server got %v", h.got)
	}
}

// counting records every send, in any number of goroutines.
type counting struct {
	mu   sync.Mutex
	sent map[string]int
	by   map[string]int // sends per worker
}

// countingFor is one worker's sender into c.
type countingFor struct {
	c    *counting
	name string
}

func (c countingFor) Send(ctx context.Context, to, subject, body string) error {
	c.c.mu.Lock()
	defer c.c.mu.Unlock()
	c.c.sent[subject]++
	c.c.by[c.name]++
	time.Sleep(2 * time.Millisecond) // a send takes time: the other worker claims meanwhile
	return nil
}

// Two app processes work one queue: each notification is sent once.
func TestTwoProcessesShareOneQueue(t *testing.T) {
	dsn := pgtest.DSN(t)
	one, two := open(t, dsn), open(t, dsn)
	_, _, maya := team(t, one, "Europe/Berlin")
	const total = 60
	for i := range total {
		queue(t, one, maya, fmt.Sprint(i))
	}
	c := &counting{sent: map[string]int{}, by: map[string]int{}}
	var wg sync.WaitGroup
	for name, st := range map[string]*store.Store{"one": one, "two": two} {
		w, _ := worker(st, countingFor{c, name})
		wg.Go(func() {
			if _, err := w.Deliver(context.Background()); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if len(c.sent) != total {
		t.Errorf("%d notifications sent, want %d", len(c.sent), total)
	}
	for subject, n := range c.sent {
		if n != 1 {
			t.Errorf("%s sent %d times", subject, n)
		}
	}
	t.Logf("sends by process: %v", c.by)
}

// A pass deletes what is older than the worker keeps, but nothing queued.
func TestOldNotificationsArePruned(t *testing.T) {
	st := open(t, pgtest.DSN(t))
	ctx := context.Background()
	_, _, maya := team(t, st, "Europe/Berlin")
	at := time.Now()
	st.Now = func() time.Time { return at }
	old := queue(t, st, maya, "old")
	pending := queue(t, st, maya, "pending")
	if _, err := st.Pool().Exec(ctx, `UPDATE notifications SET state = 'sent', sent_at = now() WHERE id = $1`, old); err != nil {
		t.Fatal(err)
	}
	w, _ := worker(st, nil)
	at = at.Add(w.Keep + time.Hour)
	if err := w.Pass(ctx); err != nil {
		t.Fatal(err)
	}
	// Only the two queued here: the pass, half a year on, may queue
	// reminders of its own, depending on the hour it runs at.
	var left []int64
	rows, _ := st.Pool().Query(ctx, `SELECT id FROM notifications WHERE id = ANY($1) ORDER BY id`, []int64{old, pending})
	for rows.Next() {
		var id int64
		rows.Scan(&id)
		left = append(left, id)
	}
	if len(left) != 1 || left[0] != pending {
		t.Errorf("left after pruning: %v of %d (sent) and %d (pending), want only %d", left, old, pending, pending)
	}
}
