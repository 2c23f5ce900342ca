package uploads

import (
	"strconv"

	"rebound/internal/store"
)

func workoutPath(athleteID, workoutID int64) string {
	return "/athletes/" + strconv.FormatInt(athleteID, 10) + "/workouts/" + strconv.FormatInt(workoutID, 10)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func megabytes(n int64) string { return strconv.FormatInt((n+(1<<20)-1)>>20, 10) + " MB" }

func by(j store.ImportJob) string {
	if j.UploadedBy == "" {
		return ""
	}
	return " by " + j.UploadedBy
}

// imported is how many workouts the job's files became.
func imported(j store.ImportJob) int {
	n := 0
	for _, f := range j.Files {
		n += f.Activities
	}
	return n
}

// matched is how many of them took a planned workout's place.
func matched(j store.ImportJob) int {
	n := 0
	for _, f := range j.Files {
		n += f.Matched
	}
	return n
}

// statusText says what became of a file in a few words.
func statusText(f store.ImportFile) string {
	switch f.Status {
	case "pending":
		return "waiting"
	case "duplicate":
		return "duplicate, skipped"
	case "refused":
		return "refused"
	}
	switch {
	case f.Activities > 1 && f.Matched > 0:
		return strconv.Itoa(f.Activities) + " workouts, " + strconv.Itoa(f.Matched) + " matched to the plan"
	case f.Activities > 1:
		return strconv.Itoa(f.Activities) + " workouts, not planned"
	case f.Matched > 0:
		return "matched to the plan"
	}
	return "imported, not planned"
}

func badgeClass(status string) string {
	switch status {
	case "imported":
		return "ok"
	case "refused":
		return "bad"
	case "duplicate":
		return "warn"
	}
	return ""
}
