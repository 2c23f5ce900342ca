package activity

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"path"
	"strconv"
	"strings"
)

// File is one workout file unpacked by Expand. Err, when set, is the
// *Refusal saying why this one member could not be unpacked; Data is nil then.
type File struct {
	Name string // the path inside the upload, without a trailing .gz
	Data []byte
	Err  error
}

// Limits bound what Expand unpacks from one upload. A zero field takes the
// default's value.
type Limits struct {
	MaxFileBytes  int64 // largest workout file once unpacked
	MaxTotalBytes int64 // most bytes unpacked from one upload, counting every member and nested zip
	MaxFiles      int   // most workout files in one upload
}

// DefaultLimits are generous for real exports — a 24-hour race at one record
// a second is a few MB of FIT, a Strava bulk export of ten years a few
// thousand files — and small enough that a zip bomb is stopped early.
var DefaultLimits = Limits{MaxFileBytes: 25 << 20, MaxTotalBytes: 1 << 30, MaxFiles: 5000}

func (l Limits) orDefault() Limits {
	if l.MaxFileBytes <= 0 {
		l.MaxFileBytes = DefaultLimits.MaxFileBytes
	}
	if l.MaxTotalBytes <= 0 {
		l.MaxTotalBytes = DefaultLimits.MaxTotalBytes
	}
	if l.MaxFiles <= 0 {
		l.MaxFiles = DefaultLimits.MaxFiles
	}
	return l
}

// maxZipDepth is how deep zips may nest: Garmin's account export puts the
// uploaded FIT files in zips inside the export's zip.
const maxZipDepth = 2

// Expand unpacks an upload into its workout files. A zip — a Garmin Connect
// or Strava bulk export, with folders, gzip'd members such as Strava's
// activities/123.fit.gz, and zips inside it — gives its .fit, .gpx and .tcx
// members (gzip'd or not) in archive order and skips everything else
// silently; a gzip file gives its content; anything else is returned as it
// is, for Decode to judge.
//
// The sizes a zip declares are never trusted: bytes are counted as they are
// inflated and reading stops at the limit. A member over MaxFileBytes, or
// damaged, comes back with Err set; going over MaxTotalBytes or MaxFiles
// refuses the whole upload. Every error is a *Refusal.
func Expand(name string, data []byte, lim Limits) ([]File, error) {
	e := expander{lim: lim.orDefault()}
	switch sniff(data) {
	case kindZip:
		if err := e.zip("", data, 1); err != nil {
			return nil, err
		}
		if len(e.files) == 0 {
			return nil, refuse("This zip holds no FIT, GPX or TCX files.")
		}
		return e.files, nil
	case kindGzip:
		b, err := e.inflate(gzipOpener(bytes.NewReader(data)), e.lim.MaxFileBytes)
		var stop fatal
		if errors.As(err, &stop) {
			return nil, stop.Refusal
		}
		if err != nil {
			return nil, err
		}
		return []File{{Name: trimGz(name), Data: b}}, nil
	}
	if int64(len(data)) > e.lim.MaxFileBytes {
		return nil, errFileTooLarge(e.lim)
	}
	return []File{{Name: name, Data: data}}, nil
}

type expander struct {
	lim   Limits
	total int64
	count int
	files []File
}

// fatal marks the refusals that stop the whole upload, as opposed to those of
// one member.
type fatal struct{ *Refusal }

func (e *expander) zip(prefix string, data []byte, depth int) error {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil && !errors.Is(err, zip.ErrInsecurePath) { // names are only shown, never used as paths
		if depth == 1 {
			return &Refusal{Reason: "This zip file is damaged and cannot be opened.", Err: err}
		}
		e.files = append(e.files, File{Name: strings.TrimSuffix(prefix, "/"), Err: &Refusal{Reason: "This zip inside the upload is damaged and cannot be opened.", Err: err}})
		return nil
	}
	n := 0 // what this zip adds to the upload's files: its workouts, and its zips should they be damaged
	for _, f := range zr.File {
		if k := memberKind(f); k == memberWorkout || k == memberGzWorkout || k == memberZip && depth < maxZipDepth {
			n++
		}
	}
	if e.count+n > e.lim.MaxFiles {
		return refuse("This upload holds more than %s workout files: split it into smaller zips.", thousands(e.lim.MaxFiles))
	}
	e.count += n
	for _, f := range zr.File {
		k := memberKind(f)
		if k == memberSkip || k == memberZip && depth >= maxZipDepth {
			continue
		}
		name := prefix + f.Name
		limit := e.lim.MaxFileBytes
		if k == memberZip {
			limit = e.lim.MaxTotalBytes
		}
		b, err := e.inflate(zipOpener(f, k == memberGzWorkout), limit)
		var stop fatal
		switch {
		case errors.As(err, &stop):
			return stop.Refusal
		case err != nil:
			e.files = append(e.files, File{Name: trimGz(name), Err: err})
		case k == memberZip:
			e.count-- // counted in case it was damaged; its members count instead
			if err := e.zip(name+"/", b, depth+1); err != nil {
				return err
			}
		default:
			e.files = append(e.files, File{Name: trimGz(name), Data: b})
		}
	}
	return nil
}

type opener func() (io.ReadCloser, error)

func zipOpener(f *zip.File, gz bool) opener {
	return func() (io.ReadCloser, error) {
		rc, err := f.Open()
		if err != nil || !gz {
			return rc, err
		}
		zr, err := gzip.NewReader(rc)
		if err != nil {
			rc.Close()
			return nil, err
		}
		return readCloser{zr, rc}, nil
	}
}

func gzipOpener(r io.Reader) opener {
	return func() (io.ReadCloser, error) { return gzip.NewReader(r) }
}

type readCloser struct {
	io.Reader
	io.Closer
}

// inflate reads what open gives, at most limit bytes (one more to tell that
// there was more), counting every byte against the upload's total.
func (e *expander) inflate(open opener, limit int64) ([]byte, error) {
	rc, err := open()
	if err != nil {
		return nil, &Refusal{Reason: "This file is damaged and cannot be unpacked.", Err: err}
	}
	defer rc.Close()
	limit = min(limit, e.lim.MaxTotalBytes-e.total)
	b, err := io.ReadAll(io.LimitReader(rc, limit+1))
	e.total += int64(len(b))
	switch {
	case e.total > e.lim.MaxTotalBytes:
		return nil, fatal{refuse("This upload unpacks to more than %s: split it into smaller zips.", mb(e.lim.MaxTotalBytes))}
	case int64(len(b)) > limit:
		return nil, errFileTooLarge(e.lim)
	case err != nil:
		return nil, &Refusal{Reason: "This file is damaged and cannot be unpacked.", Err: err}
	}
	return b, nil
}

func (f fatal) Error() string { return f.Reason }

func errFileTooLarge(l Limits) *Refusal {
	return refuse("This file is larger than %s once unpacked, more than any workout needs.", mb(l.MaxFileBytes))
}

type member int

const (
	memberSkip member = iota
	memberWorkout
	memberGzWorkout
	memberZip
)

// memberKind tells a zip member's kind by its name: workout files are .fit,
// .gpx and .tcx, gzip'd or not, in any letter case. Folders, hidden files and
// the resource forks macOS adds under __MACOSX are skipped.
func memberKind(f *zip.File) member {
	name := strings.ReplaceAll(f.Name, `\`, "/")
	if f.Mode().IsDir() || strings.HasSuffix(name, "/") || strings.HasPrefix(path.Base(name), ".") ||
		strings.HasPrefix(name, "__MACOSX/") || strings.Contains(name, "/__MACOSX/") {
		return memberSkip
	}
	lower := strings.ToLower(name)
	gz := strings.HasSuffix(lower, ".gz")
	switch path.Ext(strings.TrimSuffix(lower, ".gz")) {
	case ".fit", ".gpx", ".tcx":
		if gz {
			return memberGzWorkout
		}
		return memberWorkout
	case ".zip":
		if !gz {
			return memberZip
		}
	}
	return memberSkip
}

func trimGz(name string) string {
	if strings.HasSuffix(strings.ToLower(name), ".gz") {
		return name[:len(name)-3]
	}
	return name
}

// thousands writes n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
