package harness

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "times.md")
	for _, content := range []string{"first\n", "second, longer\n", ""} {
		if err := WriteFileAtomic(p, []byte(content)); err != nil {
			t.Fatal(err)
		}
		if got := readFile(t, p); got != content {
			t.Fatalf("content %q, want %q", got, content)
		}
		if fi, _ := os.Stat(p); fi.Mode().Perm() != 0o644 {
			t.Errorf("mode %v", fi.Mode())
		}
	}
	// A failed write leaves the old file whole and no temporary behind.
	err := writeAtomic(p, func(w io.Writer) error {
		io.WriteString(w, "torn")
		return errors.New("disk full")
	})
	if err == nil || !strings.Contains(err.Error(), "writing "+p+": disk full") {
		t.Fatalf("error %v", err)
	}
	if got := readFile(t, p); got != "" {
		t.Errorf("old content replaced by %q", got)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("directory holds %d entries, want only times.md", len(ents))
	}
	// An unwritable place names the file.
	bad := filepath.Join(dir, "times.md", "raw.csv") // a file used as a directory
	err = WriteFileAtomic(bad, []byte("x"))
	if err == nil || !strings.HasPrefix(err.Error(), "harness: cannot write "+bad+": ") {
		t.Errorf("error %v", err)
	}
}
