package store

import (
	"context"
	"sync/atomic"

	"github.com/jackc/pgx/v5"
)

// QueryCount counts the SQL statements run on behalf of one context: a
// page's query budget is checked in tests and logged per request.
type QueryCount struct{ n atomic.Int64 }

// N is the number of statements so far.
func (q *QueryCount) N() int64 { return q.n.Load() }

type queryCountKey struct{}

// CountQueries returns a context whose statements are counted in the
// returned QueryCount.
func CountQueries(ctx context.Context) (context.Context, *QueryCount) {
	q := &QueryCount{}
	return context.WithValue(ctx, queryCountKey{}, q), q
}

// counter is the pool's tracer: it adds one for every statement, batched
// ones included, to the QueryCount in the statement's context, if any.
type counter struct{}

func (counter) add(ctx context.Context, n int64) {
	if q, ok := ctx.Value(queryCountKey{}).(*QueryCount); ok {
		q.n.Add(n)
	}
}

func (c counter) TraceQueryStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceQueryStartData) context.Context {
	c.add(ctx, 1)
	return ctx
}

func (counter) TraceQueryEnd(context.Context, *pgx.Conn, pgx.TraceQueryEndData) {}

func (counter) TraceBatchStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchStartData) context.Context {
	return ctx
}

func (c counter) TraceBatchQuery(ctx context.Context, _ *pgx.Conn, _ pgx.TraceBatchQueryData) {
	c.add(ctx, 1)
}

func (counter) TraceBatchEnd(context.Context, *pgx.Conn, pgx.TraceBatchEndData) {}

func (c counter) TraceCopyFromStart(ctx context.Context, _ *pgx.Conn, _ pgx.TraceCopyFromStartData) context.Context {
	c.add(ctx, 1)
	return ctx
}

func (counter) TraceCopyFromEnd(context.Context, *pgx.Conn, pgx.TraceCopyFromEndData) {}
