// Package config reads Rebound's settings from the environment, with
// command-line flags overriding them.
package config

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Config is every setting of `rebound serve` and `rebound migrate`.
type Config struct {
	DatabaseURL     string
	Addr            string
	DataDir         string
	PGBin           string
	BaseURL         string
	LogLevel        slog.Level
	LogFormat       string // text or json
	Migrate         bool   // apply migrations at serve start-up
	RequestTimeout  time.Duration
	ShutdownTimeout time.Duration
	MaxBodyBytes    int64
	// MaxUploadBytes bounds an upload of workout files (a bulk export's
	// zip), which MaxBodyBytes does not.
	MaxUploadBytes int64

	OpenSignup      bool          // anyone may create a coach account, not only the first
	SessionIdle     time.Duration // signed out after this long without a request
	SessionLifetime time.Duration // signed out this long after signing in, whatever happens
	TrustProxy      bool          // take the client address from X-Forwarded-For / X-Real-IP
	PprofAddr       string        // loopback address of the profiler; empty: off

	SMTP SMTP
}

// SMTP is the mail server invite and reset links are sent through; with
// no host, links are only shown to copy.
type SMTP struct {
	Host     string
	Port     int
	Username string
	Password string
	From     string
}

// setting describes one setting: its environment variable and flag.
type setting struct {
	env, flag, def, usage string
}

var settings = []setting{
	{"DATABASE_URL", "database-url", "", "PostgreSQL connection string; empty runs a private PostgreSQL under the data directory"},
	{"REBOUND_ADDR", "addr", "127.0.0.1:8080", "address the web server listens on"},
	{"REBOUND_DATA_DIR", "data-dir", "", "directory for the private PostgreSQL (default " + defaultDataDirText + ")"},
	{"REBOUND_PG_BIN", "pg-bin", "", "directory holding PostgreSQL's initdb and postgres (default: found on PATH or in the usual install places)"},
	{"REBOUND_BASE_URL", "base-url", "", "public URL of the app, e.g. https://rebound.example.com (links in e-mails and calendars; https makes cookies Secure)"},
	{"REBOUND_LOG_LEVEL", "log-level", "info", "log level: debug, info, warn or error"},
	{"REBOUND_LOG_FORMAT", "log-format", "auto", "log format: text, json, or auto (text on a terminal, JSON otherwise)"},
	{"REBOUND_MIGRATE", "migrate", "true", "apply database migrations at start-up (serve only)"},
	{"REBOUND_REQUEST_TIMEOUT", "request-timeout", "30s", "longest time a request may take"},
	{"REBOUND_SHUTDOWN_TIMEOUT", "shutdown-timeout", "20s", "how long shutdown waits for requests in flight"},
	{"REBOUND_MAX_BODY_BYTES", "max-body-bytes", "1048576", "largest request body accepted"},
	{"REBOUND_MAX_UPLOAD_BYTES", "max-upload-bytes", "104857600", "largest upload of workout files (FIT, GPX, TCX or a zip of them) accepted"},
	{"REBOUND_OPEN_SIGNUP", "open-signup", "false", "let anyone create a coach account (the first account can always sign up)"},
	{"REBOUND_SESSION_IDLE_TIMEOUT", "session-idle-timeout", "720h", "sign out after this long without a visit"},
	{"REBOUND_SESSION_LIFETIME", "session-lifetime", "2160h", "sign out this long after signing in"},
	{"REBOUND_TRUST_PROXY", "trust-proxy", "false", "behind a reverse proxy: take the client address from the last X-Forwarded-For entry"},
	{"REBOUND_PPROF_ADDR", "pprof-addr", "", "loopback address (e.g. 127.0.0.1:6060) of a separate listener serving Go's profiler; empty: off"},
	{"REBOUND_SMTP_HOST", "smtp-host", "", "SMTP server for e-mailing invite and reset links; empty: links are only shown to copy"},
	{"REBOUND_SMTP_PORT", "smtp-port", "587", "SMTP port (465: TLS; others: STARTTLS when offered)"},
	{"REBOUND_SMTP_USERNAME", "smtp-username", "", "SMTP user name, if the server wants one"},
	{"REBOUND_SMTP_PASSWORD", "smtp-password", "", "SMTP password (prefer the environment variable to the flag)"},
	{"REBOUND_SMTP_FROM", "smtp-from", "", "sender address of e-mails, e.g. Rebound <rebound@example.com>"},
}

// Flags registers the settings on fs with defaults taken from getenv.
// Call Load after fs.Parse. names limits the settings to those flags
// (nil means all).
func Flags(fs *flag.FlagSet, getenv func(string) string, names ...string) func() (Config, error) {
	values := map[string]*string{}
	for _, s := range settings {
		if len(names) > 0 && !slices.Contains(names, s.flag) {
			continue
		}
		def := s.def
		if v := getenv(s.env); v != "" {
			def = v
		}
		values[s.flag] = fs.String(s.flag, def, s.usage+" ["+s.env+"]")
	}
	return func() (Config, error) { return load(values, getenv) }
}

func load(v map[string]*string, getenv func(string) string) (Config, error) {
	get := func(name string) string {
		for _, s := range settings {
			if s.flag == name {
				if p, ok := v[name]; ok {
					return strings.TrimSpace(*p)
				}
				return s.def
			}
		}
		panic("config: unknown setting " + name)
	}
	c := Config{
		DatabaseURL: get("database-url"),
		Addr:        get("addr"),
		DataDir:     get("data-dir"),
		PGBin:       get("pg-bin"),
		BaseURL:     strings.TrimRight(get("base-url"), "/"),
		LogFormat:   get("log-format"),
		PprofAddr:   get("pprof-addr"),
	}
	var errs []error
	if c.DataDir == "" {
		c.DataDir = defaultDataDir(getenv)
	}
	if c.BaseURL != "" {
		u, err := url.Parse(c.BaseURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("base URL %q: want an absolute http or https URL such as https://rebound.example.com", c.BaseURL))
		}
	}
	if err := c.LogLevel.UnmarshalText([]byte(get("log-level"))); err != nil {
		errs = append(errs, fmt.Errorf("log level %q: want debug, info, warn or error", get("log-level")))
	}
	switch c.LogFormat {
	case "text", "json", "auto":
	default:
		errs = append(errs, fmt.Errorf("log format %q: want text, json or auto", c.LogFormat))
	}
	var err error
	for _, d := range []struct {
		name string
		dst  *time.Duration
	}{{"request-timeout", &c.RequestTimeout}, {"shutdown-timeout", &c.ShutdownTimeout},
		{"session-idle-timeout", &c.SessionIdle}, {"session-lifetime", &c.SessionLifetime}} {
		if *d.dst, err = time.ParseDuration(get(d.name)); err != nil || *d.dst <= 0 {
			errs = append(errs, fmt.Errorf("%s %q: want a positive duration such as 30s", d.name, get(d.name)))
		}
	}
	if c.MaxBodyBytes, err = strconv.ParseInt(get("max-body-bytes"), 10, 64); err != nil || c.MaxBodyBytes < 1024 {
		errs = append(errs, fmt.Errorf("max body bytes %q: want a number of bytes, at least 1024", get("max-body-bytes")))
	}
	if c.MaxUploadBytes, err = strconv.ParseInt(get("max-upload-bytes"), 10, 64); err != nil || c.MaxUploadBytes < 1024 {
		errs = append(errs, fmt.Errorf("max upload bytes %q: want a number of bytes, at least 1024", get("max-upload-bytes")))
	}
	for _, b := range []struct {
		name string
		dst  *bool
	}{{"migrate", &c.Migrate}, {"open-signup", &c.OpenSignup}, {"trust-proxy", &c.TrustProxy}} {
		if *b.dst, err = strconv.ParseBool(get(b.name)); err != nil {
			errs = append(errs, fmt.Errorf("%s %q: want true or false", b.name, get(b.name)))
		}
	}
	if c.PprofAddr != "" && !loopback(c.PprofAddr) {
		// The profiler shows the program's insides: never on a public address.
		errs = append(errs, fmt.Errorf("pprof address %q: want a loopback address such as 127.0.0.1:6060", c.PprofAddr))
	}
	c.SMTP = SMTP{Host: get("smtp-host"), Username: get("smtp-username"), Password: get("smtp-password"), From: get("smtp-from")}
	if c.SMTP.Port, err = strconv.Atoi(get("smtp-port")); err != nil || c.SMTP.Port < 1 || c.SMTP.Port > 65535 {
		errs = append(errs, fmt.Errorf("smtp port %q: want a port number", get("smtp-port")))
	}
	if c.SMTP.Host != "" && c.SMTP.From == "" {
		errs = append(errs, errors.New("smtp from: set REBOUND_SMTP_FROM, the sender address of e-mails, when REBOUND_SMTP_HOST is set"))
	}
	if c.SMTP.Host != "" && c.BaseURL == "" {
		// Behind a proxy the request's host is often an internal one.
		errs = append(errs, errors.New("base URL: set REBOUND_BASE_URL when REBOUND_SMTP_HOST is set, so that e-mailed links point at the public address"))
	}
	return c, errors.Join(errs...)
}

// loopback reports whether addr (host:port) names a loopback host.
func loopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return false
	}
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// SecureCookies reports whether the app is served over https.
func (c Config) SecureCookies() bool { return strings.HasPrefix(c.BaseURL, "https://") }

// Logger builds the app's logger: text on a terminal, JSON otherwise
// (log collectors read JSON), unless the format is set.
func (c Config) Logger(w io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: c.LogLevel}
	format := c.LogFormat
	if format == "auto" {
		format = "json"
		if f, ok := w.(*os.File); ok {
			if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
				format = "text"
			}
		}
	}
	if format == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// defaultDataDir is /var/lib/rebound for root (the postgres user must be
// able to reach it, and /root is closed to it), else the XDG data home.
func defaultDataDir(getenv func(string) string) string {
	if os.Geteuid() == 0 {
		return "/var/lib/rebound"
	}
	if x := getenv("XDG_DATA_HOME"); x != "" {
		return filepath.Join(x, "rebound")
	}
	if home, err := os.UserHomeDir(); err == nil {
		return filepath.Join(home, ".local", "share", "rebound")
	}
	return "rebound-data"
}

const defaultDataDirText = "/var/lib/rebound as root, else $XDG_DATA_HOME/rebound or ~/.local/share/rebound"
