// Package cli implements the tollgate command line. Commands are thin: they
// read flags and configuration, call the library packages, and print.
package cli

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/tollgate-dev/tollgate/internal/config"
	"github.com/tollgate-dev/tollgate/internal/progressbar"
	"github.com/tollgate-dev/tollgate/internal/version"
)

// App is what every command shares: its I/O streams and the configuration.
type App struct {
	In  io.Reader
	Out io.Writer
	Err io.Writer
	// Terminal is true when Out is an interactive terminal (colour allowed).
	Terminal bool
	// ErrTerminal is true when Err is an interactive terminal (progress
	// bars allowed).
	ErrTerminal bool
	// Version is the version reported in outputs.
	Version string
	// ConfigPath is the --config flag value ("" = ./tollgate.yaml if present).
	ConfigPath string
	// bars shows the progress of the running command, when it does.
	bars *progressbar.Bars
}

// NewApp returns an App writing to the process's standard streams.
func NewApp() *App {
	return &App{
		In:          os.Stdin,
		Out:         os.Stdout,
		Err:         os.Stderr,
		Terminal:    isTerminal(os.Stdout) && os.Getenv("NO_COLOR") == "",
		ErrTerminal: isTerminal(os.Stderr),
		Version:     version.Version,
	}
}

// Config loads the configuration, binding the given flags (config key → flag
// name). args are the command's positional paths: a single folder may hold
// the tollgate.yaml of the project being assessed. Settings such a file may
// not make (see config.Load) are reported on standard error.
func (a *App) Config(cmdFlags flagSet, bindings map[string]string, args ...string) (*config.Loaded, error) {
	loaded, err := config.Load(a.ConfigPath, args, cmdFlags, bindings)
	if err != nil {
		return nil, &ExitError{Code: 2, Err: err}
	}
	if w := loaded.Warning(); w != "" {
		a.printf(a.Err, "warning: %s\n", w)
	}
	return loaded, nil
}

// ExitError carries the process exit code of a failed command.
type ExitError struct {
	Code int
	Err  error
	// Silent suppresses printing Err (the command already reported).
	Silent bool
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}

func (e *ExitError) Unwrap() error { return e.Err }

// ExitCode maps an error returned by a command to a process exit code: 0 for
// nil, the code of an ExitError, and 2 (usage or internal error) otherwise.
func ExitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *ExitError
	if errors.As(err, &ee) {
		return ee.Code
	}
	return 2
}

// usageError marks bad flags or arguments (exit 2).
func usageError(format string, args ...any) error {
	return &ExitError{Code: 2, Err: fmt.Errorf(format, args...)}
}

func isTerminal(f *os.File) bool {
	info, err := f.Stat()
	if err != nil {
		return false
	}
	return info.Mode()&os.ModeCharDevice != 0
}
