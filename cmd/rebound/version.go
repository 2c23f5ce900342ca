package main

import (
	"fmt"
	"io"
	"runtime"
	"runtime/debug"
)

func printVersion(args []string, stdout, stderr io.Writer) error {
	fs := newFlagSet("version", "version", stderr)
	if err := fs.Parse(args); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "rebound %s (%s, %s/%s", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, s := range info.Settings {
			if s.Key == "vcs.revision" {
				fmt.Fprintf(stdout, ", commit %.12s", s.Value)
			}
		}
	}
	fmt.Fprintln(stdout, ")")
	return nil
}
