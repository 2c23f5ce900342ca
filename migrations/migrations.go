// Package migrations holds the database schema as goose SQL migrations and
// the current SQL functions and triggers, embedded in the binary, and what
// applies them (Up).
package migrations

import (
	"database/sql"
	"embed"
	"fmt"
	"log/slog"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

//go:embed *.sql
var FS embed.FS

// NewProvider returns a goose provider for db, for rolling back and
// listing migrations (Up applies them). It holds PostgreSQL's
// session-level advisory lock while it works, the one Up holds too.
func NewProvider(db *sql.DB, logger *slog.Logger) (*goose.Provider, error) {
	locker, err := lock.NewPostgresSessionLocker()
	if err != nil {
		return nil, fmt.Errorf("migration lock: %w", err)
	}
	opts := []goose.ProviderOption{goose.WithSessionLocker(locker)}
	if logger != nil {
		opts = append(opts, goose.WithSlog(logger))
	}
	return goose.NewProvider(goose.DialectPostgres, db, FS, opts...)
}
