package devdb

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// Options configure a private server.
type Options struct {
	// DataDir is the cluster's data directory. It is created with initdb
	// on first start and reused afterwards.
	DataDir string
	// BinDir holds initdb and postgres; empty means FindBinaries("").
	BinDir string
	// Throwaway trades durability for speed (no fsync): for test servers
	// only, never for data that matters.
	Throwaway bool
	Logger    *slog.Logger
}

// Server is a private PostgreSQL server. Start and Stop may be called again
// after Stop, so a test can take the database away and bring it back.
type Server struct {
	opts      Options
	socketDir string
	tmpSocket bool // socketDir is a directory of ours outside DataDir
	cred      *syscall.Credential

	mu     sync.Mutex
	wanted bool // between Start and Stop: Supervise restarts a dead server
	proc   *os.Process
	exited chan struct{} // closed when proc has exited
}

// socketMax is the longest Unix socket path the kernel accepts (sun_path).
const socketMax = 107

// New prepares a server: finds the binaries, checks that PostgreSQL can use
// the data directory, and runs initdb when the directory holds no cluster.
func New(ctx context.Context, opts Options) (*Server, error) {
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.DiscardHandler)
	}
	dataDir, err := filepath.Abs(opts.DataDir)
	if err != nil {
		return nil, err
	}
	opts.DataDir = dataDir
	if opts.BinDir == "" {
		if opts.BinDir, err = FindBinaries(""); err != nil {
			return nil, err
		}
	}
	s := &Server{opts: opts}
	s.socketDir, s.tmpSocket = socketDirFor(dataDir)
	if os.Geteuid() == 0 {
		if s.cred, err = postgresUser(); err != nil {
			return nil, err
		}
		if err := checkTraversable(filepath.Dir(dataDir), s.cred); err != nil {
			return nil, err
		}
	}
	if err := os.MkdirAll(filepath.Dir(dataDir), 0o755); err != nil {
		return nil, fmt.Errorf("create the parent of the data directory: %w", err)
	}
	if err := s.ownedDir(dataDir); err != nil {
		return nil, err
	}
	if _, err := os.Stat(filepath.Join(dataDir, "PG_VERSION")); errors.Is(err, os.ErrNotExist) {
		if err := s.initdb(ctx); err != nil {
			return nil, err
		}
	} else if err != nil {
		return nil, err
	} else if err := s.checkVersion(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

// ownedDir creates dir with mode 0700, owned by the user postgres runs as.
func (s *Server) ownedDir(dir string) error {
	if err := os.Mkdir(dir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	if err := os.Chmod(dir, 0o700); err != nil {
		return err
	}
	if s.cred == nil {
		return nil
	}
	fi, err := os.Stat(dir)
	if err != nil {
		return err
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid == s.cred.Uid {
		return nil // already given to postgres; skip walking a large cluster
	}
	return chownAll(dir, int(s.cred.Uid), int(s.cred.Gid))
}

func (s *Server) initdb(ctx context.Context) error {
	args := []string{"-D", s.opts.DataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C"}
	if s.opts.Throwaway {
		args = append(args, "--no-sync")
	}
	s.opts.Logger.Info("creating the private PostgreSQL cluster", "dir", s.opts.DataDir)
	cmd := exec.CommandContext(ctx, filepath.Join(s.opts.BinDir, "initdb"), args...)
	cmd.Env = s.env()
	cmd.SysProcAttr = s.sysProcAttr()
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("initdb %s: %w\n%s", s.opts.DataDir, err, bytes.TrimSpace(out))
	}
	return nil
}

// checkVersion explains a data directory made by another major version,
// which postgres would only refuse with a terse message.
func (s *Server) checkVersion(ctx context.Context) error {
	data, err := os.ReadFile(filepath.Join(s.opts.DataDir, "PG_VERSION"))
	if err != nil {
		return err
	}
	out, err := exec.CommandContext(ctx, filepath.Join(s.opts.BinDir, "postgres"), "-V").Output()
	if err != nil {
		return fmt.Errorf("run %s -V: %w", filepath.Join(s.opts.BinDir, "postgres"), err)
	}
	have := strings.TrimSpace(string(data))
	fields := strings.Fields(string(out)) // "postgres (PostgreSQL) 17.2 (Debian ...)"
	if len(fields) < 3 {
		return nil
	}
	bin := strings.SplitN(fields[2], ".", 2)[0]
	if bin != have {
		return fmt.Errorf("the data directory %s was created by PostgreSQL %s, but the server binaries in %s are version %s; "+
			"set REBOUND_PG_BIN to PostgreSQL %s's binaries, or move the data with pg_dump and pg_restore",
			s.opts.DataDir, have, s.opts.BinDir, bin, have)
	}
	return nil
}

// Start starts postgres and waits until it accepts connections.
func (s *Server) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wanted = true
	return s.startLocked(ctx)
}

func (s *Server) startLocked(ctx context.Context) error {
	if s.proc != nil {
		select {
		case <-s.exited: // died on its own: start afresh
			s.proc, s.exited = nil, nil
		default:
			return nil
		}
	}
	if err := s.clearStalePID(); err != nil {
		return err
	}
	if err := s.prepareSocketDir(); err != nil {
		return err
	}
	logPath := s.LogPath()
	// Beside the data directory, not in it: the postgres user owns the data
	// directory and could plant a symlink there for root to write through.
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND|syscall.O_NOFOLLOW, 0o600)
	if err != nil {
		return fmt.Errorf("open the PostgreSQL log: %w", err)
	}
	defer logFile.Close() // the child holds its own descriptor

	args := []string{"-D", s.opts.DataDir, "-k", s.socketDir, "-c", "listen_addresses="}
	if s.opts.Throwaway {
		args = append(args, "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
			"-c", "max_connections=300")
	}
	cmd := exec.Command(filepath.Join(s.opts.BinDir, "postgres"), args...)
	cmd.Env = s.env()
	cmd.Stdout, cmd.Stderr = logFile, logFile
	cmd.SysProcAttr = s.sysProcAttr()
	if err := cmd.Start(); err != nil {
		return fmt.Errorf("start postgres: %w", err)
	}
	exited := make(chan struct{})
	go func() {
		_ = cmd.Wait()
		close(exited)
	}()
	s.proc, s.exited = cmd.Process, exited

	if err := s.waitReady(ctx, exited); err != nil {
		s.stopLocked()
		return fmt.Errorf("%w\n%s", err, tail(logPath, 12))
	}
	s.opts.Logger.Info("private PostgreSQL started", "dir", s.opts.DataDir, "pid", cmd.Process.Pid)
	return nil
}

func (s *Server) waitReady(ctx context.Context, exited <-chan struct{}) error {
	tick := time.NewTicker(10 * time.Millisecond)
	defer tick.Stop()
	for {
		attempt, cancel := context.WithTimeout(ctx, time.Second)
		conn, err := pgconn.Connect(attempt, s.DSN("postgres"))
		cancel()
		if err == nil {
			return conn.Close(ctx)
		}
		select {
		case <-exited:
			return errors.New("postgres exited during start-up")
		case <-ctx.Done():
			return fmt.Errorf("postgres did not accept connections in time: %w", ctx.Err())
		case <-tick.C:
		}
	}
}

// Stop shuts postgres down (fast shutdown: open transactions roll back,
// committed data is kept) and waits for it to exit. Stopping a stopped
// server does nothing.
func (s *Server) Stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.wanted = false
	return s.stopLocked()
}

func (s *Server) stopLocked() error {
	if s.proc == nil {
		return nil
	}
	proc, exited := s.proc, s.exited
	s.proc, s.exited = nil, nil
	defer func() {
		if s.tmpSocket {
			os.RemoveAll(s.socketDir)
		}
	}()
	// SIGINT is the fast shutdown; SIGQUIT the immediate one (crash
	// recovery at next start); SIGKILL when even that does not answer.
	for _, step := range []struct {
		sig  syscall.Signal
		wait time.Duration
	}{{syscall.SIGINT, 30 * time.Second}, {syscall.SIGQUIT, 5 * time.Second}, {syscall.SIGKILL, 5 * time.Second}} {
		if err := proc.Signal(step.sig); err != nil {
			if errors.Is(err, os.ErrProcessDone) {
				return nil
			}
			return fmt.Errorf("signal postgres: %w", err)
		}
		select {
		case <-exited:
			s.opts.Logger.Info("private PostgreSQL stopped", "dir", s.opts.DataDir)
			return nil
		case <-time.After(step.wait):
			s.opts.Logger.Warn("postgres did not stop in time", "signal", step.sig.String())
		}
	}
	return errors.New("postgres did not stop")
}

// LogPath is where postgres writes its log: DataDir + ".log".
func (s *Server) LogPath() string { return s.opts.DataDir + ".log" }

// Supervise restarts postgres when it exits without Stop being called (a
// crash, the OOM killer, an admin's pg_ctl stop), with a growing pause
// between attempts, until ctx ends or Stop is called.
func (s *Server) Supervise(ctx context.Context) {
	for {
		s.mu.Lock()
		exited, wanted := s.exited, s.wanted
		s.mu.Unlock()
		if !wanted {
			return
		}
		select {
		case <-ctx.Done():
			return
		case <-exited:
		}
		s.opts.Logger.Error("private PostgreSQL exited unexpectedly; restarting it",
			"dir", s.opts.DataDir, "log", s.LogPath())
		for delay := time.Second; ; delay = min(2*delay, 30*time.Second) {
			select {
			case <-ctx.Done():
				return
			case <-time.After(delay):
			}
			err := s.restart(ctx)
			if errors.Is(err, errStopped) {
				return
			}
			if err == nil {
				break
			}
			s.opts.Logger.Error("restarting the private PostgreSQL failed; will retry", "err", err)
		}
	}
}

var errStopped = errors.New("stopped on purpose")

func (s *Server) restart(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.wanted {
		return errStopped
	}
	startCtx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	return s.startLocked(startCtx)
}

// DSN is the connection string for database dbname on this server.
func (s *Server) DSN(dbname string) string {
	return fmt.Sprintf("host=%s port=5432 user=postgres dbname=%s sslmode=disable", s.socketDir, dbname)
}

// CreateDatabase creates database name unless it exists.
func (s *Server) CreateDatabase(ctx context.Context, name string) error {
	conn, err := pgx.Connect(ctx, s.DSN("postgres"))
	if err != nil {
		return err
	}
	defer conn.Close(ctx)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return err
	}
	if exists {
		return nil
	}
	_, err = conn.Exec(ctx, "CREATE DATABASE "+pgx.Identifier{name}.Sanitize())
	return err
}

// socketDirFor keeps the socket in the data directory unless its path
// would pass the kernel's limit; then it is a short directory of its own,
// named after the data directory so that it stays the same across
// restarts (the app's connection string must keep working).
func socketDirFor(dataDir string) (dir string, separate bool) {
	if len(filepath.Join(dataDir, ".s.PGSQL.5432")) <= socketMax {
		return dataDir, false
	}
	sum := sha256.Sum256([]byte(dataDir))
	return filepath.Join(os.TempDir(), "rebound-pg-"+hex.EncodeToString(sum[:6])), true
}

// prepareSocketDir makes the separate socket directory, refusing one that
// someone else made (it is at a predictable path).
func (s *Server) prepareSocketDir() error {
	if !s.tmpSocket {
		return nil
	}
	if err := os.Mkdir(s.socketDir, 0o700); err != nil && !errors.Is(err, os.ErrExist) {
		return err
	}
	fi, err := os.Lstat(s.socketDir)
	if err != nil {
		return err
	}
	st := fi.Sys().(*syscall.Stat_t)
	mine := st.Uid == uint32(os.Geteuid()) || (s.cred != nil && st.Uid == s.cred.Uid)
	if !fi.IsDir() || !mine || fi.Mode().Perm() != 0o700 {
		return fmt.Errorf("socket directory %s exists but is not ours (a directory of mode 0700 owned by us or postgres): remove it", s.socketDir)
	}
	if s.cred != nil {
		if err := os.Chown(s.socketDir, int(s.cred.Uid), int(s.cred.Gid)); err != nil {
			return err
		}
	}
	s.opts.Logger.Info("data directory path too long for a Unix socket; using a short socket directory", "socket_dir", s.socketDir)
	return nil
}

// clearStalePID handles a postmaster.pid left by a crash. postgres itself
// treats the file as stale when its process is gone; but after a reboot its
// process id may belong to some other program, and then postgres refuses
// to start. That case is cleared here. A postgres that really runs on this
// directory is reported; every other case is left to postgres.
func (s *Server) clearStalePID() error {
	path := filepath.Join(s.opts.DataDir, "postmaster.pid")
	pid, err := s.postmasterPID()
	if errors.Is(err, os.ErrNotExist) {
		return nil
	} else if err != nil || pid <= 0 || syscall.Kill(pid, 0) != nil {
		return nil // unreadable, or its process is gone (or not ours to see): postgres decides
	}
	if s.runsHere(pid) {
		return fmt.Errorf("a PostgreSQL server (pid %d) is already running on %s: stop it (or the Rebound that started it) first", pid, s.opts.DataDir)
	}
	s.opts.Logger.Warn("removing a stale postmaster.pid whose process id now belongs to another program", "dir", s.opts.DataDir, "pid", pid)
	return os.Remove(path)
}

func (s *Server) postmasterPID() (int, error) {
	data, err := os.ReadFile(filepath.Join(s.opts.DataDir, "postmaster.pid"))
	if err != nil {
		return 0, err
	}
	return strconv.Atoi(strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0]))
}

// runsHere reports whether pid is a postgres serving this data directory
// (a postmaster works in its data directory). Without /proc (macOS) it
// cannot tell and says yes, leaving the decision to postgres.
func (s *Server) runsHere(pid int) bool {
	proc := filepath.Join("/proc", strconv.Itoa(pid))
	comm, err := os.ReadFile(filepath.Join(proc, "comm"))
	if err != nil {
		return !dirExists("/proc")
	}
	if !strings.HasPrefix(strings.TrimSpace(string(comm)), "postgres") {
		return false
	}
	cwd, err := os.Readlink(filepath.Join(proc, "cwd"))
	return err != nil || cwd == s.opts.DataDir
}

// RunningElsewhere reports whether a postgres started by another process
// (a running `rebound serve`) serves this data directory now, so a
// command can use it instead of starting its own.
func (s *Server) RunningElsewhere() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	pid, err := s.postmasterPID()
	return s.proc == nil && err == nil && pid > 0 && syscall.Kill(pid, 0) == nil && s.runsHere(pid)
}

func dirExists(path string) bool {
	fi, err := os.Stat(path)
	return err == nil && fi.IsDir()
}

func (s *Server) env() []string {
	env := []string{"LC_ALL=C", "PATH=" + os.Getenv("PATH")}
	if s.cred != nil {
		env = append(env, "HOME="+s.opts.DataDir, "USER=postgres")
	}
	return env
}

// postgresUser is the account initdb and postgres run as when we are root.
func postgresUser() (*syscall.Credential, error) {
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, errors.New("running as root: PostgreSQL refuses to run as root and this machine has no `postgres` user to run it as; " +
			"install PostgreSQL's server package (it creates the user), create one with `useradd --system postgres`, or run Rebound as an ordinary user")
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, nil
}

// checkTraversable explains, before initdb fails obscurely, that the
// postgres user cannot reach the data directory (e.g. under /root, mode 700).
func checkTraversable(dir string, cred *syscall.Credential) error {
	for d := dir; ; d = filepath.Dir(d) {
		fi, err := os.Stat(d)
		if err == nil {
			st := fi.Sys().(*syscall.Stat_t)
			mode := fi.Mode().Perm()
			ok := mode&0o001 != 0 ||
				(st.Uid == cred.Uid && mode&0o100 != 0) ||
				(st.Gid == cred.Gid && mode&0o010 != 0)
			if !ok {
				return fmt.Errorf("running as root, PostgreSQL runs as the postgres user, which cannot enter %s (mode %04o); "+
					"choose a data directory it can reach with REBOUND_DATA_DIR (for example /var/lib/rebound), or run Rebound as an ordinary user",
					d, mode)
			}
		}
		if d == filepath.Dir(d) {
			return nil
		}
	}
}

func chownAll(dir string, uid, gid int) error {
	return filepath.Walk(dir, func(path string, _ os.FileInfo, err error) error {
		if err != nil {
			return err
		}
		return os.Lchown(path, uid, gid)
	})
}

// tail returns the last n lines of a file, for start-up errors.
func tail(path string, n int) string {
	data, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return "PostgreSQL log (" + path + "):\n" + strings.Join(lines, "\n")
}
