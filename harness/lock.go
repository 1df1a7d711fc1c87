package harness

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// ErrSweepInUse is a sweep directory that another npb bench holds: it is
// making the sweep's runs, and a second one would make the same runs
// again, each rewriting raw.csv and the logs under the other.
var ErrSweepInUse = errors.New("is in use by another npb bench (it holds the sweep's lock): let it finish or stop it first")

// lockDir takes the exclusive lock of a sweep directory (flock on the
// directory itself, so nothing is added to it and the lock goes with the
// process however it ends), without waiting. The file is closed on exec,
// so no run a sweep starts holds it.
func lockDir(dir string) (*os.File, error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("harness: not a sweep directory: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("harness: %s %w", dir, ErrSweepInUse)
		}
		return nil, fmt.Errorf("harness: cannot lock %s: %w", dir, err)
	}
	return f, nil
}

// ResumeSweep is OpenSweep for a sweep that is to be finished: it first
// takes the directory's lock, which the Sweep holds until Close, and
// refuses a directory another npb bench holds (ErrSweepInUse).
func ResumeSweep(dir string) (s *Sweep, notes []string, err error) {
	lock, err := lockDir(dir)
	if err != nil {
		return nil, nil, err
	}
	s, notes, err = OpenSweep(dir)
	if err != nil {
		lock.Close()
		return nil, nil, err
	}
	s.lock = lock
	return s, notes, nil
}

// Close releases the sweep directory's lock, if the sweep holds it
// (NewSweep, ResumeSweep).
func (s *Sweep) Close() error {
	if s.lock == nil {
		return nil
	}
	err := s.lock.Close()
	s.lock = nil
	return err
}
