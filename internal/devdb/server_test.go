package devdb

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
)

// testDir returns a directory the postgres user can reach when the tests
// run as root (t.TempDir is mode 0700), removed at the end.
func testDir(t *testing.T) string {
	t.Helper()
	base := ""
	if fi, err := os.Stat("/dev/shm"); err == nil && fi.IsDir() {
		base = "/dev/shm"
	}
	dir, err := os.MkdirTemp(base, "rebound-devdb-test-")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func startServer(t *testing.T, dataDir string) *Server {
	t.Helper()
	if _, err := FindBinaries(os.Getenv("REBOUND_PG_BIN")); err != nil {
		t.Fatalf("these tests need PostgreSQL's server binaries: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	s, err := New(ctx, Options{DataDir: dataDir, Throwaway: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := s.Stop(); err != nil {
			t.Error(err)
		}
	})
	return s
}

func execSQL(t *testing.T, s *Server, sql string, args ...any) {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.DSN("app"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	if _, err := conn.Exec(ctx, sql, args...); err != nil {
		t.Fatal(err)
	}
}

func count(t *testing.T, s *Server) int {
	t.Helper()
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, s.DSN("app"))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close(ctx)
	var n int
	if err := conn.QueryRow(ctx, "SELECT count(*) FROM kept").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestServerKeepsDataAcrossRestarts(t *testing.T) {
	dataDir := filepath.Join(testDir(t), "pgdata")
	s := startServer(t, dataDir)
	ctx := context.Background()
	if err := s.CreateDatabase(ctx, "app"); err != nil {
		t.Fatal(err)
	}
	if err := s.CreateDatabase(ctx, "app"); err != nil {
		t.Fatalf("CreateDatabase of an existing database: %v", err)
	}
	execSQL(t, s, "CREATE TABLE kept (n int)")
	execSQL(t, s, "INSERT INTO kept VALUES (1)")

	if _, err := os.Stat(filepath.Join(dataDir, ".s.PGSQL.5432")); err != nil {
		t.Errorf("socket not inside the data directory: %v", err)
	}
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if err := s.Stop(); err != nil {
		t.Fatalf("second Stop: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dataDir, "postmaster.pid")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("postmaster.pid left after Stop: %v", err)
	}

	// A new server on the same directory finds the data.
	s2 := startServer(t, dataDir)
	if n := count(t, s2); n != 1 {
		t.Fatalf("rows after restart = %d, want 1", n)
	}
}

func TestServerStartsOverAStalePIDFile(t *testing.T) {
	dataDir := filepath.Join(testDir(t), "pgdata")
	s := startServer(t, dataDir)
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	// A crash leaves postmaster.pid behind; after a reboot its pid may
	// belong to any program (here: this test), and postgres would refuse.
	pidFile := filepath.Join(dataDir, "postmaster.pid")
	if err := os.WriteFile(pidFile, []byte(strconv.Itoa(os.Getpid())+"\n"+dataDir+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := s.Start(ctx); err != nil {
		t.Fatalf("start over a stale postmaster.pid: %v", err)
	}
}

func TestServerRefusesASecondPostgresOnTheSameDirectory(t *testing.T) {
	dataDir := filepath.Join(testDir(t), "pgdata")
	startServer(t, dataDir)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	other, err := New(ctx, Options{DataDir: dataDir, Throwaway: true})
	if err != nil {
		t.Fatal(err)
	}
	err = other.Start(ctx)
	if err == nil {
		other.Stop()
		t.Fatal("a second server started on a directory in use")
	}
	t.Logf("refused as expected: %v", err)
}

func TestSuperviseRestartsAServerThatDied(t *testing.T) {
	s := startServer(t, filepath.Join(testDir(t), "pgdata"))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go s.Supervise(ctx)

	s.mu.Lock()
	proc, exited := s.proc, s.exited
	s.mu.Unlock()
	if err := proc.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	<-exited
	deadline := time.Now().Add(30 * time.Second)
	for {
		conn, err := pgx.Connect(context.Background(), s.DSN("postgres"))
		if err == nil {
			conn.Close(context.Background())
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server was not restarted: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestLongDataDirectoryGetsAShortSocketDirectory(t *testing.T) {
	deep := filepath.Join(testDir(t), "a-rather-long-directory-name-for-a-data-directory", "that-goes-on-and-on", "pgdata")
	s := startServer(t, deep)
	if !s.tmpSocket || len(filepath.Join(s.socketDir, ".s.PGSQL.5432")) > socketMax {
		t.Fatalf("socket dir %q for a %d-byte data directory path", s.socketDir, len(deep))
	}
	socketDir := s.socketDir
	if err := s.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(socketDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("short socket directory %s left after Stop", socketDir)
	}
}
