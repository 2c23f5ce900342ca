package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// A plan that cannot prepare the athlete safely is still printed, with its
// warning on top and on stderr, and the command succeeds.
func TestPlanCommandWarns(t *testing.T) {
	now := time.Date(2026, 11, 24, 9, 0, 0, 0, time.UTC)
	args := []string{"--event", "marathon", "--event-date", "2027-03-14", "--start", "2026-11-23",
		"--weekly-minutes", "150", "--experience", "beginner"}
	var out, errs bytes.Buffer
	if err := planCommand(args, now, &out, &errs); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "Warnings:\n  ! The longest long run") || !strings.Contains(errs.String(), "warning: The longest long run") {
		t.Errorf("no warning:\nstdout %.400s\nstderr %s", out.String(), errs.String())
	}
	out.Reset()
	if err := planCommand(append(args, "--format", "json"), now, &out, &bytes.Buffer{}); err != nil {
		t.Fatal(err)
	}
	var got struct{ Warnings []string }
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || len(got.Warnings) != 1 {
		t.Errorf("JSON warnings %v (%v)", got.Warnings, err)
	}
}
