package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"rebound/internal/config"
	"rebound/internal/devdb"
	"rebound/internal/store"
	"rebound/migrations"
)

// database is the store and, without DATABASE_URL, the private PostgreSQL
// server under the data directory that holds it.
type database struct {
	store  *store.Store
	server *devdb.Server // nil with DATABASE_URL
}

// openDatabase opens DATABASE_URL, or else the private PostgreSQL under
// the data directory: started here, or — for the one-off commands (attach)
// — the one a running `rebound serve` already started.
func openDatabase(ctx context.Context, cfg config.Config, logger *slog.Logger, attach bool) (*database, error) {
	db := &database{}
	dsn := cfg.DatabaseURL
	if dsn == "" {
		bin, err := devdb.FindBinaries(cfg.PGBin)
		if err != nil {
			return nil, err
		}
		server, err := devdb.New(ctx, devdb.Options{DataDir: filepath.Join(cfg.DataDir, "pgdata"), BinDir: bin, Logger: logger})
		if err != nil {
			return nil, err
		}
		if attach && server.RunningElsewhere() {
			return db, db.open(ctx, server.DSN("rebound"))
		}
		db.server = server
		startCtx, cancel := context.WithTimeout(ctx, 2*time.Minute) // crash recovery can take a while
		defer cancel()
		if err := db.server.Start(startCtx); err != nil {
			return nil, err
		}
		if err := db.server.CreateDatabase(startCtx, "rebound"); err != nil {
			return nil, errors.Join(fmt.Errorf("create the rebound database: %w", err), db.server.Stop())
		}
		dsn = db.server.DSN("rebound")
	}
	if err := db.open(ctx, dsn); err != nil {
		return nil, errors.Join(err, db.stopServer())
	}
	return db, nil
}

func (db *database) open(ctx context.Context, dsn string) error {
	st, err := store.Open(ctx, dsn)
	db.store = st
	return err
}

// Close closes the pool, then stops the private server.
func (db *database) Close() error {
	db.store.Close()
	return db.stopServer()
}

func (db *database) stopServer() error {
	if db.server == nil {
		return nil
	}
	return db.server.Stop()
}

// upgrade brings the database to the current schema and SQL functions.
func (db *database) upgrade(ctx context.Context, logger *slog.Logger) ([]*goose.MigrationResult, error) {
	sqlDB := stdlib.OpenDBFromPool(db.store.Pool())
	defer sqlDB.Close()
	return migrations.Up(ctx, sqlDB, logger)
}

// withMigrations runs f with a goose provider on the database.
func (db *database) withMigrations(logger *slog.Logger, f func(*goose.Provider) error) error {
	sqlDB := stdlib.OpenDBFromPool(db.store.Pool())
	defer sqlDB.Close()
	provider, err := migrations.NewProvider(sqlDB, logger)
	if err != nil {
		return err
	}
	return f(provider)
}
