//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package staging

import (
	"fmt"
	"os"
	"syscall"
)

// lockDir takes an exclusive advisory lock on the folder dir, waiting for
// runs in this or other processes that hold it, and returns the function
// that releases it. Runs that write one output folder at once thus swap
// their entries in one after the other, each leaving a complete set.
func lockDir(dir string) (func(), error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", dir, err)
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
