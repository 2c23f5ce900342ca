package devdb

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

func TestVersionOf(t *testing.T) {
	for dir, want := range map[string]int{
		"/usr/lib/postgresql/17/bin":          17,
		"/usr/lib/postgresql/9.6/bin":         9,
		"/opt/homebrew/opt/postgresql@16/bin": 16,
		"/usr/pgsql-15/bin":                   15,
		"/usr/local/bin":                      0,
	} {
		if got := versionOf(dir); got != want {
			t.Errorf("versionOf(%q) = %d, want %d", dir, got, want)
		}
	}
}

func TestFindBinariesHonoursREBOUND_PG_BIN(t *testing.T) {
	dir := t.TempDir()
	if _, err := FindBinaries(dir); !errors.Is(err, ErrNoBinaries) {
		t.Fatalf("empty directory: err = %v, want ErrNoBinaries", err)
	}
	for _, name := range []string{"initdb", "postgres"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("#!/bin/sh\n"), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := FindBinaries(dir); err != nil || got != dir {
		t.Fatalf("FindBinaries = %q, %v; want %q", got, err, dir)
	}
}

func TestNoBinariesMessageSaysWhatToDo(t *testing.T) {
	msg := ErrNoBinaries.Error()
	for _, want := range []string{"apt-get install postgresql", "brew install postgresql", "REBOUND_PG_BIN", "DATABASE_URL"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

func TestCheckTraversableExplainsAClosedParent(t *testing.T) {
	closed := filepath.Join(testDir(t), "closed")
	if err := os.Mkdir(closed, 0o700); err != nil {
		t.Fatal(err)
	}
	stranger := &syscall.Credential{Uid: 54321, Gid: 54321}
	err := checkTraversable(filepath.Join(closed, "rebound"), stranger)
	if err == nil || !strings.Contains(err.Error(), "cannot enter "+closed) || !strings.Contains(err.Error(), "REBOUND_DATA_DIR") {
		t.Fatalf("err = %v; want one naming %s and REBOUND_DATA_DIR", err, closed)
	}
	if err := os.Chmod(closed, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := checkTraversable(filepath.Join(closed, "rebound"), stranger); err != nil {
		t.Fatalf("open parents: %v", err)
	}
}
