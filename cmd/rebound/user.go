package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"rebound/internal/apperr"
	"rebound/internal/auth"
	"rebound/internal/config"
)

const userSynopsis = `user [flags] reset-password EMAIL

  reset-password EMAIL   print a one-time link (valid 3 days) that lets the
                         account with this e-mail choose a new password`

// user manages accounts from the shell, for whoever runs the server.
func user(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := newFlagSet("user", userSynopsis, stderr)
	load := config.Flags(fs, getenv, "database-url", "data-dir", "pg-bin", "base-url", "addr", "log-level", "log-format")
	if err := fs.Parse(args); err != nil {
		return err
	}
	cfg, err := load()
	if err != nil {
		return err
	}
	if fs.NArg() != 2 || fs.Arg(0) != "reset-password" {
		fs.Usage()
		return errors.New("usage: rebound user reset-password EMAIL")
	}
	db, err := openDatabase(ctx, cfg, cfg.Logger(stderr), true)
	if err != nil {
		return err
	}
	token, hash := auth.NewToken()
	u, expires, err := db.store.IssuePasswordResetByEmail(ctx, fs.Arg(1), hash)
	if apperr.CodeOf(err) == apperr.NotFound {
		err = fmt.Errorf("no account has the e-mail address %q", fs.Arg(1))
	}
	if err == nil {
		base := cfg.BaseURL
		if base == "" {
			base = "http://" + localAddr(cfg.Addr)
		}
		fmt.Fprintf(stdout, "Password-reset link for %s <%s>, valid once until %s:\n%s/reset/%s\n",
			u.Name, u.Email, expires.Format("Mon 2 Jan 2006 15:04 MST"), base, token)
	}
	return errors.Join(err, db.Close())
}
