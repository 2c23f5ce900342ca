// Package devdb runs a private PostgreSQL server from the binaries installed
// on the machine: the default database of `rebound serve` when no
// DATABASE_URL is given, and the throwaway server of the tests.
//
// The server listens on a Unix socket only (no TCP port). PostgreSQL refuses
// to run as root, so when the caller is root, initdb and postgres run as the
// `postgres` system user, which is given the data directory.
package devdb

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// ErrNoBinaries is returned when no PostgreSQL server binaries are found.
var ErrNoBinaries = errors.New(`PostgreSQL server binaries (initdb, postgres) not found.
Install them (Debian/Ubuntu: apt-get install postgresql; macOS: brew install postgresql),
or set REBOUND_PG_BIN to the directory that holds them,
or set DATABASE_URL to use a PostgreSQL server you already run`)

// FindBinaries returns the directory that holds initdb and postgres. It looks
// at pgBin (REBOUND_PG_BIN) first, then PATH, then the newest versioned
// directories of Debian and Homebrew installs.
func FindBinaries(pgBin string) (string, error) {
	if pgBin != "" {
		if hasServerBinaries(pgBin) {
			return pgBin, nil
		}
		return "", fmt.Errorf("REBOUND_PG_BIN=%s holds no initdb and postgres: %w", pgBin, ErrNoBinaries)
	}
	if p, err := exec.LookPath("initdb"); err == nil {
		dir := filepath.Dir(p)
		if real, err := filepath.EvalSymlinks(p); err == nil {
			dir = filepath.Dir(real)
		}
		if hasServerBinaries(dir) {
			return dir, nil
		}
	}
	for _, pattern := range []string{
		"/usr/lib/postgresql/*/bin",          // Debian, Ubuntu
		"/usr/pgsql-*/bin",                   // RHEL, Fedora (PGDG)
		"/opt/homebrew/opt/postgresql@*/bin", // Homebrew, Apple silicon
		"/usr/local/opt/postgresql@*/bin",    // Homebrew, Intel
		"/opt/homebrew/opt/postgresql/bin",   // Homebrew, unversioned
		"/usr/local/opt/postgresql/bin",      // Homebrew, unversioned
		"/Applications/Postgres.app/Contents/Versions/*/bin",
	} {
		if dir := newest(pattern); dir != "" {
			return dir, nil
		}
	}
	return "", ErrNoBinaries
}

func newest(pattern string) string {
	dirs, _ := filepath.Glob(pattern)
	var found []string
	for _, d := range dirs {
		if hasServerBinaries(d) {
			found = append(found, d)
		}
	}
	sort.Slice(found, func(i, j int) bool { return versionOf(found[i]) > versionOf(found[j]) })
	if len(found) == 0 {
		return ""
	}
	return found[0]
}

// versionOf reads the major version out of a path such as
// /usr/lib/postgresql/17/bin or /opt/homebrew/opt/postgresql@16/bin.
func versionOf(dir string) int {
	for _, part := range strings.FieldsFunc(dir, func(r rune) bool { return r == '/' || r == '@' || r == '-' }) {
		if n, err := strconv.Atoi(strings.SplitN(part, ".", 2)[0]); err == nil {
			return n
		}
	}
	return 0
}

func hasServerBinaries(dir string) bool {
	for _, name := range []string{"initdb", "postgres"} {
		fi, err := os.Stat(filepath.Join(dir, name))
		if err != nil || fi.IsDir() || fi.Mode()&0o111 == 0 {
			return false
		}
	}
	return true
}
