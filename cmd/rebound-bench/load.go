package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"net/http"
	"slices"
	"sync"
	"time"
)

// sample is one request's outcome.
type sample struct {
	took    time.Duration
	status  int
	bytes   int
	id      string // the server's X-Request-Id
	failure string // transport error, or an unexpected status
}

// result is one endpoint's run.
type result struct {
	name        string
	concurrency int
	elapsed     time.Duration
	samples     []sample
	queries     float64       // mean SQL statements per request, from the server's log
	serverCPU   time.Duration // the server's CPU time over the run (0: not measured)
	dbCPU       time.Duration // the private PostgreSQL's (0: not measured)
}

// perRequest is a CPU time per request, in ms ("–": not measured).
func (r result) perRequest(cpu time.Duration) string {
	if cpu == 0 || len(r.samples) == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", float64(cpu.Microseconds())/1000/float64(len(r.samples)))
}

func (r result) count() int { return len(r.samples) }

func (r result) rate() float64 { return float64(len(r.samples)) / r.elapsed.Seconds() }

func (r result) errors() int {
	n := 0
	for _, s := range r.samples {
		if s.failure != "" {
			n++
		}
	}
	return n
}

// percentile is the p-th percentile latency (nearest rank).
func (r result) percentile(p float64) time.Duration {
	if len(r.samples) == 0 {
		return 0
	}
	ds := make([]time.Duration, len(r.samples))
	for i, s := range r.samples {
		ds[i] = s.took
	}
	slices.Sort(ds)
	i := int(math.Ceil(p/100*float64(len(ds)))) - 1
	return ds[max(i, 0)]
}

func (r result) meanBytes() float64 {
	if len(r.samples) == 0 {
		return 0
	}
	total := 0
	for _, s := range r.samples {
		total += s.bytes
	}
	return float64(total) / float64(len(r.samples))
}

// run drives do from `concurrency` workers for d, or until maxRequests
// requests are done, whichever comes first: the load is bounded and stops
// by itself. Each worker waits for its answer before the next request
// (a closed loop), so the rate measured is what the server sustains.
func run(name string, concurrency int, d time.Duration, maxRequests int, do func(ctx context.Context, worker, i int) sample) result {
	ctx, cancel := context.WithTimeout(context.Background(), d)
	defer cancel()
	var mu sync.Mutex
	var samples []sample
	var wg sync.WaitGroup
	started := time.Now()
	budget := make(chan struct{}, maxRequests)
	for range maxRequests {
		budget <- struct{}{}
	}
	close(budget)
	for w := range concurrency {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var mine []sample
			for i := 0; ctx.Err() == nil; i++ {
				if _, ok := <-budget; !ok {
					break
				}
				mine = append(mine, do(ctx, w, i))
			}
			mu.Lock()
			samples = append(samples, mine...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	// A request cut off by the end of the run is not a server error.
	samples = slices.DeleteFunc(samples, func(s sample) bool { return s.failure == "cancelled" })
	return result{name: name, concurrency: concurrency, elapsed: time.Since(started), samples: samples}
}

// fetch sends req, reads the whole (compressed) body and times it.
func fetch(ctx context.Context, client *http.Client, req *http.Request, want int) sample {
	began := time.Now()
	resp, err := client.Do(req.WithContext(ctx))
	if err != nil {
		if ctx.Err() != nil {
			return sample{failure: "cancelled"}
		}
		return sample{took: time.Since(began), failure: err.Error()}
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	s := sample{took: time.Since(began), status: resp.StatusCode, bytes: int(n), id: resp.Header.Get("X-Request-Id")}
	switch {
	case err != nil && ctx.Err() != nil:
		s.failure = "cancelled"
	case err != nil:
		s.failure = err.Error()
	case resp.StatusCode != want:
		s.failure = fmt.Sprintf("status %d", resp.StatusCode)
	}
	return s
}
