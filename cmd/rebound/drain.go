package main

import (
	"context"
	"net"
	"net/http"
	"sync/atomic"
	"time"
)

// drainer lets requests already sent reach the app at shutdown.
//
// http.Server.Shutdown alone closes every keep-alive connection that looks
// idle and drops, unanswered, any request it reads after the shutdown
// began. Under load a request a client has just sent on a kept-alive
// connection is often still unread in the socket at that moment: its
// connection closes with no answer. So serve first stops accepting
// connections and answers whatever arrives on the open ones with
// "Connection: close", until they are all closed or a short grace has
// passed; only then does it call Shutdown, which waits for the requests
// still running.
type drainer struct {
	open     atomic.Int64 // connections accepted and not yet closed
	draining atomic.Bool
}

// connState is the server's ConnState hook.
func (d *drainer) connState(_ net.Conn, state http.ConnState) {
	switch state {
	case http.StateNew:
		d.open.Add(1)
	case http.StateClosed, http.StateHijacked:
		d.open.Add(-1)
	}
}

// handler asks clients to close their connections once draining.
func (d *drainer) handler(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if d.draining.Load() {
			w.Header().Set("Connection", "close")
		}
		next.ServeHTTP(w, r)
	})
}

// drain marks the server draining, closes ln (new connections are
// refused), waits for served (Serve's result) and then until every open
// connection is closed, grace has passed, or ctx ends.
func (d *drainer) drain(ctx context.Context, ln net.Listener, served <-chan error, grace time.Duration) error {
	d.draining.Store(true)
	ln.Close()
	err := <-served // Serve stops accepting before Shutdown runs, so Shutdown does not close ln again
	deadline := time.NewTimer(grace)
	defer deadline.Stop()
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for d.open.Load() > 0 {
		select {
		case <-ctx.Done():
			return err
		case <-deadline.C:
			return err
		case <-tick.C:
		}
	}
	return err
}
