package today

import (
	"strings"
	"time"
)

func greeting(now time.Time) string {
	switch h := now.Hour(); {
	case h < 5:
		return "Good evening"
	case h < 12:
		return "Good morning"
	case h < 18:
		return "Good afternoon"
	}
	return "Good evening"
}

func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return name
}
