package config

import (
	"flag"
	"io"
	"strings"
	"testing"
	"time"
)

func parse(t *testing.T, env map[string]string, args ...string) (Config, error) {
	t.Helper()
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	load := Flags(fs, func(k string) string { return env[k] })
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return load()
}

func TestDefaults(t *testing.T) {
	c, err := parse(t, nil)
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DatabaseURL != "" || !c.Migrate || c.RequestTimeout != 30*time.Second || c.DataDir == "" ||
		c.MaxUploadBytes != 100<<20 {
		t.Fatalf("defaults = %+v", c)
	}
}

func TestFlagsOverrideEnvironment(t *testing.T) {
	env := map[string]string{"REBOUND_ADDR": "0.0.0.0:9000", "DATABASE_URL": "postgres://env/db", "REBOUND_MIGRATE": "false"}
	c, err := parse(t, env, "-addr", ":7000")
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != ":7000" || c.DatabaseURL != "postgres://env/db" || c.Migrate {
		t.Fatalf("got addr %q url %q migrate %v", c.Addr, c.DatabaseURL, c.Migrate)
	}
}

func TestBaseURLDecidesSecureCookies(t *testing.T) {
	c, err := parse(t, map[string]string{"REBOUND_BASE_URL": "https://rebound.example.com/"})
	if err != nil {
		t.Fatal(err)
	}
	if !c.SecureCookies() || c.BaseURL != "https://rebound.example.com" {
		t.Fatalf("base %q secure %v", c.BaseURL, c.SecureCookies())
	}
}

func TestBadValuesAreAllReported(t *testing.T) {
	_, err := parse(t, map[string]string{
		"REBOUND_BASE_URL":         "rebound.example.com",
		"REBOUND_LOG_LEVEL":        "loud",
		"REBOUND_LOG_FORMAT":       "xml",
		"REBOUND_MIGRATE":          "sometimes",
		"REBOUND_REQUEST_TIMEOUT":  "-1s",
		"REBOUND_MAX_BODY_BYTES":   "12",
		"REBOUND_MAX_UPLOAD_BYTES": "lots",
	})
	if err == nil {
		t.Fatal("no error")
	}
	for _, want := range []string{"base URL", "log level", "log format", "migrate", "request-timeout", "max body bytes", "max upload bytes"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q: %v", want, err)
		}
	}
}

func TestLimitedFlagSet(t *testing.T) {
	fs := flag.NewFlagSet("test", flag.ContinueOnError)
	Flags(fs, func(string) string { return "" }, "addr")
	if fs.Lookup("addr") == nil || fs.Lookup("database-url") != nil {
		t.Fatal("Flags registered the wrong settings")
	}
}

func TestSMTPNeedsSenderAndBaseURL(t *testing.T) {
	_, err := parse(t, map[string]string{"REBOUND_SMTP_HOST": "mail.example.com"})
	if err == nil || !strings.Contains(err.Error(), "REBOUND_SMTP_FROM") || !strings.Contains(err.Error(), "REBOUND_BASE_URL") {
		t.Fatalf("err = %v", err)
	}
	c, err := parse(t, map[string]string{"REBOUND_SMTP_HOST": "mail.example.com", "REBOUND_SMTP_FROM": "rebound@example.com",
		"REBOUND_BASE_URL": "https://rebound.example.com"})
	if err != nil || c.SMTP.Port != 587 {
		t.Fatalf("%+v, %v", c.SMTP, err)
	}
}

func TestProfilerOnlyOnLoopback(t *testing.T) {
	for addr, ok := range map[string]bool{"": true, "127.0.0.1:6060": true, "[::1]:6060": true, "localhost:6060": true,
		"0.0.0.0:6060": false, ":6060": false, "10.0.0.5:6060": false, "127.0.0.1": false} {
		c, err := parse(t, map[string]string{"REBOUND_PPROF_ADDR": addr})
		if (err == nil) != ok {
			t.Errorf("pprof address %q: err %v, want accepted %v", addr, err, ok)
		}
		if ok && c.PprofAddr != addr {
			t.Errorf("pprof address %q read as %q", addr, c.PprofAddr)
		}
	}
}
