// Package pgtest gives each test a fresh, migrated PostgreSQL database.
//
// One throwaway server runs per test binary (started on first use from the
// installed binaries, see package devdb), or TEST_DATABASE_URL names an
// existing server. The schema is migrated once into a template database and
// every test gets a clone of it (CREATE DATABASE … TEMPLATE, ≈10 ms), dropped
// when the test ends. A package that uses it calls Main from TestMain, so the
// server and its directory are gone when the tests finish.
package pgtest

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/jackc/pgx/v5/stdlib"

	"rebound/internal/devdb"
	"rebound/migrations"
)

const dirPrefix = "rebound-test-"

var (
	once     sync.Once
	setupErr error
	env      struct {
		dir      string        // our server's directory; empty with TEST_DATABASE_URL
		server   *devdb.Server // nil with TEST_DATABASE_URL
		adminDSN string        // maintenance database, for CREATE/DROP DATABASE
		admin    *pgxpool.Pool
		template string
		copyOpt  string // STRATEGY FILE_COPY where the server has it (PostgreSQL 15+)
	}
	counter atomic.Int64
)

// Main runs the package's tests, then stops the server and removes what
// it made. Use it from TestMain: func TestMain(m *testing.M) { pgtest.Main(m) }.
func Main(m *testing.M) {
	code := m.Run()
	if err := teardown(); err != nil {
		fmt.Fprintln(os.Stderr, "pgtest:", err)
		if code == 0 {
			code = 1
		}
	}
	os.Exit(code)
}

// Server returns the throwaway server, so a test can stop and start the
// database under a running app. It skips the test under TEST_DATABASE_URL.
func Server(tb testing.TB) *devdb.Server {
	tb.Helper()
	mustSetup(tb)
	if env.server == nil {
		tb.Skip("the database server is not ours to stop (TEST_DATABASE_URL is set)")
	}
	return env.server
}

// DSN creates a fresh migrated database for the test and returns its
// connection string. The database is dropped when the test ends.
func DSN(tb testing.TB) string {
	tb.Helper()
	mustSetup(tb)
	ctx := context.Background()
	name := fmt.Sprintf("t_%d_%d", os.Getpid(), counter.Add(1))
	ident := pgx.Identifier{name}.Sanitize()
	if _, err := env.admin.Exec(ctx, "CREATE DATABASE "+ident+" TEMPLATE "+pgx.Identifier{env.template}.Sanitize()+env.copyOpt); err != nil {
		tb.Fatalf("pgtest: create database: %v", err)
	}
	tb.Cleanup(func() {
		var err error
		// A test that restarted the server leaves dead connections in the
		// pool; the pool drops each on its failure, so try a few times.
		for range 3 {
			if _, err = env.admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err == nil {
				return
			}
		}
		tb.Errorf("pgtest: drop database %s: %v", name, err)
	})
	return withDatabase(env.adminDSN, name)
}

// Pool returns a connection pool on a fresh migrated database, closed and
// dropped when the test ends.
func Pool(tb testing.TB) *pgxpool.Pool {
	tb.Helper()
	pool, err := pgxpool.New(context.Background(), DSN(tb))
	if err != nil {
		tb.Fatalf("pgtest: %v", err)
	}
	tb.Cleanup(pool.Close) // runs before the drop: cleanups run last-in first-out
	return pool
}

func mustSetup(tb testing.TB) {
	tb.Helper()
	once.Do(func() { setupErr = setup(context.Background()) })
	if setupErr != nil {
		tb.Fatalf("pgtest: %v", setupErr)
	}
}

func setup(ctx context.Context) error {
	if dsn := os.Getenv("TEST_DATABASE_URL"); dsn != "" {
		env.adminDSN = dsn
	} else if err := startServer(ctx); err != nil {
		return err
	}
	admin, err := pgxpool.New(ctx, env.adminDSN)
	if err != nil {
		return err
	}
	env.admin = admin
	var version int
	if err := admin.QueryRow(ctx, "SELECT current_setting('server_version_num')::int").Scan(&version); err != nil {
		return fmt.Errorf("reach the test database server: %w", err)
	}
	if version >= 150000 {
		env.copyOpt = " STRATEGY FILE_COPY" // faster than WAL_LOG for small databases
	}
	env.template = fmt.Sprintf("rebound_template_%d", os.Getpid())
	ident := pgx.Identifier{env.template}.Sanitize()
	if _, err := admin.Exec(ctx, "DROP DATABASE IF EXISTS "+ident); err != nil {
		return err
	}
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		return err
	}
	return migrate(ctx, withDatabase(env.adminDSN, env.template))
}

func migrate(ctx context.Context, dsn string) error {
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		return err
	}
	defer pool.Close() // a template must have no connections when cloned
	db := stdlib.OpenDBFromPool(pool)
	defer db.Close()
	if _, err := migrations.Up(ctx, db, nil); err != nil {
		return fmt.Errorf("migrate the template database: %w", err)
	}
	return nil
}

func startServer(ctx context.Context) error {
	base := os.TempDir()
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		base = "/dev/shm" // memory-backed: initdb and clones are several times faster
	}
	sweep(base)
	dir, err := os.MkdirTemp(base, dirPrefix)
	if err != nil {
		return err
	}
	// The postgres user (when we are root) must traverse the directory.
	if err := os.Chmod(dir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "owner.pid"), []byte(strconv.Itoa(os.Getpid())), 0o644); err != nil {
		return err
	}
	env.dir = dir
	start, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	server, err := devdb.New(start, devdb.Options{DataDir: filepath.Join(dir, "data"), Throwaway: true})
	if err != nil {
		return err
	}
	if err := server.Start(start); err != nil {
		return err
	}
	env.server = server
	env.adminDSN = server.DSN("postgres")
	return nil
}

// sweep removes directories left by test binaries that were killed before
// they could clean up (their postgres died with them: see devdb).
func sweep(base string) {
	dirs, _ := filepath.Glob(filepath.Join(base, dirPrefix+"*"))
	for _, dir := range dirs {
		data, err := os.ReadFile(filepath.Join(dir, "owner.pid"))
		if err != nil {
			continue
		}
		if pid, err := strconv.Atoi(string(data)); err == nil && !alive(pid) {
			os.RemoveAll(dir)
		}
	}
}

func teardown() error {
	if env.admin == nil && env.server == nil && env.dir == "" {
		return nil
	}
	var firstErr error
	if env.admin != nil {
		if env.server == nil && env.template != "" { // leave an existing server as we found it
			_, err := env.admin.Exec(context.Background(), "DROP DATABASE IF EXISTS "+pgx.Identifier{env.template}.Sanitize()+" WITH (FORCE)")
			firstErr = err
		}
		env.admin.Close()
	}
	if env.server != nil {
		if err := env.server.Stop(); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	if env.dir != "" {
		if err := os.RemoveAll(env.dir); err != nil && firstErr == nil {
			firstErr = err
		}
	}
	return firstErr
}

// withDatabase returns dsn (a URL or key=value string) pointing at dbname.
func withDatabase(dsn, dbname string) string {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		if u, err := url.Parse(dsn); err == nil {
			u.Path = "/" + dbname
			return u.String()
		}
	}
	return dsn + " dbname=" + dbname // the last value of a key wins
}

func alive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || errors.Is(err, syscall.EPERM)
}
