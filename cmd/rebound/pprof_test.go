package main

import (
	"context"
	"log/slog"
	"net/http"
	"testing"
)

func TestProfilerServesOnItsOwnListener(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if addr, err := startProfiler(ctx, "", slog.New(slog.DiscardHandler)); addr != nil || err != nil {
		t.Fatalf("an empty address should leave the profiler off: %v, %v", addr, err)
	}
	addr, err := startProfiler(ctx, "127.0.0.1:0", slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	if code := status(t, "http://"+addr.String()+"/debug/pprof/"); code != http.StatusOK {
		t.Errorf("profiler index: %d", code)
	}
	cancel()
}
