package store

import (
	"context"

	"github.com/jackc/pgx/v5"
)

// queryGeneric runs query with a generic plan, set for its own transaction
// in the same round trip (one statement more, no round trip more). Left to
// choose, PostgreSQL's plan cache compares the generic plan with the ones
// it makes for each call's values, and where a parameter's value narrows
// the estimate (a list of ids, a first day) those look cheaper: it then
// plans the statement on every call, and for some statements planning
// took longer than the read. The rows close the round trip's results with
// them.
func (s *Store) queryGeneric(ctx context.Context, query string, args ...any) (pgx.Rows, error) {
	batch := &pgx.Batch{}
	batch.Queue(`SELECT set_config('plan_cache_mode', 'force_generic_plan', true)`)
	batch.Queue(query, args...)
	br := s.pool.SendBatch(ctx, batch)
	if _, err := br.Exec(); err != nil {
		br.Close()
		return nil, err
	}
	rows, err := br.Query()
	if err != nil {
		br.Close()
		return nil, err
	}
	return genericRows{rows, br}, nil
}

// genericRows are queryGeneric's rows, which close its results too.
type genericRows struct {
	pgx.Rows
	results pgx.BatchResults
}

func (r genericRows) Close() {
	r.Rows.Close()
	r.results.Close()
}
