package web

import (
	"net/url"
	"strconv"
	"time"

	"rebound/internal/apperr"
	"rebound/internal/store"
)

// Long lists page by keyset: a link to the older page carries the place of
// the last row shown, and that page continues below it. Unlike an offset,
// this costs the same however far back it goes and neither skips nor
// repeats rows when new ones arrive meanwhile.

// errBadCursor: a page link whose place in the list cannot be read.
var errBadCursor = apperr.New(apperr.Invalid, "This link to an older page is not valid. Start again from the newest page.")

// changeCursor reads the place a page of plan history continues from:
// ?before=<time>&id=<change id>; neither is the first page.
func changeCursor(q url.Values) (store.ChangeCursor, error) {
	if !q.Has("before") && !q.Has("id") {
		return store.ChangeCursor{}, nil
	}
	at, err := time.Parse(time.RFC3339Nano, q.Get("before"))
	if err != nil {
		return store.ChangeCursor{}, errBadCursor
	}
	id, err := strconv.ParseInt(q.Get("id"), 10, 64)
	if err != nil || id <= 0 {
		return store.ChangeCursor{}, errBadCursor
	}
	return store.ChangeCursor{At: at, ID: id}, nil
}

// changeQuery is the query of the page of plan history after c.
func changeQuery(c store.ChangeCursor) string {
	return url.Values{"before": {c.At.UTC().Format(time.RFC3339Nano)}, "id": {strconv.FormatInt(c.ID, 10)}}.Encode()
}

// dayCursor reads the day a page of a by-day list continues before:
// ?before=yyyy-mm-dd; none is the first page.
func dayCursor(q url.Values) (time.Time, error) {
	if !q.Has("before") {
		return time.Time{}, nil
	}
	day, err := time.Parse(time.DateOnly, q.Get("before"))
	if err != nil {
		return time.Time{}, errBadCursor
	}
	return day, nil
}

// dayQuery is the query of the page of a by-day list before day.
func dayQuery(day time.Time) string {
	return url.Values{"before": {day.Format(time.DateOnly)}}.Encode()
}
