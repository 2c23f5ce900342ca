package checkin

import (
	"strconv"
	"strings"

	"rebound/internal/store"
	"rebound/internal/units"
)

func lightWord(l string) string {
	switch l {
	case "green":
		return "Green"
	case "amber":
		return "Amber"
	case "red":
		return "Red"
	}
	return "–"
}

// advice is what the athlete should do with today's light.
func advice(c store.CheckIn) string {
	switch {
	case c.Illness:
		return "Rest while you're ill; training through it delays recovery. Your coach sees this on their dashboard and can adjust your plan."
	case c.Light == "red":
		return "Take it easy today: rest, or only very light movement. Your coach sees this on their dashboard and can adjust your plan."
	case c.Light == "amber":
		return "Keep today's workout easy, or shorten it; recovery is where the gains are made. Your coach has been notified on the dashboard."
	}
	return "You're ready: train as planned."
}

func hours(h float64) string {
	if h <= 0 {
		return "–"
	}
	return units.Duration(int(h * 3600))
}

func measured(c store.CheckIn) string {
	var parts []string
	if c.RestingHR > 0 {
		parts = append(parts, strconv.Itoa(c.RestingHR)+" bpm")
	}
	if c.HRV > 0 {
		parts = append(parts, strconv.FormatFloat(c.HRV, 'f', -1, 64)+" ms")
	}
	if len(parts) == 0 {
		return "–"
	}
	return strings.Join(parts, " · ")
}
