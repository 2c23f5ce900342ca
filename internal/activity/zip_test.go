package activity

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"hash/crc32"
	"runtime"
	"testing"
	"time"

	"rebound/internal/imports/importstest"
)

type zipMember struct {
	name string
	data []byte
}

func makeZip(t testing.TB, members ...zipMember) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m.name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(m.data); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func gz(t testing.TB, data []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func names(files []File) []string {
	var out []string
	for _, f := range files {
		out = append(out, f.Name)
	}
	return out
}

func reasonOf(err error) string {
	var r *Refusal
	if errors.As(err, &r) {
		return r.Reason
	}
	if err == nil {
		return ""
	}
	return "not a refusal: " + err.Error()
}

// TestExpandStravaExport unpacks a zip laid out like Strava's bulk export:
// gzip'd workouts in activities/, a CSV and photos beside them, and the
// resource forks a Mac adds.
func TestExpandStravaExport(t *testing.T) {
	run, ride, tcx := fixture(t, "run.fit"), fixture(t, "ride.fit"), fixture(t, "ride.tcx")
	up := makeZip(t,
		zipMember{"export_123/", nil},
		zipMember{"export_123/activities.csv", []byte("Activity ID,Activity Date\n1,2024-05-04\n")},
		zipMember{"export_123/activities/11.fit.gz", gz(t, run)},
		zipMember{"export_123/activities/12.GPX", fixture(t, "run.gpx")},
		zipMember{"export_123/activities/13.tcx.gz", gz(t, tcx)},
		zipMember{"export_123/activities/14.fit", ride},
		zipMember{"export_123/media/photo.jpg", []byte("\xff\xd8\xff")},
		zipMember{"__MACOSX/export_123/activities/._14.fit", []byte("resource fork")},
		zipMember{"export_123/activities/.hidden.fit", []byte("not a workout")},
	)
	files, err := Expand("export_123.zip", up, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"export_123/activities/11.fit", "export_123/activities/12.GPX", "export_123/activities/13.tcx", "export_123/activities/14.fit"}
	if fmt.Sprint(names(files)) != fmt.Sprint(want) {
		t.Fatalf("files %q, want %q", names(files), want)
	}
	for i, data := range [][]byte{run, fixture(t, "run.gpx"), tcx, ride} {
		if files[i].Err != nil || !bytes.Equal(files[i].Data, data) {
			t.Errorf("%s: %d bytes, %v; want the original %d bytes", files[i].Name, len(files[i].Data), files[i].Err, len(data))
		}
	}
}

// TestExpandGarminExport finds the FIT files in the zip inside the zip that
// Garmin Connect's account export holds them in.
func TestExpandGarminExport(t *testing.T) {
	inner := makeZip(t, zipMember{"maya_2024-05-04.fit", fixture(t, "run.fit")}, zipMember{"notes.txt", []byte("x")})
	up := makeZip(t,
		zipMember{"DI_CONNECT/DI-Connect-User/user_profile.json", []byte("{}")},
		zipMember{"DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip", inner},
	)
	files, err := Expand("garmin.zip", up, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 1 || files[0].Name != "DI_CONNECT/DI-Connect-Uploaded-Files/UploadedFiles_0-_Part1.zip/maya_2024-05-04.fit" ||
		!bytes.Equal(files[0].Data, fixture(t, "run.fit")) {
		t.Errorf("got %q", names(files))
	}
}

func TestExpandSingleFiles(t *testing.T) {
	run := fixture(t, "run.fit")
	files, err := Expand("run.fit", run, DefaultLimits)
	if err != nil || len(files) != 1 || files[0].Name != "run.fit" || !bytes.Equal(files[0].Data, run) {
		t.Errorf("a plain file: %q, %v", names(files), err)
	}
	files, err = Expand("11.fit.gz", gz(t, run), DefaultLimits)
	if err != nil || len(files) != 1 || files[0].Name != "11.fit" || !bytes.Equal(files[0].Data, run) {
		t.Errorf("a gzip file: %q, %v", names(files), err)
	}
}

// bomb is a zip member of n zero bytes, deflated to about a thousandth.
func bomb(t testing.TB, name string, n int, declared uint64) []byte {
	t.Helper()
	var body bytes.Buffer
	fw, _ := flate.NewWriter(&body, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	crc := crc32.NewIEEE()
	for written := 0; written < n; written += len(zeros) {
		fw.Write(zeros)
		crc.Write(zeros)
	}
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc.Sum32(),
		CompressedSize64: uint64(body.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(body.Bytes())
	zw.Close()
	return buf.Bytes()
}

// allocated is how many bytes f allocates.
func allocated(f func()) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

func TestExpandStopsZipBombs(t *testing.T) {
	lim := Limits{MaxFileBytes: 1 << 20, MaxTotalBytes: 4 << 20, MaxFiles: 10}
	for _, tt := range []struct {
		name     string
		declared uint64
		reason   string
	}{
		// An honest header: refused for its size once 1 MB has been read.
		{"honest header", 64 << 20, "This file is larger than 1 MB once unpacked, more than any workout needs."},
		// A header claiming 1 KB: the zip reader stops at the claimed size
		// and finds the member damaged; either way nothing big is read.
		{"lying header", 1 << 10, "This file is damaged and cannot be unpacked."},
	} {
		up := bomb(t, "activities/bomb.fit", 64<<20, tt.declared)
		var files []File
		var err error
		alloc := allocated(func() { files, err = Expand("bomb.zip", up, lim) })
		if err != nil || len(files) != 1 || files[0].Name != "activities/bomb.fit" || files[0].Data != nil ||
			reasonOf(files[0].Err) != tt.reason {
			t.Errorf("%s: %q, %v, err %v", tt.name, names(files), files, err)
		}
		if alloc > 8<<20 {
			t.Errorf("%s: unpacking a 64 MB bomb allocated %d MB", tt.name, alloc>>20)
		}
	}

	// A gzip'd member inflating past the limit, under the default limits.
	up := makeZip(t, zipMember{"activities/1.fit.gz", gz(t, make([]byte, 26<<20))})
	files, err := Expand("export.zip", up, DefaultLimits)
	if err != nil || len(files) != 1 || reasonOf(files[0].Err) != "This file is larger than 25 MB once unpacked, more than any workout needs." {
		t.Errorf("gzip bomb: %v, %v", files, err)
	}
}

func TestExpandRefusals(t *testing.T) {
	run := fixture(t, "run.fit")
	var many []zipMember
	for i := range 11 {
		many = append(many, zipMember{fmt.Sprintf("a/%d.fit", i), run})
	}
	var big []zipMember
	for i := range 5 {
		big = append(big, zipMember{fmt.Sprintf("a/%d.fit", i), make([]byte, 900<<10)})
	}
	lim := Limits{MaxFileBytes: 1 << 20, MaxTotalBytes: 4 << 20, MaxFiles: 10}
	tests := []struct {
		name   string
		data   []byte
		reason string
	}{
		{"too many files", makeZip(t, many...), "This upload holds more than 10 workout files: split it into smaller zips."},
		{"too many bytes", makeZip(t, big...), "This upload unpacks to more than 4 MB: split it into smaller zips."},
		{"no workouts", makeZip(t, zipMember{"photo.jpg", []byte("jpeg")}), "This zip holds no FIT, GPX or TCX files."},
		{"empty zip", makeZip(t), "This zip holds no FIT, GPX or TCX files."},
		{"damaged zip", append([]byte("PK\x03\x04"), make([]byte, 100)...), "This zip file is damaged and cannot be opened."},
		{"too large", make([]byte, 2<<20), "This file is larger than 1 MB once unpacked, more than any workout needs."},
		{"damaged gzip", []byte{0x1f, 0x8b, 8, 0, 0, 0}, "This file is damaged and cannot be unpacked."},
	}
	for _, tt := range tests {
		files, err := Expand(tt.name, tt.data, lim)
		if got := reasonOf(err); got != tt.reason {
			t.Errorf("%s: %q (%d files), want %q", tt.name, got, len(files), tt.reason)
		}
	}

	// One damaged member does not spoil the rest.
	broken := gz(t, run)
	broken[len(broken)-5] ^= 0xff // the gzip CRC
	files, err := Expand("x.zip", makeZip(t, zipMember{"a.fit.gz", broken}, zipMember{"b.fit", run}), lim)
	if err != nil || len(files) != 2 || reasonOf(files[0].Err) != "This file is damaged and cannot be unpacked." ||
		files[1].Err != nil || !bytes.Equal(files[1].Data, run) {
		t.Errorf("damaged member: %v, %v", names(files), err)
	}
}

// workoutGenerators make the valid fixtures' workouts on any day.
var workoutGenerators = []struct {
	ext  string
	legs int
	make func(start time.Time) []byte
}{
	{"gpx", 1, func(s time.Time) []byte { return runGPX(s, 10*time.Second) }},
	{"fit", 1, runFIT},
	{"fit", 1, rideFIT},
	{"tcx", 1, rideTCX},
	{"fit", 1, poolSwimFIT},
	{"fit", 3, importstest.Triathlon},
}

// export300 is a Strava-like export of 300 workouts, one every 30 h from
// 2023, a third of them gzip'd, in nested folders; it also returns how many
// activities they hold.
func export300(t testing.TB) ([]byte, int) {
	t.Helper()
	var members []zipMember
	acts := 0
	start := time.Date(2023, 1, 2, 6, 0, 0, 0, time.UTC)
	for i := range 300 {
		g := workoutGenerators[i%len(workoutGenerators)]
		data := g.make(start.Add(time.Duration(i) * 30 * time.Hour))
		name := fmt.Sprintf("export/activities/%d/%d.%s", i/100, 1000+i, g.ext)
		if i%3 == 0 {
			name, data = name+".gz", gz(t, data)
		}
		members = append(members, zipMember{name, data})
		acts += g.legs
	}
	members = append(members, zipMember{"export/activities.csv", []byte("id\n")}, zipMember{"export/profile.json", []byte("{}")})
	return makeZip(t, members...), acts
}

func TestExpandAndDecode300(t *testing.T) {
	up, want := export300(t)
	files, err := Expand("export.zip", up, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) != 300 {
		t.Fatalf("%d files, want 300", len(files))
	}
	starts := map[time.Time]bool{}
	hashes := map[string]bool{}
	for _, f := range files {
		if f.Err != nil {
			t.Fatalf("%s: %v", f.Name, f.Err)
		}
		acts, err := Decode(f.Name, f.Data, WithNow(now))
		if err != nil {
			t.Fatalf("%s: %v", f.Name, err)
		}
		for _, a := range acts {
			starts[a.Start] = true
		}
		hashes[Hash(f.Data)] = true
	}
	if len(starts) != want || len(hashes) != 300 {
		t.Errorf("%d distinct starts, %d distinct hashes; want %d and 300", len(starts), len(hashes), want)
	}
}

// BenchmarkExpandAndDecode300 unpacks a 300-workout export and decodes
// every file, as an athlete's first import does.
func BenchmarkExpandAndDecode300(b *testing.B) {
	up, _ := export300(b)
	b.SetBytes(int64(len(up)))
	b.ReportAllocs()
	for b.Loop() {
		files, err := Expand("export.zip", up, DefaultLimits)
		if err != nil {
			b.Fatal(err)
		}
		for _, f := range files {
			if _, err := Decode(f.Name, f.Data, WithNow(now)); err != nil {
				b.Fatal(err)
			}
		}
	}
}
