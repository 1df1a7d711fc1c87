package harness

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func rawRuns() []Run {
	t0 := time.Date(2026, 11, 22, 15, 30, 0, 0, time.UTC)
	return []Run{
		{Job: Job{Impl: ImplGo, Kernel: "cg", Class: 'S', Places: 0, Rep: 1}, Seq: 1, Status: StatusOK, Seconds: 0.0123, Mops: 5432.1,
			Verified: true, PeakRSSKiB: 12345, Started: t0, Wall: 150 * time.Millisecond, GOMAXPROCS: 2, CPUs: []int{0}, PinUsed: "compact"},
		{Job: Job{Impl: ImplGo, Kernel: "cg", Class: 'S', Places: 2, Rep: 1}, Seq: 2, Status: StatusFailed, Err: `exit status 2: npb run: "x, y"`,
			ExitCode: 2, Started: t0.Add(time.Second), Wall: 20 * time.Millisecond, Seconds: math.NaN(), Mops: math.NaN()},
		{Job: Job{Impl: ImplFortran, Kernel: "cg", Class: 'S', Places: 2, Rep: 1}, Seq: 3, Status: StatusUnverified, Err: "verification failed",
			LogTime: true, Seconds: 0.02, Mops: 3000, Started: t0.Add(2 * time.Second), Wall: time.Second, GOMAXPROCS: 2, CPUs: []int{0, 1}, PinUsed: "spread"},
	}
}

// TestRawCSVRoundTrip: what WriteRawCSV writes, ReadRawCSV reads back
// whole, so a resumed sweep rewrites the same rows.
func TestRawCSVRoundTrip(t *testing.T) {
	var b bytes.Buffer
	if err := WriteRawCSV(&b, rawRuns()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "raw.csv")
	os.WriteFile(path, b.Bytes(), 0o644)
	got, err := ReadRawCSV(path)
	if err != nil {
		t.Fatal(err)
	}
	var again bytes.Buffer
	WriteRawCSV(&again, got)
	if again.String() != b.String() {
		t.Errorf("rewritten raw.csv differs:\n%s\nwant\n%s", again.String(), b.String())
	}
	want := rawRuns()
	for i := range want {
		if want[i].Status == StatusFailed {
			continue // seconds are not written for a failed run
		}
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("run %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

// TestRawCSVCutShort cuts raw.csv at every byte of its last row: each cut
// is an error naming the file and line (it was once read silently, the
// partial row counted as a run), except a cut at the end of a row.
func TestRawCSVCutShort(t *testing.T) {
	var b bytes.Buffer
	WriteRawCSV(&b, rawRuns())
	full := b.Bytes()
	lastRow := bytes.LastIndexByte(full[:len(full)-1], '\n') + 1
	path := filepath.Join(t.TempDir(), "raw.csv")
	for n := lastRow + 1; n < len(full); n++ {
		os.WriteFile(path, full[:n], 0o644)
		runs, err := ReadRawCSV(path)
		if err == nil {
			t.Errorf("cut at byte %d of %d (%q): read %d runs, no error", n, len(full), full[lastRow:n], len(runs))
			continue
		}
		if !strings.HasPrefix(err.Error(), "harness: "+path+":4: ") {
			t.Errorf("cut at byte %d: error %q does not name %s:4", n, err, path)
		}
	}
	os.WriteFile(path, full[:lastRow], 0o644)
	if runs, err := ReadRawCSV(path); err != nil || len(runs) != 2 {
		t.Errorf("cut at a row's end: %d runs, %v; want the 2 whole rows", len(runs), err)
	}
}

func TestRawCSVMalformed(t *testing.T) {
	header := strings.Join(rawHeader, ",") + "\n"
	good := "go,cg,S,2,1,2,0.5,100,true,ok,0,1000,0.700,2026-11-22T15:30:00Z,2,compact,0 1,logs/cg.S.p2.r1.txt,\n"
	tests := []struct {
		body, want string
	}{
		{"", "empty file"},
		{"impl,kernel\n", `no "class" column`},
		{header + good + "go,cg,S,2,1,2,0.5\n", ":3: row cut short or malformed"},
		{header + strings.Replace(good, ",ok,", ",fine,", 1), `:2: bad status "fine"`},
		{header + strings.Replace(good, ",true,", ",yes,", 1), `:2: bad verified "yes"`},
		{header + strings.Replace(good, "go,cg,S,2,1", "go,cg,S,2,0", 1), `:2: bad rep "0"`},
		{header + strings.Replace(good, "go,cg,S,2,", "go,cg,S,"+strings.Repeat("9", 1000)+",", 1), `:2: bad places "9999999999999999999999999999999999999999…"`},
		{header + strings.Replace(good, ",0.5,", ",,", 1), `:2: the time is not a number`},
		{header + strings.Replace(good, ",0.5,", ",-0.5,", 1), `:2: the time is -0.5 s`},
		{header + strings.Replace(good, ",true,", ",false,", 1), `:2: status ok but verified false`},
		{header + strings.Replace(good, ",0 1,", ",0 x,", 1), `:2: bad cpus "0 x"`},
		{header + good + `go,cg,S,2,1,2,0.5,100,true,ok,0,1000,0.7,2026-11-22T15:30:00Z,2,compact,0 1,logs/x.txt,"unterminated` + "\n", `:3: extraneous or missing " in quoted-field`},
	}
	path := filepath.Join(t.TempDir(), "raw.csv")
	for _, tc := range tests {
		os.WriteFile(path, []byte(tc.body), 0o644)
		_, err := ReadRawCSV(path)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "harness: "+path) {
			t.Errorf("%q: error %v, want one naming %s with %q", tc.body, err, path, tc.want)
		}
	}
}
