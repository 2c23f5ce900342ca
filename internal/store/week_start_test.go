package store_test

import (
	"context"
	"testing"
	"time"

	"rebound/internal/pgtest"
	"rebound/internal/training"
)

// athlete_week_start (SQL, used by the kept rows and the notifications)
// gives the day training.WeekStart gives, for every day of four years
// (leap days and year ends among them) and both first weekdays.
func TestAthleteWeekStartEqualsGo(t *testing.T) {
	pool := pgtest.Pool(t)
	from := time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC)
	const days = 4 * 366
	rows, err := pool.Query(context.Background(), `
		SELECT d::date, s, athlete_week_start(d::date, s)
		FROM generate_series($1::date, $1::date + $2::int, interval '1 day') d, unnest(ARRAY[false, true]) s`, from, days)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var day, got time.Time
		var sunday bool
		if err := rows.Scan(&day, &sunday, &got); err != nil {
			t.Fatal(err)
		}
		if want := training.WeekStart(day, sunday); !got.Equal(want) {
			t.Errorf("athlete_week_start(%s, sunday %t) = %s, training.WeekStart %s",
				day.Format(time.DateOnly), sunday, got.Format(time.DateOnly), want.Format(time.DateOnly))
		}
		n++
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 2*(days+1) {
		t.Fatalf("compared %d days, want %d", n, 2*(days+1))
	}
}
