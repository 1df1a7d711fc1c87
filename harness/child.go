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
// this process. When it ends, so does whatever it left running in its
// process group (a script's background job, an NPB binary's helper), which
// would otherwise live on with parent 1.
func RunChild(cmd *exec.Cmd) error {
	if err := startChild(cmd); err != nil {
		return err
	}
	err := cmd.Wait()
	endGroup(cmd.Process.Pid)
	return err
}

// endGroup kills every process left in the process group of the child
// pid, which startChild made its leader. The group's id stays reserved
// while any member lives, so this reaches no one else's processes.
func endGroup(pid int) error {
	err := syscall.Kill(-pid, syscall.SIGKILL)
	if err == syscall.ESRCH {
		return nil // the group is already empty
	}
	return err
}
