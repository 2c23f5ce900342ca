// Package apperr is the application's one error vocabulary: a code that
// says what kind of failure it is, and a message that is safe to show a
// user. Internal details stay in the wrapped error, for the log only.
package apperr

import (
	"errors"
	"fmt"
)

// Code is the kind of an error.
type Code string

const (
	Invalid     Code = "invalid"     // the input is wrong; the user can fix it
	NotFound    Code = "not_found"   // no such thing, or not the actor's to see
	Conflict    Code = "conflict"    // someone else changed it first
	Forbidden   Code = "forbidden"   // known, but not allowed
	Unavailable Code = "unavailable" // a dependency (the database) is down; try again
	Internal    Code = "internal"    // a bug or fault; the user can do nothing
)

// Error is an error with a code and a message for users.
type Error struct {
	Code    Code
	Message string // safe to show
	Err     error  // the cause, logged and never shown
}

func (e *Error) Error() string {
	if e.Err != nil {
		return fmt.Sprintf("%s: %s: %v", e.Code, e.Message, e.Err)
	}
	return fmt.Sprintf("%s: %s", e.Code, e.Message)
}

func (e *Error) Unwrap() error { return e.Err }

// New returns an error with code and a user-safe message.
func New(code Code, message string) *Error { return &Error{Code: code, Message: message} }

// Wrap returns an error with code and a user-safe message around cause.
func Wrap(code Code, message string, cause error) *Error {
	return &Error{Code: code, Message: message, Err: cause}
}

// CodeOf returns the code of err; an error without one is Internal.
func CodeOf(err error) Code {
	if e, ok := errors.AsType[*Error](err); ok {
		return e.Code
	}
	return Internal
}

// MessageOf returns the user-safe message of err, or a generic one.
func MessageOf(err error) string {
	if e, ok := errors.AsType[*Error](err); ok && e.Message != "" {
		return e.Message
	}
	return "Something went wrong on our side. It has been logged; please try again."
}
