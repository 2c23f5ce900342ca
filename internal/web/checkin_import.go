package web

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"rebound/internal/coaching"
	"rebound/internal/store"
	"rebound/web/pages/checkin"
)

// maxImportRows bounds one upload: fifteen years of days.
const maxImportRows = 5500

// importColumns are the columns a wearable CSV may fill; date is required.
var importColumns = []string{"resting_hr", "hrv_rmssd", "sleep_hours"}

// parseWearableCSV reads a CSV export: a header naming `date` and at least
// one of resting_hr, hrv_rmssd, sleep_hours (other columns are ignored),
// then a row per day. Rows that cannot be used are refused with their
// reason; the others come back as measurements for days up to today.
func parseWearableCSV(r io.Reader, today time.Time) ([]store.Measurement, []checkin.Refused, error) {
	br := bufio.NewReaderSize(r, layoutPeek)
	head, _ := br.Peek(layoutPeek) // what there is: a short file is all of it
	if err := layoutProblem(head); err != nil {
		return nil, nil, err
	}
	cr := csv.NewReader(br)
	cr.FieldsPerRecord = -1
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return nil, nil, errors.New("the file is empty or not CSV: the first line must be a header such as date,resting_hr,hrv_rmssd,sleep_hours")
	}
	col := map[string]int{}
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		if _, dup := col[h]; !dup {
			col[h] = i
		}
	}
	if _, ok := col["date"]; !ok {
		return nil, nil, errors.New("the header has no date column")
	}
	found := false
	for _, c := range importColumns {
		_, ok := col[c]
		found = found || ok
	}
	if !found {
		return nil, nil, errors.New("the header names none of resting_hr, hrv_rmssd, sleep_hours")
	}

	var ms []store.Measurement
	var refused []checkin.Refused
	seen := map[time.Time]int{}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			refused = append(refused, checkin.Refused{Line: line, Reason: "not valid CSV; the rest of the file was not read"})
			break // after a quoting error the reader cannot find the next record reliably
		}
		if line-1 > maxImportRows {
			return nil, nil, fmt.Errorf("the file has more than %d rows: split it", maxImportRows)
		}
		cell := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		m, reason := measurement(cell, today)
		if reason == "" {
			if prev, dup := seen[m.Day]; dup {
				reason = fmt.Sprintf("%s appears again (first on line %d)", m.Day.Format(time.DateOnly), prev)
			}
		}
		if reason != "" {
			refused = append(refused, checkin.Refused{Line: line, Reason: reason})
			continue
		}
		seen[m.Day] = line
		ms = append(ms, m)
	}
	return ms, refused, nil
}

// layoutPeek is how much of an upload layoutProblem reads: the header
// and the first lines, or the whole of a file without line breaks.
const layoutPeek = 64 << 10

// layoutProblem says what is wrong with a file that is CSV only in name,
// from its start: lines ended by a carriage return alone (old Mac
// programs), which would read as one long line, or columns separated by
// semicolons or tabs (spreadsheets set to a decimal comma save "CSV" with
// semicolons), which would read as one column without a date.
func layoutProblem(head []byte) error {
	if bytes.IndexByte(head, '\n') < 0 && bytes.IndexByte(head, '\r') >= 0 {
		return errors.New("its lines end in a carriage return alone (as old Mac programs write them): " +
			"save it again with ordinary line ends, or export it as CSV for Windows or for Unix")
	}
	header, _, _ := bytes.Cut(head, []byte("\n"))
	header = bytes.TrimSuffix(header, []byte("\r"))
	if bytes.IndexByte(header, ',') >= 0 {
		return nil
	}
	switch {
	case bytes.IndexByte(header, ';') >= 0:
		return errors.New("its columns are separated by semicolons, not commas (spreadsheets set to a decimal comma save CSV that way): " +
			"save it again with commas between the columns and points in the numbers")
	case bytes.IndexByte(header, '\t') >= 0:
		return errors.New("its columns are separated by tabs, not commas: save it again as comma-separated values")
	}
	return nil
}

// measurement reads one row, or says why it cannot be used.
func measurement(cell func(string) string, today time.Time) (store.Measurement, string) {
	var m store.Measurement
	day, err := time.Parse(time.DateOnly, cell("date"))
	if err != nil {
		return m, fmt.Sprintf("date %q is not a date like 2026-11-23", truncateText(cell("date"), 20))
	}
	if day.After(today) {
		return m, "date " + cell("date") + " is in the future"
	}
	if day.Before(today.AddDate(-15, 0, 0)) {
		return m, "date " + cell("date") + " is more than 15 years ago"
	}
	m.Day = day
	if v := cell("resting_hr"); v != "" {
		n, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(n) || n < 25 || n > 220 {
			return m, fmt.Sprintf("resting_hr %q is not a heart rate from 25 to 220", truncateText(v, 20))
		}
		m.RestingHR = int(math.Round(n))
	}
	if v := cell("hrv_rmssd"); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || x < 1 || x > 300 {
			return m, fmt.Sprintf("hrv_rmssd %q is not an rMSSD from 1 to 300 ms", truncateText(v, 20))
		}
		m.HRV = math.Round(x*10) / 10
	}
	if v := cell("sleep_hours"); v != "" {
		x, err := strconv.ParseFloat(v, 64)
		if err != nil || math.IsNaN(x) || x < 0 || x > 24 {
			return m, fmt.Sprintf("sleep_hours %q is not a number of hours from 0 to 24", truncateText(v, 20))
		}
		m.SleepHours = math.Round(x*4) / 4 // stored in quarter hours
	}
	if m.RestingHR == 0 && m.HRV == 0 && m.SleepHours == 0 {
		return m, "no resting_hr, hrv_rmssd or sleep_hours value"
	}
	return m, ""
}

func truncateText(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func (s *Server) importForm(w http.ResponseWriter, r *http.Request) {
	_, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, checkin.Import(s.page(r, "Import wearable data"), a, checkin.ImportResult{}))
}

func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) {
	u, a, err := s.visibleAthlete(r)
	if err != nil {
		s.renderError(w, r, err)
		return
	}
	show := func(status int, res checkin.ImportResult) {
		s.render(w, r, status, checkin.Import(s.page(r, "Import wearable data"), a, res))
	}
	file, _, err := r.FormFile("file")
	if err != nil {
		if _, ok := errors.AsType[*http.MaxBytesError](err); ok {
			show(http.StatusRequestEntityTooLarge, checkin.ImportResult{Problem: "The file is too large. Split it into smaller files."})
			return
		}
		show(http.StatusUnprocessableEntity, checkin.ImportResult{Problem: "Choose a CSV file to upload."})
		return
	}
	defer file.Close()
	today := s.athleteToday(a)
	ms, refused, err := parseWearableCSV(file, today)
	if err != nil {
		show(http.StatusUnprocessableEntity, checkin.ImportResult{Problem: "The file can't be imported: " + err.Error() + "."})
		return
	}
	if len(ms) > 0 {
		if err := coaching.Import(r.Context(), s.store, u, a.ID, ms, today); err != nil {
			s.renderError(w, r, err)
			return
		}
	}
	show(http.StatusOK, checkin.ImportResult{Done: true, Imported: len(ms), Refused: refused})
}
