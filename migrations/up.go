package migrations

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"maps"
	"path"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
)

// Functions holds the current definition of every SQL function and
// trigger, one file per function or small group. The migrations that first
// created them keep their old text as history; these files are what runs.
//
//go:embed functions/*.sql
var Functions embed.FS

// checksumTables records what was applied: each applied migration's
// checksum, so an edited one is refused (as Flyway does, since goose keeps
// none), and each function file's, so unchanged functions are not
// re-created at every start (re-creating a trigger locks its table).
const checksumTables = `
CREATE TABLE IF NOT EXISTS schema_migration_checksums (
    version bigint PRIMARY KEY,
    file    text NOT NULL,
    sha256  text NOT NULL
);
CREATE TABLE IF NOT EXISTS schema_function_checksums (
    file   text PRIMARY KEY,
    sha256 text NOT NULL
)`

// Up brings the database to the current schema and SQL functions. Under
// the advisory lock goose's own locker takes (so a second instance, or
// `migrate down`, waits for it), it refuses to go on when an applied
// migration's file changed since it was applied, applies the pending
// migrations, and then re-applies the files of Functions when a migration
// ran (it may have redefined a function in its own, older words) or one of
// them changed.
func Up(ctx context.Context, db *sql.DB, logger *slog.Logger) (_ []*goose.MigrationResult, err error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", lock.DefaultLockID); err != nil {
		return nil, fmt.Errorf("migration lock: %w", err)
	}
	defer func() {
		// Released even when ctx was cancelled: the connection goes back to
		// the pool, and the lock would stay with it.
		_, unlockErr := conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", lock.DefaultLockID)
		err = errors.Join(err, unlockErr)
	}()

	var opts []goose.ProviderOption // no locker: this session holds the lock
	if logger != nil {
		opts = append(opts, goose.WithSlog(logger))
	}
	provider, err := goose.NewProvider(goose.DialectPostgres, db, FS, opts...)
	if err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, checksumTables); err != nil {
		return nil, fmt.Errorf("migration checksums: %w", err)
	}
	if err := checkApplied(ctx, conn, provider); err != nil {
		return nil, err
	}
	results, err := provider.Up(ctx)
	if err != nil {
		return results, err
	}
	if err := recordApplied(ctx, conn, provider); err != nil {
		return results, err
	}
	if err := applyFunctions(ctx, conn, logger, len(results) > 0); err != nil {
		return results, fmt.Errorf("SQL functions: %w", err)
	}
	return results, nil
}

// checkApplied refuses an applied migration whose file no longer has the
// checksum recorded when it was applied, and forgets the checksums of
// migrations rolled back since (they are recorded again when re-applied).
// A version this binary has no file for (a newer release applied it) keeps
// its checksum for that release.
func checkApplied(ctx context.Context, conn *sql.Conn, provider *goose.Provider) error {
	applied, err := appliedMigrations(ctx, provider)
	if err != nil {
		return err
	}
	known := map[int64]bool{}
	for _, source := range provider.ListSources() {
		known[source.Version] = true
	}
	rows, err := conn.QueryContext(ctx, "SELECT version, sha256 FROM schema_migration_checksums")
	if err != nil {
		return err
	}
	recorded := map[int64]string{}
	for rows.Next() {
		var version int64
		var sum string
		if err := rows.Scan(&version, &sum); err != nil {
			rows.Close()
			return err
		}
		recorded[version] = sum
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	for version, sum := range recorded {
		file, ok := applied[version]
		if !ok {
			if known[version] {
				if _, err := conn.ExecContext(ctx, "DELETE FROM schema_migration_checksums WHERE version = $1", version); err != nil {
					return err
				}
			}
			continue
		}
		now, err := checksum(FS, file)
		if err != nil {
			return err
		}
		if now != sum {
			return fmt.Errorf("migration %s was changed after it was applied to this database "+
				"(sha256 %.12s… when applied, %.12s… now); a released migration must never be edited: "+
				"restore the file as it was released and make the change in a new migration "+
				"(a SQL function's current definition is its file in migrations/functions)", file, sum, now)
		}
	}
	return nil
}

// recordApplied records the checksum of each applied migration that has
// none: those just applied, and on the first run all of them.
func recordApplied(ctx context.Context, conn *sql.Conn, provider *goose.Provider) error {
	applied, err := appliedMigrations(ctx, provider)
	if err != nil {
		return err
	}
	for version, file := range applied {
		sum, err := checksum(FS, file)
		if err != nil {
			return err
		}
		if _, err := conn.ExecContext(ctx, `INSERT INTO schema_migration_checksums (version, file, sha256)
			VALUES ($1, $2, $3) ON CONFLICT (version) DO NOTHING`, version, file, sum); err != nil {
			return err
		}
	}
	return nil
}

// appliedMigrations maps the version of each applied migration to its file.
func appliedMigrations(ctx context.Context, provider *goose.Provider) (map[int64]string, error) {
	statuses, err := provider.Status(ctx)
	if err != nil {
		return nil, err
	}
	applied := map[int64]string{}
	for _, st := range statuses {
		if st.State == goose.StateApplied {
			applied[st.Source.Version] = st.Source.Path
		}
	}
	return applied, nil
}

// applyFunctions runs every file of Functions, in name order and in one
// transaction, when force is set or the files differ from those last
// applied.
func applyFunctions(ctx context.Context, conn *sql.Conn, logger *slog.Logger, force bool) error {
	files, err := fs.Glob(Functions, "functions/*.sql")
	if err != nil {
		return err
	}
	current := map[string]string{}
	for _, file := range files {
		if current[path.Base(file)], err = checksum(Functions, file); err != nil {
			return err
		}
	}
	rows, err := conn.QueryContext(ctx, "SELECT file, sha256 FROM schema_function_checksums")
	if err != nil {
		return err
	}
	applied := map[string]string{}
	for rows.Next() {
		var file, sum string
		if err := rows.Scan(&file, &sum); err != nil {
			rows.Close()
			return err
		}
		applied[file] = sum
	}
	if err := errors.Join(rows.Err(), rows.Close()); err != nil {
		return err
	}
	if !force && maps.Equal(applied, current) {
		return nil
	}

	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	for _, file := range files {
		text, err := fs.ReadFile(Functions, file)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, string(text)); err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
	}
	if _, err := tx.ExecContext(ctx, "DELETE FROM schema_function_checksums"); err != nil {
		return err
	}
	for file, sum := range current {
		if _, err := tx.ExecContext(ctx, "INSERT INTO schema_function_checksums (file, sha256) VALUES ($1, $2)", file, sum); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	if logger != nil {
		logger.Info("applied the SQL functions", "files", len(files))
	}
	return nil
}

func checksum(fsys fs.FS, file string) (string, error) {
	b, err := fs.ReadFile(fsys, file)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}
