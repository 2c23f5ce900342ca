// Package store is Rebound's PostgreSQL access: the only package that
// speaks SQL. Every method takes a context; errors come back in the
// vocabulary of package apperr.
package store

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"

	"rebound/internal/apperr"
)

// Store holds the connection pool.
type Store struct {
	pool *pgxpool.Pool
	// Now is the clock; tests set it.
	Now func() time.Time
}

// Open connects to dsn. The pool connects lazily, so Open succeeds while
// the database is down and the app recovers by itself when it returns.
func Open(ctx context.Context, dsn string) (*Store, error) {
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("database URL: %w", err)
	}
	if !strings.Contains(dsn, "pool_max_conns") {
		cfg.MaxConns = int32(max(10, 4*runtime.NumCPU()))
	}
	// Fail fast while the database is down instead of hanging requests.
	if cfg.ConnConfig.ConnectTimeout == 0 || cfg.ConnConfig.ConnectTimeout > 5*time.Second {
		cfg.ConnConfig.ConnectTimeout = 5 * time.Second
	}
	cfg.ConnConfig.RuntimeParams["application_name"] = "rebound"
	cfg.ConnConfig.Tracer = counter{}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("database: %w", err)
	}
	return &Store{pool: pool, Now: time.Now}, nil
}

// querier runs a read: the pool, or a transaction whose writes the read
// must see (Judging).
type querier interface {
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// Pool is the connection pool, for the session store and migrations.
func (s *Store) Pool() *pgxpool.Pool { return s.pool }

// Close closes every connection.
func (s *Store) Close() { s.pool.Close() }

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.pool.Ping(ctx); err != nil {
		return apperr.Wrap(apperr.Unavailable, "The database is not reachable right now.", err)
	}
	return nil
}
