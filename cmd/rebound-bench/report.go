package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// report prints the results: per endpoint its rate, latencies, errors,
// bytes and statements per request, and its share of the ceilings.
func report(w io.Writer, o options, results []result, rss, peak int64) {
	var healthz, upsert float64
	for _, r := range results {
		switch {
		case strings.HasPrefix(r.name, "healthz"):
			healthz = r.rate()
		case strings.HasPrefix(r.name, "check-in upsert"):
			upsert = r.rate()
		}
	}
	ms := func(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d.Microseconds())/1000) }
	ratio := func(v, of float64) string {
		if of == 0 {
			return "–"
		}
		return fmt.Sprintf("%.1f %%", 100*v/of)
	}
	head := []string{"endpoint", "conc.", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors", "bytes/resp", "SQL/req", "server CPU ms/req", "DB CPU ms/req", "of healthz", "of upsert"}
	var rows [][]string
	for _, r := range results {
		ofHealthz, ofUpsert := ratio(r.rate(), healthz), "–"
		switch {
		case strings.HasPrefix(r.name, "check-in"):
			ofUpsert = ratio(r.rate(), upsert)
		case strings.HasPrefix(r.name, "refresh"): // no HTTP: the store's call alone
			ofHealthz = "–"
		}
		rows = append(rows, []string{r.name, fmt.Sprint(r.concurrency), fmt.Sprint(r.count()), fmt.Sprintf("%.0f", r.rate()),
			ms(r.percentile(50)), ms(r.percentile(95)), ms(r.percentile(99)), ms(r.percentile(100)), fmt.Sprint(r.errors()),
			fmt.Sprintf("%.0f", r.meanBytes()), fmt.Sprintf("%.1f", r.queries), r.perRequest(r.serverCPU), r.perRequest(r.dbCPU), ofHealthz, ofUpsert})
	}
	fmt.Fprintf(w, "\nRebound under load: %d athletes × %d days, %s per endpoint, on %s\n\n", o.athletes, o.days, o.duration, machine())
	if o.markdown {
		fmt.Fprintf(w, "| %s |\n|%s\n", strings.Join(head, " | "), strings.Repeat("---|", len(head)))
		for _, row := range rows {
			fmt.Fprintf(w, "| %s |\n", strings.Join(row, " | "))
		}
	} else {
		widths := make([]int, len(head))
		for _, row := range append([][]string{head}, rows...) {
			for i, c := range row {
				widths[i] = max(widths[i], len([]rune(c)))
			}
		}
		for _, row := range append([][]string{head}, rows...) {
			for i, c := range row {
				fmt.Fprintf(w, "%-*s  ", widths[i], c)
			}
			fmt.Fprintln(w)
		}
	}
	fmt.Fprintf(w, "\nServer memory: %d MB resident now, %d MB at its peak.\n", rss>>20, peak>>20)
	fmt.Fprintln(w, "Bytes are as sent (gzip where the server compresses); SQL/req is from the server's request log;")
	fmt.Fprintln(w, "CPU is the server process's and the private PostgreSQL's (all its processes), per request.")
	fmt.Fprintln(w, "A refresh after change is the dashboard's versions call recomputing one athlete's kept row, called through the")
	fmt.Fprintln(w, "store with its clock set to that day, one at a time; its DB CPU is that connection's backend alone.")
}
