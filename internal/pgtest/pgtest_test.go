package pgtest_test

import (
	"context"
	"testing"

	"rebound/internal/pgtest"
)

func TestMain(m *testing.M) { pgtest.Main(m) }

func TestEachTestGetsItsOwnMigratedDatabase(t *testing.T) {
	ctx := context.Background()
	var names [2]string
	for i := range names {
		t.Run("clone", func(t *testing.T) {
			pool := pgtest.Pool(t)
			if err := pool.QueryRow(ctx, "SELECT current_database()").Scan(&names[i]); err != nil {
				t.Fatal(err)
			}
			// The schema is there, and what this test writes stays in its database.
			if _, err := pool.Exec(ctx, "INSERT INTO sessions (token, data, expiry) VALUES ('t', '', now())"); err != nil {
				t.Fatalf("sessions table missing from the clone: %v", err)
			}
			var n int
			if err := pool.QueryRow(ctx, "SELECT count(*) FROM sessions").Scan(&n); err != nil || n != 1 {
				t.Fatalf("sessions rows = %d, %v; want 1 (a clone must start empty)", n, err)
			}
		})
	}
	if names[0] == names[1] {
		t.Fatalf("both tests got database %q", names[0])
	}
}
