// Package notify tells coaches and athletes what they asked to hear about:
// an athlete red or a proposal waiting, the morning digest, new comments,
// the check-in reminder, a changed plan. It finds what is due (the
// store's Due queries), words it, queues it in PostgreSQL, and sends the
// queue by e-mail. Every app process runs a Worker: the queue's claims
// (FOR UPDATE SKIP LOCKED) and dedup keys let any number share one
// database, and a restart loses nothing queued.
package notify

import (
	"context"
	"log/slog"
	"time"

	"rebound/internal/store"
)

// Sender delivers one plain-text e-mail (mail.Sender does).
type Sender interface {
	Send(ctx context.Context, to, subject, body string) error
}

// Worker queues and sends notifications.
type Worker struct {
	Store   *store.Store
	Mail    Sender // nil: notifications are shown in the app only
	BaseURL string // for the links in e-mails
	Logger  *slog.Logger

	Every        time.Duration // how often it looks for work
	Lease        time.Duration // how long a send may take before it counts as interrupted
	DigestHour   int           // the morning digest's hour, the coach's time
	CommentQuiet time.Duration // a thread this quiet gets its notification (a burst makes one)
	PlanQuiet    time.Duration // likewise a plan the coach is editing
	Keep         time.Duration // how long notifications stay listed

	pruned time.Time // when this worker last deleted old notifications
}

// New returns a worker with the usual timings.
func New(st *store.Store, mail Sender, baseURL string, logger *slog.Logger) *Worker {
	return &Worker{Store: st, Mail: mail, BaseURL: baseURL, Logger: logger,
		Every: 30 * time.Second, Lease: 2 * time.Minute, DigestHour: 7,
		CommentQuiet: 2 * time.Minute, PlanQuiet: 10 * time.Minute, Keep: 180 * 24 * time.Hour}
}

// Retries: a refused send is tried again after 1, 5, 25 minutes, 2 h 5
// and 6 h (attempt n waits 5ⁿ⁻¹ minutes, at most 6 h), then given up.
const maxAttempts = 6

// Backoff is how long to wait after the attempt-th refused send.
func Backoff(attempt int) time.Duration {
	d := time.Minute
	for i := 1; i < attempt && d < 6*time.Hour; i++ {
		d *= 5
	}
	return min(d, 6*time.Hour)
}

// Run works until ctx ends, a pass every w.Every.
func (w *Worker) Run(ctx context.Context) {
	tick := time.NewTicker(w.Every)
	defer tick.Stop()
	for {
		if err := w.Pass(ctx); err != nil && ctx.Err() == nil {
			w.Logger.Warn("notifications", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// Pass queues what is due and sends what is queued; hourly, it deletes
// notifications older than w.Keep.
func (w *Worker) Pass(ctx context.Context) error {
	if now := w.Store.Now(); now.Sub(w.pruned) >= time.Hour {
		if n, err := w.Store.PruneNotifications(ctx, now.Add(-w.Keep)); err != nil {
			return err
		} else if n > 0 {
			w.Logger.Info("old notifications deleted", "count", n)
		}
		w.pruned = now
	}
	if err := w.Schedule(ctx); err != nil {
		return err
	}
	_, err := w.Deliver(ctx)
	return err
}

// Deliver sends the due notifications, one claim at a time, and returns
// how many it sent. Claims left by a process that stopped mid-send are
// given up first: never sent twice.
func (w *Worker) Deliver(ctx context.Context) (int, error) {
	if w.Mail == nil {
		return 0, nil
	}
	if n, err := w.Store.AbandonInterrupted(ctx); err != nil {
		return 0, err
	} else if n > 0 {
		w.Logger.Warn("notifications interrupted while sending, not sent again", "count", n)
	}
	sent := 0
	for ctx.Err() == nil {
		n, ok, err := w.Store.ClaimNotification(ctx, w.Lease)
		if err != nil || !ok {
			return sent, err
		}
		if err := w.deliver(ctx, n); err != nil {
			return sent, err
		}
		sent++
	}
	return sent, nil
}

func (w *Worker) deliver(ctx context.Context, n store.Notification) error {
	due, err := w.Store.StillDue(ctx, n)
	if err != nil {
		return w.Store.NotificationRefused(ctx, n.ID, "checking whether it still applies: "+err.Error(), w.Store.Now().Add(Backoff(1)))
	}
	if !due {
		return w.Store.NotificationSkipped(ctx, n.ID, "no longer applies")
	}
	sendCtx, cancel := context.WithTimeout(ctx, w.Lease/2)
	err = w.Mail.Send(sendCtx, n.Email, n.Subject, n.Body+"\n"+w.BaseURL+n.Link+"\n\n"+footer)
	cancel()
	if ctx.Err() != nil {
		// Stopping: the claim stays, and the next process gives it up,
		// since the mail may have gone.
		return ctx.Err()
	}
	if err != nil {
		var retry time.Time
		if n.Attempts < maxAttempts {
			retry = w.Store.Now().Add(Backoff(n.Attempts))
		}
		w.Logger.Warn("notification refused", "id", n.ID, "kind", n.Kind, "attempt", n.Attempts, "err", err, "given_up", retry.IsZero())
		return w.Store.NotificationRefused(ctx, n.ID, err.Error(), retry)
	}
	w.Logger.Info("notification sent", "id", n.ID, "kind", n.Kind, "user_id", n.UserID)
	return w.Store.NotificationSent(ctx, n.ID)
}

// footer ends every e-mail.
const footer = "You get this e-mail because of your Rebound notification settings; change them on your account page."
