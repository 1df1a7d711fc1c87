package harness

import (
	"os"
	"os/exec"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestChildOutlivesStartingThread: the parent-death signal fires when the
// thread that forked the child exits. A child started from a goroutine
// whose thread then exits (a goroutine that ends locked to its thread
// takes the thread with it) must live on: children are forked from a
// thread kept for the life of the process.
func TestChildOutlivesStartingThread(t *testing.T) {
	var cmd *exec.Cmd
	for cmd == nil {
		started := make(chan *exec.Cmd)
		go func() {
			runtime.LockOSThread() // never unlocked: the thread exits with the goroutine
			if syscall.Gettid() == os.Getpid() {
				// The main thread never exits; try another.
				started <- nil
				return
			}
			c := exec.Command("sleep", "30")
			if err := startChild(c); err != nil {
				t.Error(err)
			}
			started <- c
		}()
		cmd = <-started
	}
	if t.Failed() {
		return
	}
	defer cmd.Wait()
	defer cmd.Process.Kill()
	time.Sleep(300 * time.Millisecond)
	b, err := os.ReadFile("/proc/" + strconv.Itoa(cmd.Process.Pid) + "/stat")
	if err != nil {
		t.Fatal(err)
	}
	if s := string(b); strings.Contains(s[strings.LastIndexByte(s, ')'):], ") Z") {
		t.Fatalf("the child died with the thread that started it")
	}
}
