package web

import (
	"time"

	"rebound/internal/timezone"
	"rebound/internal/training"
)

// athleteToday is the athlete's calendar day now, at 00:00 UTC.
func (s *Server) athleteToday(a training.Athlete) time.Time { return s.todayIn(a.Timezone) }

// todayIn is the calendar day now in the time zone, at 00:00 UTC.
func (s *Server) todayIn(zone string) time.Time {
	y, m, d := s.store.Now().In(timezone.Location(zone)).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// athleteNow is the time now in the athlete's zone.
func (s *Server) athleteNow(a training.Athlete) time.Time {
	return s.store.Now().In(timezone.Location(a.Timezone))
}

// weekStart is the first day of the athlete's week holding day.
func weekStart(a training.Athlete, day time.Time) time.Time {
	return training.WeekStart(day, a.WeekStartsSunday)
}

func weekPath(a training.Athlete, day time.Time) string {
	return athletePath(a.ID) + "/weeks/" + weekStart(a, day).Format(time.DateOnly)
}
