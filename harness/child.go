package harness

import (
	"os/exec"
	"runtime"
	"sync"
	"syscall"
)

// A child of the harness must die with it: a sweep killed with SIGKILL
// (or by a crash, or by an OOM killer) must not leave `npb run` or `npb
// probe` running on, reparented to init, in a process group of its own
// that no terminal signal reaches. Linux's parent-death signal does that,
// but it fires when the *thread* that forked the child exits, not the
// process, and the Go runtime forks from whichever thread runs the
// goroutine and may end threads (one whose goroutine exits locked to it).
// So every child is started from one goroutine locked to its thread for
// the life of the process: that thread exits only with the process.

var (
	spawnOnce sync.Once
	spawnReq  chan func()
)

// startChild starts cmd as a child that gets SIGKILL when this process
// dies, in a process group of its own (Ctrl-C at the terminal reaches the
// harness, which ends the child itself). Wait for it as usual.
func startChild(cmd *exec.Cmd) error {
	if cmd.SysProcAttr == nil {
		cmd.SysProcAttr = &syscall.SysProcAttr{}
	}
	cmd.SysProcAttr.Setpgid = true
	cmd.SysProcAttr.Pdeathsig = syscall.SIGKILL
	spawnOnce.Do(func() {
		spawnReq = make(chan func())
		go func() {
			runtime.LockOSThread() // never unlocked: the thread lives as long as the process
			for f := range spawnReq {
				f()
			}
		}()
	})
	errc := make(chan error, 1)
	spawnReq <- func() { errc <- cmd.Start() }
	return <-errc
}

// RunChild runs cmd to completion as startChild starts it: it dies with
// this process.
func RunChild(cmd *exec.Cmd) error {
	if err := startChild(cmd); err != nil {
		return err
	}
	return cmd.Wait()
}
