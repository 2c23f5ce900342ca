package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// CPU time is counted as well as latency: on a machine shared with other
// work the latencies stretch, while the CPU a request costs the server and
// the database stays what it is.

// clockTick is the unit of /proc's CPU times (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

// procStat is the fields of /proc/PID/stat after the command's name.
func procStat(pid int) []string {
	data, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return nil
	}
	s := string(data)
	return strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
}

// ticks sums the fields at the given indexes (after the name: 11 utime,
// 12 stime, 13 cutime, 14 cstime).
func ticks(f []string, idx ...int) time.Duration {
	var t time.Duration
	for _, i := range idx {
		if i < len(f) {
			n, _ := strconv.ParseInt(f[i], 10, 64)
			t += time.Duration(n) * clockTick
		}
	}
	return t
}

// processCPU is the CPU time process pid has used.
func processCPU(pid int) time.Duration { return ticks(procStat(pid), 11, 12) }

// treeCPU is the CPU time of process root and its children, those still
// running and those it has waited for: a PostgreSQL server and its
// backends.
func treeCPU(root int) time.Duration {
	total := ticks(procStat(root), 11, 12, 13, 14)
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == root {
			continue
		}
		if f := procStat(pid); len(f) > 1 && f[1] == strconv.Itoa(root) {
			total += ticks(f, 11, 12)
		}
	}
	return total
}

// postmaster is the process id of the PostgreSQL server of a data
// directory (0: not running or not known).
func postmaster(pgdata string) int {
	data, err := os.ReadFile(filepath.Join(pgdata, "postmaster.pid"))
	if err != nil {
		return 0
	}
	pid, _ := strconv.Atoi(strings.TrimSpace(strings.SplitN(string(data), "\n", 2)[0]))
	return pid
}
