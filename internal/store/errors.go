package store

import (
	"context"
	"errors"
	"net"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"rebound/internal/apperr"
)

// notFound is the error for a row that does not exist or is not the
// actor's to see; the two are deliberately indistinguishable.
func notFound(what string) error {
	return apperr.New(apperr.NotFound, "No such "+what+".")
}

// wrap turns a database error into the app's vocabulary: a missing row is
// NotFound, a dead connection Unavailable, the rest Internal.
func wrap(err error, what string) error {
	if err == nil {
		return nil
	}
	if _, ok := errors.AsType[*apperr.Error](err); ok {
		return err
	}
	if _, ok := errors.AsType[*ProtectedError](err); ok {
		return err // the handler shows it with the alternatives
	}
	if errors.Is(err, pgx.ErrNoRows) {
		return notFound(what)
	}
	if unavailable(err) {
		return apperr.Wrap(apperr.Unavailable, "The database is not reachable right now.", err)
	}
	return apperr.Wrap(apperr.Internal, "", err)
}

func unavailable(err error) bool {
	if _, ok := errors.AsType[*pgconn.ConnectError](err); ok {
		return true
	}
	if _, ok := errors.AsType[*net.OpError](err); ok {
		return true
	}
	if pgErr, ok := errors.AsType[*pgconn.PgError](err); ok {
		// 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now
		return pgErr.Code == "57P01" || pgErr.Code == "57P02" || pgErr.Code == "57P03"
	}
	return pgconn.SafeToRetry(err) || errors.Is(err, context.DeadlineExceeded)
}

// uniqueViolation reports whether err broke the unique index named.
func uniqueViolation(err error, index string) bool {
	pgErr, ok := errors.AsType[*pgconn.PgError](err)
	return ok && pgErr.Code == "23505" && pgErr.ConstraintName == index
}
