package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"rebound/internal/config"
	"rebound/internal/demo"
	"rebound/internal/imports"
	"rebound/internal/mail"
	"rebound/internal/notify"
	"rebound/internal/store"
	"rebound/internal/web"
)

func serve(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("serve", "serve [flags]", stderr)
	withDemo := fs.Bool("demo", false, "make (or bring up to date) the demo coach and athletes before serving, as \"rebound seed --demo\" does")
	load := config.Flags(fs, getenv)
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return fmt.Errorf("serve takes no arguments, got %q", fs.Args())
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	logger := cfg.Logger(stderr)

	db, err := openDatabase(ctx, cfg, logger, false)
	if err != nil {
		return err
	}
	defer func() {
		if err := db.Close(); err != nil {
			logger.Error("closing the database", "err", err)
		}
	}()
	if db.server != nil {
		go db.server.Supervise(ctx)
	}
	if cfg.Migrate {
		if err := migrateUp(ctx, db, logger); err != nil {
			return err
		}
	}
	var seeded *demo.Result
	var seedTook time.Duration
	if *withDemo {
		began := time.Now()
		res, err := demo.Seed(ctx, db.store, time.Now())
		if err != nil {
			return fmt.Errorf("demo: %w", err)
		}
		seeded, seedTook = &res, time.Since(began)
	}

	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	go db.store.CleanSessions(ctx, 5*time.Minute, logger)
	// Coaches who do not open the dashboard would leave their athletes'
	// changes in the log every dashboard reads: their rows are kept fresh
	// hourly instead.
	since, recovery := web.DashboardWindows()
	go db.store.KeepStatusRows(ctx, time.Hour, since, recovery, logger)
	go notifier(cfg, db.store, logger).Run(ctx)
	if _, err := startProfiler(ctx, cfg.PprofAddr, logger); err != nil {
		return fmt.Errorf("profiler: %w", err)
	}
	// The import queue's workers: uploads to this server wake them, and
	// they look every few seconds for those made through another.
	importer := imports.NewWorker(db.store, logger)
	importCtx, stopImports := context.WithCancel(ctx)
	importsDone := make(chan struct{})
	go func() { importer.Run(importCtx); close(importsDone) }()
	defer func() { stopImports(); <-importsDone }() // before the database closes
	app := web.New(cfg, db.store, logger)
	app.WakeImports(importer.Wake)
	drain := &drainer{}
	srv := &http.Server{
		Handler:           drain.handler(app),
		ConnState:         drain.connState,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       cfg.RequestTimeout,
		WriteTimeout:      cfg.RequestTimeout + 5*time.Second, // the handler's own deadline fires first
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
	}
	fmt.Fprintf(stdout, "Rebound is listening on http://%s\n", ln.Addr())
	if seeded != nil {
		base := cfg.BaseURL
		if base == "" {
			base = "http://" + ln.Addr().String()
		}
		fmt.Fprintln(stdout)
		printDemo(stdout, *seeded, seedTook, base)
	}
	if hasUsers, err := db.store.HasUsers(ctx); err == nil && !hasUsers {
		base := cfg.BaseURL
		if base == "" {
			base = "http://" + ln.Addr().String()
		}
		fmt.Fprintf(stdout, "No accounts yet: open %s/signup to create the first coach account.\n", base)
	}
	logger.Info("serving", "addr", ln.Addr().String(), "base_url", cfg.BaseURL, "version", version)

	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err := <-served:
		return err
	case <-ctx.Done():
	}

	// Stop accepting, answer what arrives on open connections and let
	// requests in flight finish (bounded), then the deferred Close shuts
	// the pool and the private PostgreSQL.
	logger.Info("shutting down", "grace", cfg.ShutdownTimeout.String())
	shutdownCtx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	if err := drain.drain(shutdownCtx, ln, served, min(time.Second, cfg.ShutdownTimeout)); !errors.Is(err, net.ErrClosed) {
		return err
	}
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	logger.Info("stopped")
	return nil
}

// notifier is the worker that queues and sends notifications: by e-mail
// when SMTP is set, else only into the app's list.
func notifier(cfg config.Config, st *store.Store, logger *slog.Logger) *notify.Worker {
	var sender notify.Sender // a nil *mail.Sender would not be a nil Sender
	if cfg.SMTP.Host != "" {
		sender = mail.New(mail.Config{Host: cfg.SMTP.Host, Port: cfg.SMTP.Port,
			Username: cfg.SMTP.Username, Password: cfg.SMTP.Password, From: cfg.SMTP.From})
	}
	return notify.New(st, sender, cfg.BaseURL, logger)
}
