package web

import (
	"context"
	"maps"
	"sync"
	"sync/atomic"

	"rebound/internal/store"
	"rebound/web/pages/dashboard"
)

// rosterCache keeps each coach's dashboard rows as last read, each with the
// version of the kept row it was built from, so that a dashboard drawn
// after one athlete's change reads and builds that athlete's row alone
// instead of all of them (reading and building 500 rows was two fifths of
// the server's work of such a visit, and a read of 500 rows' 38 columns a
// good part of the database's). Each process keeps its own; the versions
// come from the database, so a row another process changed is read again.
type rosterCache struct {
	mu      sync.Mutex
	coaches map[int64]map[int64]*keptRow
	held    int // rows
}

// keptRow is an athlete's row as built from the kept row of a version,
// and as drawn once shown: without a proposal to review, and with one (the
// row shows whether there is one, not which).
type keptRow struct {
	version int64
	unread  int32
	row     dashboard.Row // without its proposal and its week's link
	drawn   [2]atomic.Pointer[string]
}

// draw returns r, a copy of the kept row with its proposal and week's link
// set, drawn: as drawn before, or now and kept. Two requests drawing the
// same row at once draw the same.
func (k *keptRow) draw(ctx context.Context, r dashboard.Row) (dashboard.Row, error) {
	variant := 0
	if r.Proposal != nil {
		variant = 1
	}
	if html := k.drawn[variant].Load(); html != nil {
		r.Drawn = *html
		return r, nil
	}
	html, err := dashboard.RowHTML(ctx, r)
	if err != nil {
		return r, err
	}
	k.drawn[variant].Store(&html)
	r.Drawn = html
	return r, nil
}

// rosterCacheRows bounds the memory held, about a kilobyte a row: 40
// coaches of 500 athletes. When full it starts over, which costs a read of
// every row of each coach's next visit.
const rosterCacheRows = 20000

// rows returns the dashboard's rows of the athletes of vs, in its order,
// reading again those whose version or unread comments differ from the
// kept ones, and the kept rows by athlete; read is how many were read.
func (c *rosterCache) rows(ctx context.Context, st *store.Store, coach store.User, vs store.RosterVersions) (rows []dashboard.Row, kept map[int64]*keptRow, read int, err error) {
	c.mu.Lock()
	old := c.coaches[coach.ID]
	c.mu.Unlock()
	var stale []int64
	reread := make([]bool, len(vs.IDs))
	known := len(old) == len(vs.IDs) // and every one of vs kept: the same athletes
	for i, id := range vs.IDs {
		k, ok := old[id]
		if !ok || k.version != vs.Versions[i] || k.unread != vs.Unread[i] {
			stale, reread[i] = append(stale, id), true
		}
		known = known && ok
	}
	var fresh map[int64]*keptRow
	if len(stale) > 0 {
		entries, err := st.RosterRows(ctx, coach, stale)
		if err != nil {
			return nil, nil, 0, err
		}
		fresh = make(map[int64]*keptRow, len(entries))
		for _, e := range entries {
			fresh[e.ID] = &keptRow{version: e.Version, unread: int32(e.UnreadComments), row: rosterRow(e)}
		}
	}
	// A map of its own for each version of the roster: a request still
	// drawing from the one before reads it unchanged. For the same athletes
	// it is the kept one, copied with the rows read again in it (cheaper
	// than a new one, key by key).
	next := old
	switch {
	case known && len(stale) > 0:
		next = maps.Clone(old)
		for _, id := range stale {
			if k, ok := fresh[id]; ok {
				next[id] = k
			} else { // archived since the versions were read: the next ones differ
				delete(next, id)
			}
		}
	case !known:
		next = make(map[int64]*keptRow, len(vs.IDs))
		for i, id := range vs.IDs {
			k, ok := fresh[id]
			if !ok && !reread[i] {
				k, ok = old[id]
			}
			if ok {
				next[id] = k
			}
		}
	}
	rows = make([]dashboard.Row, 0, len(vs.IDs))
	for _, id := range vs.IDs {
		if k, ok := next[id]; ok {
			rows = append(rows, k.row)
		}
	}
	c.put(coach.ID, next)
	return rows, next, len(stale), nil
}

func (c *rosterCache) put(coach int64, rows map[int64]*keptRow) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.coaches == nil || c.held-len(c.coaches[coach])+len(rows) > rosterCacheRows {
		c.coaches, c.held = map[int64]map[int64]*keptRow{}, 0
	}
	c.held += len(rows) - len(c.coaches[coach])
	c.coaches[coach] = rows
}
