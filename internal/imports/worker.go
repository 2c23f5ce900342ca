package imports

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"rebound/internal/store"
)

// Worker works the import queue: each of its goroutines takes a waiting
// file (store.ImportNext), reads it and has it written, until none is
// left, then waits to be woken by an upload of this process or for the
// next poll (an upload to another server on the same database). Any
// number of workers, in any number of processes, share one queue.
type Worker struct {
	store  *store.Store
	logger *slog.Logger
	// Goroutines is how many files are read at once; Poll how often an
	// idle worker looks for files uploaded through another server.
	Goroutines int
	Poll       time.Duration
	wake       chan struct{}
}

// NewWorker returns a worker of the store's queue with two goroutines (a
// file's reading then overlaps the last one's writing) polling every 2 s.
func NewWorker(st *store.Store, logger *slog.Logger) *Worker {
	return &Worker{store: st, logger: logger, Goroutines: 2, Poll: 2 * time.Second, wake: make(chan struct{}, 1)}
}

// Wake tells an idle goroutine that files are waiting. It never blocks.
func (w *Worker) Wake() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run works the queue until ctx ends. A file being read then is left to
// its transaction's rollback, and waits for the next start.
func (w *Worker) Run(ctx context.Context) {
	var wg sync.WaitGroup
	for range max(1, w.Goroutines) {
		wg.Go(func() { w.loop(ctx) })
	}
	wg.Wait()
}

func (w *Worker) loop(ctx context.Context) {
	timer := time.NewTimer(0) // look at once: files may wait from before a restart
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-timer.C:
		}
		if err := w.Drain(ctx); err != nil && ctx.Err() == nil {
			w.logger.Warn("import queue", "err", err)
		}
		timer.Reset(w.Poll)
	}
}

// Drain works the queue until no file is waiting that another worker does
// not already hold, or ctx ends.
func (w *Worker) Drain(ctx context.Context) error {
	for ctx.Err() == nil {
		f, err := w.store.ImportNext(ctx, w.read, Match)
		if errors.Is(err, store.ErrQueueEmpty) {
			return nil
		}
		if err != nil && f.Status != "refused" {
			return err // the database is away: the file waits for the next try
		}
		if err != nil {
			w.logger.Error("import: file refused, the database would not take it", "file", f.Name, "err", err)
		} else {
			w.logger.Debug("import", "file", f.Name, "status", f.Status, "activities", f.Activities, "matched", f.Matched)
		}
		w.Wake() // a bulk upload: another goroutine may share the work
	}
	return ctx.Err()
}

// read is Read with the store's clock, and with a panic in a decoder
// turned into a refusal of that one file.
func (w *Worker) read(p store.PendingImport) (res store.ImportResult) {
	defer func() {
		if r := recover(); r != nil {
			w.logger.Error("import: reading a file panicked", "file", p.Name, "job", p.JobID, "panic", fmt.Sprint(r))
			res = store.ImportResult{Refused: "Rebound could not read this file. The problem has been logged."}
		}
	}()
	return Read(p, w.store.Now())
}
