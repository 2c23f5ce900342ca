package web

import (
	"strings"
	"testing"
	"time"
)

func TestParseWearableCSV(t *testing.T) {
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	csv := "\ufeffDate,Sleep_Hours,\"resting_hr\"\r\n2026-11-20,7.4,51\r\n2026-11-21,,\r\n\"2026-11-22\",6,\r\n"
	ms, refused, err := parseWearableCSV(strings.NewReader(csv), today)
	if err != nil {
		t.Fatal(err)
	}
	// 7.4 h is stored in quarter hours: 7.5.
	if len(ms) != 2 || ms[0].SleepHours != 7.5 || ms[0].RestingHR != 51 || ms[1].SleepHours != 6 || ms[1].RestingHR != 0 {
		t.Fatalf("measurements %+v", ms)
	}
	if len(refused) != 1 || refused[0].Line != 3 || !strings.Contains(refused[0].Reason, "no resting_hr") {
		t.Fatalf("refused %+v", refused)
	}
	for _, bad := range []string{"", "date\n", "when,resting_hr\n2026-11-20,50\n"} {
		if _, _, err := parseWearableCSV(strings.NewReader(bad), today); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	// Files that are CSV only in name are told apart, and the message
	// says what to do.
	for _, c := range []struct{ file, says string }{
		{"date;resting_hr;hrv_rmssd\n2026-11-20;50;60,5\n", "semicolons"},
		{"\ufeffDate;Sleep_Hours\r\n2026-11-20;7,5\r\n", "semicolons"},
		{"date\tresting_hr\n2026-11-20\t50\n", "tabs"},
		{"date,resting_hr,sleep_hours\r2026-11-20,50,7.5\r2026-11-21,52,8\r", "carriage return alone"},
	} {
		_, _, err := parseWearableCSV(strings.NewReader(c.file), today)
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%q: %v, want a message about %s", c.file, err, c.says)
		}
	}
	ms, refused, err = parseWearableCSV(strings.NewReader("date,hrv_rmssd\n2026-11-20,\"60\n2026-11-21,70\n"), today)
	if err != nil || len(ms) != 0 || len(refused) != 1 || !strings.Contains(refused[0].Reason, "not valid CSV") {
		t.Fatalf("broken quoting: %v %v %v", ms, refused, err)
	}
}

// FuzzParseWearableCSV: any upload is either refused as a whole or gives
// measurements within the database's ranges, never a panic.
func FuzzParseWearableCSV(f *testing.F) {
	f.Add("date,resting_hr,hrv_rmssd,sleep_hours\n2026-11-20,50,60.5,7.5\n")
	f.Add("date,hrv_rmssd\n2026-11-20,\"6\n0\"\n2026-11-20,1e400\n")
	f.Add("\ufeffDATE,SLEEP_HOURS\n2026-02-30,25\n,\n")
	today := time.Date(2026, 11, 23, 0, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, in string) {
		ms, _, err := parseWearableCSV(strings.NewReader(in), today)
		if err != nil {
			return
		}
		seen := map[time.Time]bool{}
		for _, m := range ms {
			if m.Day.After(today) || seen[m.Day] ||
				(m.RestingHR != 0 && (m.RestingHR < 25 || m.RestingHR > 220)) ||
				(m.HRV != 0 && (m.HRV < 1 || m.HRV > 300)) ||
				m.SleepHours < 0 || m.SleepHours > 24 || m.SleepHours*4 != float64(int(m.SleepHours*4)) {
				t.Fatalf("accepted %+v", m)
			}
			seen[m.Day] = true
		}
	})
}
